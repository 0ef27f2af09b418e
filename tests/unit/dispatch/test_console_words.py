"""Every word the console's page and script use exists in both languages (a missing one would show
as "undefined" on a liaison's phone); status words are the shared vocabulary's."""

from __future__ import annotations

import re
from pathlib import Path

from chuishao_dispatch import console_words
from chuishao_shared import vocabulary

PACKAGE = Path(console_words.__file__).parent


def test_every_word_used_by_the_script_and_the_page_exists_in_both_languages() -> None:
    script = (PACKAGE / "static" / "console.js").read_text()
    page = (PACKAGE / "templates" / "console.html").read_text()
    used = set(re.findall(r"\bw\.([a-z_0-9]+)", script)) | set(re.findall(r"\bt\.([a-z_0-9]+)", page))
    assert used, "no words found: the pattern no longer matches the script"
    for lang in console_words.LANGS:
        words = console_words.words(lang)
        assert sorted(used - set(words)) == [], lang


def test_the_console_keeps_no_status_words_of_its_own_and_picks_a_language() -> None:
    """Statuses, severities, levels and timeline entries are named by the shared vocabulary
    (tests/unit/platform/test_page_vocabulary.py), the same on every page."""
    zh = console_words.words("zh")
    assert not [k for k in zh if k.startswith(("st_", "as_", "sev_", "ev_", "level_"))]
    assert zh["f_done"] == vocabulary.CASE_STATUS_WORDS[vocabulary.RESOLVED][0]
    assert console_words.pick_lang("fr") == "zh" and console_words.pick_lang("en") == "en"
