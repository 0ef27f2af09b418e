"""The board's search (`q`): what a resident types, turned into what a case must match.

Only public text is searched: a case's id, and the names (zh and en) of its category (小类 and 大类),
its place (grid, community and the street and district above it) and its departments. A report's
description, place and contact are never searched, so a resident's name or phone number finds
nothing (the search would otherwise tell whether a given person reported something).

`q` holds up to `MAX_WORDS` words separated by spaces; a case must match every word, and a word
matches when any of its fields does. A word that looks like a reference (letters, digits and dashes)
may also be the case id or the start of it. The short case number (e.g. 五阳-1205-0012) joins here as
one more field of `Word` (`reference`), matched exactly, without changing the parameter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from chuishao_shared import case_numbers
from chuishao_shared.reference import ReferenceData

MAX_WORDS = 5
MAX_LENGTH = 100
MIN_ID_PREFIX = 4
_REFERENCE = re.compile(r"[0-9A-Za-z][0-9A-Za-z-]*")


@dataclass(frozen=True)
class Word:
    """One word of the query and every code whose public name holds it."""

    text: str
    reference: str | None  # the word as a case reference (an id or its prefix), lower-cased
    # The word as a short number (五阳-1205-0012, normalised): the case's own or a joined report's.
    number: str | None
    categories: frozenset[str]
    places: frozenset[str]  # communities and grids
    departments: frozenset[str]

    @property
    def empty(self) -> bool:
        return not (self.reference or self.number or self.categories or self.places or self.departments)


@dataclass(frozen=True)
class Search:
    words: tuple[Word, ...]

    @property
    def hopeless(self) -> bool:
        """Some word matches nothing at all: no case can match every word."""
        return any(w.empty for w in self.words)


def _has(word: str, *names: str) -> bool:
    return any(word in name.casefold() for name in names)


def words_of(q: str | None) -> list[str]:
    if not q:
        return []
    seen = dict.fromkeys(w.casefold() for w in q.replace("　", " ").split() if w.strip("#"))
    return [w.lstrip("#") for w in seen][:MAX_WORDS]


def parse(q: str | None, reference: ReferenceData) -> Search | None:
    """The search for `q`, or None when `q` holds no word."""
    words = words_of(q)
    if not words:
        return None
    return Search(tuple(_word(w, reference) for w in words))


def _word(word: str, ref: ReferenceData) -> Word:
    majors = {m.code for m in ref.majors.values() if _has(word, m.name, m.name_en, m.code)}
    categories = {c.code for c in ref.categories.values() if c.major in majors or _has(word, c.name, c.name_en, c.code)}
    places: set[str] = set()
    for node in ref.jurisdictions.values():
        if node.level == "grid" and _has(word, node.name, node.name_en, node.code):
            places.add(node.code)
        elif node.level == "community":
            chain = [ref.jurisdictions[c] for c in ref.chain(node.code) if c in ref.jurisdictions]
            if any(_has(word, n.name, n.name_en, n.code) for n in chain):
                places.add(node.code)
    departments = {d.code for d in ref.departments.values() if _has(word, d.name, d.name_en, d.code)}
    reference = word.lower() if len(word) >= MIN_ID_PREFIX and _REFERENCE.fullmatch(word) else None
    number = case_numbers.normalise(word) if case_numbers.looks_like_number(word) else None
    return Word(word, reference, number, frozenset(categories), frozenset(places), frozenset(departments))
