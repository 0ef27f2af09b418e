"""Every word the console's page and script use exists in both languages (a missing one would show
as "undefined" on a liaison's phone), and every case and assignment status has a label."""

from __future__ import annotations

import re
from pathlib import Path

from chuishao_dispatch import console_words
from chuishao_dispatch.domain import CASE_STATUSES, EVENT_TYPES
from chuishao_shared.vocabulary import ASSIGNMENT_STATUSES

PACKAGE = Path(console_words.__file__).parent


def test_every_word_used_by_the_script_and_the_page_exists_in_both_languages() -> None:
    script = (PACKAGE / "static" / "console.js").read_text()
    page = (PACKAGE / "templates" / "console.html").read_text()
    used = set(re.findall(r"\bw\.([a-z_0-9]+)", script)) | set(re.findall(r"\bt\.([a-z_0-9]+)", page))
    assert used, "no words found: the pattern no longer matches the script"
    for lang in console_words.LANGS:
        words = console_words.words(lang)
        assert sorted(used - set(words)) == [], lang


def test_statuses_events_and_languages_all_have_labels() -> None:
    zh, en = console_words.words("zh"), console_words.words("en")
    keys = [f"st_{s}" for s in CASE_STATUSES] + [f"as_{s}" for s in ASSIGNMENT_STATUSES]
    keys += [f"ev_{e}" for e in EVENT_TYPES]
    for key in keys:
        assert zh[key] and en[key] and zh[key] != en[key], key
    assert console_words.pick_lang("fr") == "zh" and console_words.pick_lang("en") == "en"
