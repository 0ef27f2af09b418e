"""One vocabulary for every page: every status the state machines and the event contracts know has one
Chinese and one English word (and a tone), `GET /v1/vocabulary` serves exactly the shared vocabulary,
and the pages' scripts spell no status word or status list of their own."""

from __future__ import annotations

import re
from pathlib import Path
from typing import get_args

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from chuishao_dispatch.domain import escalation
from chuishao_shared import pages, vocabulary
from chuishao_shared.events.contracts import AssignmentSnapshot, CaseSnapshot

ROOT = Path(__file__).resolve().parents[3]
SCRIPTS = [
    ROOT / "services/intake/chuishao_intake/static/app.js",
    ROOT / "services/dispatch/chuishao_dispatch/static/console.js",
    ROOT / "services/tracking/chuishao_tracking/static/board.js",
    ROOT / "services/community/chuishao_community/static/app.js",
    *sorted((ROOT / "services/community/chuishao_community/static").glob("console*.js")),  # the staff console
]
TABLES = {
    "case": (
        vocabulary.CASE_STATUS_WORDS,
        [*vocabulary.CASE_STATUSES, *get_args(CaseSnapshot.model_fields["status"].annotation)],
    ),
    "assignment": (
        vocabulary.ASSIGNMENT_STATUS_WORDS,
        [*vocabulary.ASSIGNMENT_STATUSES, *get_args(AssignmentSnapshot.model_fields["status"].annotation)],
    ),
    "report": (vocabulary.REPORT_STATUS_WORDS, list(vocabulary.REPORT_STATUSES)),
    "severity": (vocabulary.SEVERITY_WORDS, list(vocabulary.SEVERITIES)),
    "role": (vocabulary.ASSIGNMENT_ROLE_WORDS, list(vocabulary.ASSIGNMENT_ROLES)),
    "event": (vocabulary.EVENT_WORDS, list(vocabulary.EVENT_TYPES)),
}
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("kind", TABLES)
def test_every_status_of_the_state_machines_has_one_word_in_each_language(kind: str) -> None:
    table, known = TABLES[kind]
    assert known and set(known) <= set(table), f"no word for {sorted(set(known) - set(table))}"
    for code in known:
        zh, en = table[code]
        assert CJK.search(zh) and not CJK.search(en) and en.strip(), (code, zh, en)
    # One state, one word: no two states of a kind share a word, in either language.
    codes = [c for c in table if c in known]
    for lang in (0, 1):
        words = [table[c][lang] for c in codes]
        assert len(set(words)) == len(words), (kind, words)


def test_every_case_status_has_a_tone_and_the_sets_agree_with_the_state_machine() -> None:
    served = {s["code"]: s for s in vocabulary.page_vocabulary()["case_statuses"]}
    assert list(served) == list(vocabulary.CASE_STATUSES)
    for code, entry in served.items():
        assert entry["colour"] == vocabulary.COLOURS[entry["tone"]]
        assert entry["live"] == (code in vocabulary.LIVE)
        assert entry["open"] == (code in vocabulary.UNSETTLED)
        assert entry["at_work"] == (code in vocabulary.AT_WORK)
    assert vocabulary.page_vocabulary()["overdue"]["statuses"] == sorted(vocabulary.CLOCKED)


def test_the_escalation_levels_are_the_ladder_of_the_state_machine() -> None:
    assert set(vocabulary.ESCALATION_LEVELS) == set(escalation.LADDER) == set(range(1, escalation.MAX_LEVEL + 1))
    for level, (grade, _who) in escalation.LADDER.items():
        assert vocabulary.ESCALATION_LEVELS[level][0] == grade


def test_the_api_serves_the_vocabulary_cacheably_and_the_page_module() -> None:
    app = FastAPI()
    app.include_router(pages.router)
    client = TestClient(app)
    answer = client.get("/v1/vocabulary")
    assert answer.status_code == 200 and answer.json() == vocabulary.page_vocabulary()
    assert "max-age" in answer.headers["cache-control"]
    again = client.get("/v1/vocabulary", headers={"If-None-Match": answer.headers["etag"]})
    assert again.status_code == 304
    script = client.get(pages.script_url())
    assert script.status_code == 200 and script.headers["content-type"].startswith("text/javascript")
    assert "immutable" in script.headers["cache-control"]
    assert "global.Chuishao" in script.text and "innerHTML" not in script.text
    outbox = client.get(pages.outbox_url())  # the installable apps' offline outbox
    assert outbox.status_code == 200 and outbox.headers["content-type"].startswith("text/javascript")
    assert "immutable" in outbox.headers["cache-control"]
    assert "global.ChuishaoOutbox" in outbox.text and "key: item.id" in outbox.text  # one key per action


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_the_pages_scripts_spell_no_status_word_nor_status_list(script: Path) -> None:
    text = script.read_text(encoding="utf-8")
    words = {zh for table, _ in TABLES.values() for zh, _en in table.values()}
    spelled = sorted(w for w in words if f'"{w}"' in text or f"'{w}'" in text)
    assert spelled == [], f"{script.name} spells words the vocabulary owns: {spelled}"
    # The named sets (live, open, at work, finished; a department's live assignments) come from the vocabulary.
    named = {
        frozenset(vocabulary.LIVE),
        frozenset(vocabulary.UNSETTLED),
        frozenset(vocabulary.AT_WORK),
        frozenset(vocabulary.FINISHED),
        frozenset(vocabulary.FINISHED | {vocabulary.RESOLVED}),
        frozenset(vocabulary.ASSIGNMENT_LIVE),
    }
    arrays = [frozenset(re.findall(r'"([a-z_]+)"', a)) for a in re.findall(r"\[([^\[\]]*)\]", text)]
    copies = [sorted(a) for a in arrays if a in named]
    assert copies == [], f"{script.name} spells out a set the vocabulary owns: {copies}"
    assert "function countdownText" not in text and "function claims" not in text and "atob(" not in text
