"""Duplicate matching on Chinese descriptions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from chuishao_dispatch.domain import MatterKey, best_match, is_same_matter, similarity

SEWER = "5号楼2单元下水道堵塞，污水外溢"
T0 = datetime(2024, 5, 6, 1, 0, tzinfo=UTC)
WINDOW = timedelta(hours=24)


def key(description: str = SEWER, **overrides: object) -> MatterKey:
    values: dict[str, object] = {
        "category": "ENV-SEWER-BLOCKED",
        "grid": "XY-WQ-WY-G03",
        "building": "5号楼",
        "description": description,
        "reported_at": T0,
    }
    values.update(overrides)
    return MatterKey(**values)  # type: ignore[arg-type]


def test_identical_and_disjoint_texts() -> None:
    assert similarity(SEWER, SEWER) == 1.0
    assert similarity(SEWER, "楼道里有居民飞线给电动车充电") == 0.0
    assert similarity("噪音扰民", "邻里纠纷") == 0.0


def test_whitespace_punctuation_and_full_width_forms_are_ignored() -> None:
    assert similarity(SEWER, "５号楼２单元 下水道堵塞！污水外溢。") == 1.0
    assert similarity("Road lamp BROKEN", "road-lamp broken!") == 1.0


def test_the_same_matter_in_other_words_is_similar() -> None:
    assert similarity(SEWER, "5号楼2单元下水道又堵了，污水冒出来") == pytest.approx(0.429, abs=1e-3)
    assert similarity("3号楼楼道堆满杂物，占用消防通道", "3号楼一楼楼道杂物堆放，堵住消防通道") >= 0.3
    assert similarity("小区东门路灯不亮", "东门路灯坏了，晚上不亮") >= 0.3


def test_similarity_is_symmetric_and_bounded() -> None:
    pairs = [(SEWER, "下水道堵了"), ("路灯", "路灯坏了"), ("a", "ab"), ("", "下水道")]
    for a, b in pairs:
        assert similarity(a, b) == similarity(b, a)
        assert 0.0 <= similarity(a, b) <= 1.0


def test_empty_or_punctuation_only_texts_match_nothing() -> None:
    assert similarity("", "") == 0.0
    assert similarity("！！！", "。。。") == 0.0


def test_a_second_whistle_about_the_same_matter_matches() -> None:
    later = key("5号楼2单元下水道又堵了，污水冒出来", reported_at=T0 + timedelta(hours=3))
    assert is_same_matter(key(), later, window=WINDOW)
    assert is_same_matter(later, key(), window=WINDOW)  # order of reports does not matter


@pytest.mark.parametrize(
    ("new", "why"),
    [
        (key(category="ENV-CORRIDOR-DIRTY"), "another category"),
        (key(grid="XY-WQ-WY-G04"), "another grid"),
        (key(building="6号楼"), "another building"),
        (key(reported_at=T0 + WINDOW + timedelta(seconds=1)), "outside the window"),
        (key("5号楼楼道飞线充电"), "another matter"),
    ],
)
def test_different_matters_do_not_match(new: MatterKey, why: str) -> None:
    assert not is_same_matter(key(), new, window=WINDOW), why


def test_a_missing_building_leaves_it_to_the_description() -> None:
    assert is_same_matter(key(), key(building=None), window=WINDOW)
    assert is_same_matter(key(building=None), key(building="５号楼"), window=WINDOW)
    assert is_same_matter(key(building="5号楼 "), key(building="５号楼"), window=WINDOW)


def test_the_window_and_threshold_are_inclusive() -> None:
    assert is_same_matter(key(), key(reported_at=T0 + WINDOW), window=WINDOW)
    text = "5号楼2单元下水道又堵了，污水冒出来"
    assert is_same_matter(key(), key(text), window=WINDOW, min_similarity=similarity(SEWER, text))
    assert not is_same_matter(key(), key(text), window=WINDOW, min_similarity=0.9)


def test_best_match_picks_the_most_similar_live_matter() -> None:
    existing = [
        ("CASE-1", key("5号楼下水道有异味")),
        ("CASE-2", key("5号楼2单元下水道堵塞，污水漫出")),
        ("CASE-3", key(SEWER, grid="XY-WQ-WY-G04")),
    ]
    assert best_match(existing, key(), window=WINDOW) == "CASE-2"
    assert best_match(existing, key("楼道飞线充电"), window=WINDOW) is None
