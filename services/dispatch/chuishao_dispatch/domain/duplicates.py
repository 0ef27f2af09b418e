"""Duplicate matching: is a new report the same matter as a live case's report?

Descriptions are compared by Jaccard similarity over character bigrams after dropping whitespace
and punctuation, which works for Chinese without a word segmenter: "3号楼下水道堵了" and
"三号楼下水道又堵塞" share 下水, 水道, 道堵 ….
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class MatterKey:
    category: str
    grid: str
    building: str | None
    description: str
    reported_at: datetime


def _normalise(text: str) -> str:
    """NFKC (full-width → half-width), case-folded, letters and digits only."""
    folded = unicodedata.normalize("NFKC", text or "").casefold()
    return "".join(ch for ch in folded if unicodedata.category(ch)[0] in ("L", "N"))


def _grams(text: str) -> set[str]:
    if len(text) < 2:
        return {text} if text else set()
    return {text[i : i + 2] for i in range(len(text) - 1)}


def similarity(a: str, b: str) -> float:
    """Jaccard similarity of the two texts' character bigrams, 0.0 … 1.0.

    A one-character text counts as its single character; a text with no letters or digits left
    (empty, punctuation only) is similar to nothing (0.0)."""
    grams_a, grams_b = _grams(_normalise(a)), _grams(_normalise(b))
    if not grams_a or not grams_b:
        return 0.0
    return len(grams_a & grams_b) / len(grams_a | grams_b)


def _same_building(a: str | None, b: str | None) -> bool:
    if not (a and a.strip()) or not (b and b.strip()):
        return True  # unknown on one side: the description decides
    return _normalise(a) == _normalise(b)


def is_same_matter(existing: MatterKey, new: MatterKey, *, window: timedelta, min_similarity: float = 0.3) -> bool:
    """Same category and grid, same building when both give one, reported within `window` of each
    other, and descriptions at least `min_similarity` alike."""
    return (
        existing.category == new.category
        and existing.grid == new.grid
        and _same_building(existing.building, new.building)
        and abs(new.reported_at - existing.reported_at) <= window
        and similarity(existing.description, new.description) >= min_similarity
    )


def best_match(
    existing: Iterable[tuple[str, MatterKey]],
    new: MatterKey,
    *,
    window: timedelta,
    min_similarity: float = 0.3,
) -> str | None:
    """The id of the most similar existing matter that is the same matter as `new`, if any
    (ties go to the earliest reported)."""
    same = [
        (similarity(key.description, new.description), key.reported_at, case_id)
        for case_id, key in existing
        if is_same_matter(key, new, window=window, min_similarity=min_similarity)
    ]
    if not same:
        return None
    return min(same, key=lambda s: (-s[0], s[1], s[2]))[2]
