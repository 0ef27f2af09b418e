"""Pure parts of the app's back end: cleaning a photo (no I/O) and the case view a worker follows."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from chuishao_intake.domain.case_view import CaseChange, ReportUpdate, case_summary, report_rounds, timeline_entry
from chuishao_intake.domain.photos import PhotoLimits, PhotoRefused, media_type_of
from chuishao_intake.photos.images import clean_photo
from chuishao_shared.events.types import EventType


def jpeg(size: tuple[int, int], orientation: int | None = None) -> bytes:
    image = Image.new("RGB", size, (10, 120, 200))
    image.paste((250, 250, 250), (0, 0, size[0] // 4, size[1] // 4))  # a mark in the top-left corner
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    exif.get_ifd(0x8825)[2] = (39.0, 54.0, 27.0)
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, quality=90)
    return out.getvalue()


def test_a_photo_taken_sideways_is_turned_upright_before_its_exif_goes() -> None:
    photo = clean_photo(jpeg((400, 300), orientation=6), PhotoLimits())
    assert (photo.width, photo.height) == (300, 400)
    image = Image.open(io.BytesIO(photo.content))
    assert image.size == (300, 400) and not image.getexif()
    assert media_type_of(photo.content) == photo.media_type == "image/jpeg"


def test_cleaning_is_deterministic_so_the_same_photo_has_one_name() -> None:
    upload = jpeg((200, 100))
    assert clean_photo(upload, PhotoLimits()).sha256 == clean_photo(upload, PhotoLimits()).sha256


def test_too_many_pixels_is_413_before_decoding_and_too_many_bytes_is_413() -> None:
    with pytest.raises(PhotoRefused) as pixels:
        clean_photo(jpeg((2000, 1000)), PhotoLimits(max_pixels=1_000_000))
    assert pixels.value.status == 413
    with pytest.raises(PhotoRefused) as size:
        clean_photo(jpeg((200, 100)), PhotoLimits(max_bytes=100))
    assert size.value.status == 413


@pytest.mark.parametrize("content", [b"", b"hello", b"GIF89a" + bytes(64), b"\xff\xd8\xff" + bytes(64)])
def test_anything_but_a_decodable_jpeg_png_or_webp_is_415(content: bytes) -> None:
    with pytest.raises(PhotoRefused) as refused:
        clean_photo(content, PhotoLimits())
    assert refused.value.status == 415


def test_a_case_event_becomes_a_summary_and_a_timeline_entry() -> None:
    case = {
        "id": "c-1",
        "status": "dispatched",
        "resolve_due_at": "2026-12-01T08:00:00Z",
        "escalation_level": 1,
        "whistle_count": 2,
        "assignments": [{"department": "XY-WQ-WY-WY", "role": "lead", "status": "pending", "ack_due_at": None}],
    }
    summary = case_summary(case)
    assert summary["resolve_due_at"] == "2026-12-01T08:00:00Z"
    assert summary["assignments"][0]["department"] == "XY-WQ-WY-WY"
    entry = timeline_entry(
        EventType.CASE_DISPATCHED,
        "2026-11-30T08:00:00Z",
        {"case": case, "actor_role": "system", "departments": ["XY-WQ-WY-WY"], "explanation": "rule r1"},
    )
    assert entry == {
        "type": "dispatched",
        "at": "2026-11-30T08:00:00Z",
        "actor_role": "system",
        "note": "rule r1",
        "departments": ["XY-WQ-WY-WY"],
        "lead": None,
        "assist": [],
        "routed_by": "",
        "explanation": "rule r1",
    }
    resolved = timeline_entry(
        EventType.CASE_RESOLVED, "t", {"department": "D", "note": "已清理", "photos": ["http://x/v1/photos/a"]}
    )
    assert resolved["note"] == "已清理" and resolved["departments"] == ["D"] and resolved["photos"]


def test_a_timeline_entry_carries_what_a_plain_sentence_needs_and_no_persons_id() -> None:
    actor = {"role": "liaison", "subject": "demo-liaison-XY-WQ-WY-WY", "department": "XY-WQ-WY-WY"}
    requested = timeline_entry(
        EventType.CASE_EXTENDED,
        "t",
        {"actor": actor, "requested": True, "approved": False, "until": "u", "reason": "等配件", "department": "D"},
    )
    approved = timeline_entry(
        EventType.CASE_EXTENDED, "t", {"actor": actor, "approved": True, "until": "u", "reason": "等配件"}
    )
    assert (requested["step"], approved["step"]) == ("requested", "approved")
    assert requested["actor_department"] == "XY-WQ-WY-WY" and requested["reason"] == "等配件"
    assert "demo-liaison" not in str(requested)
    triaged = timeline_entry(EventType.CASE_TRIAGED, "t", {"reason": "no_rule_matched"})
    assert triaged["reason_code"] == "no_rule_matched" and "reason" not in triaged
    routed = timeline_entry(
        EventType.CASE_DISPATCHED,
        "t",
        {"lead": "A", "assist": ["B"], "routed_by": "rule", "rule_id": "r", "rule_version": 1, "explanation": "x"},
    )
    assert (routed["lead"], routed["assist"], routed["rule"], routed["explanation"]) == ("A", ["B"], "r (v1)", "x")


def _change(case_id: str, sequence: int, *report_ids: str) -> CaseChange:
    return CaseChange(
        report_ids=report_ids,
        case_id=case_id,
        status=f"s{sequence}",
        sequence=sequence,
        summary={"seq": sequence},
        entry={"case": case_id, "seq": sequence},
    )


def _runs(rounds: list[list[ReportUpdate]]) -> list[list[tuple[str, str, tuple[int, ...]]]]:
    return [[(u.report_id, u.case_id, u.sequences) for u in round_] for round_ in rounds]


def test_rounds_never_touch_a_report_twice_keep_each_reports_order_and_write_a_run_of_one_case_once() -> None:
    a1, a2, b1, c1, a3 = (
        _change("A", 1, "r1", "r2"),
        _change("A", 2, "r1", "r2"),
        _change("B", 1, "r3"),
        _change("C", 1, "r2", "r4"),  # r2 moved to C
        _change("A", 3, "r1"),
    )
    rounds = report_rounds([a1, a2, b1, c1, a3])
    assert _runs(rounds) == [
        [("r1", "A", (1, 2, 3)), ("r2", "A", (1, 2)), ("r3", "B", (1,)), ("r4", "C", (1,))],
        [("r2", "C", (1,))],
    ]
    r1 = rounds[0][0]
    assert (r1.status, r1.sequence, r1.summary) == ("s3", 3, {"seq": 3})  # the run's last
    assert r1.entries == ({"case": "A", "seq": 1}, {"case": "A", "seq": 2}, {"case": "A", "seq": 3})
    assert report_rounds([]) == [] and _runs(report_rounds([b1])) == [[("r3", "B", (1,))]]


def test_an_older_or_repeated_event_of_the_case_starts_another_update() -> None:
    # each is checked against what the report shows by then, in the next round
    a2, a1, a2_again, a3 = _change("A", 2, "r1"), _change("A", 1, "r1"), _change("A", 2, "r1"), _change("A", 3, "r1")
    assert _runs(report_rounds([a2, a1, a2_again, a3])) == [[("r1", "A", (2,))], [("r1", "A", (1, 2, 3))]]
