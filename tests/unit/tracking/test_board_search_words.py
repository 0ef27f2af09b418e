"""The board's search words and its one rule for "no data" (issue 27, item 6), without I/O."""

from __future__ import annotations

import re

import pytest

from chuishao_shared.reference.loader import load_reference
from chuishao_tracking import i18n
from chuishao_tracking.domain import search
from chuishao_tracking.entrypoints.page import TEMPLATES

REFERENCE = load_reference()


def test_words_are_matched_against_public_names_only() -> None:
    assert search.parse("  ", REFERENCE) is None
    (word,) = search.parse("下水", REFERENCE).words
    assert word.categories == {"FAC-SEWER-BLOCKED"} and not word.places and word.reference is None
    place, problem = search.parse("五阳 楼道", REFERENCE).words
    assert "XY-WQ-WY" in place.places and "XY-WQ-WY-WY" in place.departments
    assert problem.categories == {"ENV-STAIRWELL-DIRTY"}
    (county,) = search.parse("岚县", REFERENCE).words  # a district holds its communities
    assert "LX-DC-BH" in county.places
    (number,) = search.parse("#7F1D2C3E", REFERENCE).words
    assert number.reference == "7f1d2c3e"
    assert search.parse("7f1", REFERENCE).words[0].reference is None  # too short to be a case number
    assert search.parse("王璟琰 13800138000", REFERENCE).hopeless  # a person is not a public name
    assert len(search.parse("a b c d e f g", REFERENCE).words) == search.MAX_WORDS
    assert search.parse("100%_", REFERENCE).words[0].reference is None  # never a LIKE wildcard


@pytest.mark.parametrize(
    ("value", "shown"),
    [(None, "—"), (0.0, "0%"), (0.004, "&lt;1%"), (0.5, "50%"), (0.996, "&gt;99%"), (1.0, "100%")],
)
def test_a_rate_shows_no_data_one_way(value: float | None, shown: str) -> None:
    macros = TEMPLATES.env.get_template("_macros.html").make_module({})
    html = str(macros.pct(value, i18n.words("zh")))
    assert re.sub(r"<[^>]+>", "", html).strip() == shown
    assert ("title=" in html) == (value is None)  # only "no data" explains itself
