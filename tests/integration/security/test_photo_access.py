"""Who reads a photo (issue 28, finding 3): before, any signed-in role of any district read any photo
by its hash, and Open311 published the hash. Now a photo is readable by its uploader and by the
parties of the reports that use it — the grid worker who filed it, the liaisons of the departments
assigned to its case, dispatchers whose jurisdiction holds its grid — and admins; to anyone else it is
a 404, as if it did not exist. A department's evidence photo (on the case timeline) is readable by the
report's grid worker. Open311's public GET carries no photo URL. Intake and dispatch run together on
the real database and broker."""

from __future__ import annotations

import io
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from chuishao_dispatch.bootstrap import MIGRATIONS as DISPATCH_MIGRATIONS
from chuishao_dispatch.bootstrap import DispatchSettings
from chuishao_dispatch.bootstrap import build_app as build_dispatch
from chuishao_intake.bootstrap import MIGRATIONS as INTAKE_MIGRATIONS
from chuishao_intake.bootstrap import IntakeSettings
from chuishao_intake.bootstrap import build_app as build_intake
from chuishao_shared.auth import mint_token
from support.factories import bearer, report_body, worker_token
from support.infra import Infra, unique
from support.services import RunningService, running, start_service
from support.system import ASSIST, LEAD, System, eventually

OTHER_DISTRICT_DEPARTMENT = "TN-CS-FQXC-WY"  # a property company of another district


@pytest.fixture
async def photo_system(infra: Infra, tmp_path: Path) -> AsyncIterator[System]:
    prefix = unique("t") + "."
    intake_settings, intake_app = await start_service(
        infra, IntakeSettings, build_intake, INTAKE_MIGRATIONS, topic_prefix=prefix, photo_dir=str(tmp_path)
    )
    dispatch_settings, dispatch_app = await start_service(
        infra, DispatchSettings, build_dispatch, DISPATCH_MIGRATIONS, topic_prefix=prefix, timer_poll_seconds=0.2
    )
    async with (
        running(intake_app, intake_settings) as intake,
        running(dispatch_app, dispatch_settings) as dispatch,
    ):
        yield System(intake, dispatch)


def _photo(colour: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (320, 240), colour).save(out, "JPEG")
    return out.getvalue()


def _token(service: RunningService, role: str, **claims: Any) -> dict[str, str]:
    return bearer(
        mint_token(service.settings, sub=claims.pop("sub", f"{role}-{uuid.uuid4().hex[:6]}"), role=role, **claims)
    )


async def _upload(intake: RunningService, headers: dict[str, str], colour: tuple[int, int, int]) -> dict[str, Any]:
    response = await intake.client.post(
        "/v1/photos", files={"file": ("p.jpg", _photo(colour), "image/jpeg")}, headers=headers
    )
    assert response.status_code == 201, response.text
    return response.json()


async def _status(intake: RunningService, url: str, headers: dict[str, str]) -> int:
    photo = await intake.client.get(url, headers=headers)
    thumbnail = await intake.client.get(url + "/thumbnail", headers=headers)
    assert photo.status_code == thumbnail.status_code, (photo.status_code, thumbnail.status_code)
    if photo.status_code == 404:
        assert photo.headers["content-type"] == "application/problem+json"
    return photo.status_code


async def test_only_the_cases_parties_read_its_photos(photo_system: System) -> None:
    intake, dispatch = photo_system.intake, photo_system.dispatch
    worker_sub = f"worker-{uuid.uuid4().hex[:6]}"
    worker = bearer(worker_token(intake.settings, sub=worker_sub))
    lead = _token(intake, "liaison", department=LEAD)
    assist = _token(intake, "liaison", department=ASSIST)
    stranger_liaison = _token(intake, "liaison", department=OTHER_DISTRICT_DEPARTMENT)
    district_dispatcher = _token(intake, "dispatcher", jurisdiction="XY")
    community_dispatcher = _token(intake, "dispatcher", jurisdiction="XY-WQ-WY")
    other_dispatcher = _token(intake, "dispatcher", jurisdiction="TN")
    other_worker = bearer(worker_token(intake.settings))
    admin = _token(intake, "admin")
    ops = _token(intake, "ops")

    photo = await _upload(intake, worker, (200, 60, 30))
    url = photo["url"]
    assert await _status(intake, url, worker) == 200  # the uploader, before it is used anywhere
    for outsider in (lead, stranger_liaison, district_dispatcher, other_worker, ops):
        assert await _status(intake, url, outsider) == 404
    assert await _status(intake, url, {}) == 401

    filed = await intake.client.post("/v1/reports", json=report_body(photos=[url]), headers=worker)
    assert filed.status_code == 201, filed.text
    report_id = filed.json()["id"]

    async def assigned() -> dict | None:
        report = (await intake.client.get(f"/v1/reports/{report_id}", headers=worker)).json()
        departments = {a["department"] for a in (report.get("case") or {}).get("assignments", [])}
        return report if {LEAD, ASSIST} <= departments else None

    case_id = (await eventually(assigned))["case_id"]

    for party in (worker, lead, assist, district_dispatcher, community_dispatcher, admin):
        assert await _status(intake, url, party) == 200
    for outsider in (stranger_liaison, other_dispatcher, other_worker, ops):
        assert await _status(intake, url, outsider) == 404

    # The lead department's evidence: its liaison uploads it and posts progress on dispatch; once
    # intake has followed the case event, the report's grid worker may read it, another district not.
    evidence = await _upload(intake, lead, (30, 60, 200))
    assert await _status(intake, evidence["url"], worker) == 404
    acted = await dispatch.client.post(
        f"/v1/cases/{case_id}/acknowledge", json={}, headers=_token(dispatch, "liaison", department=LEAD)
    )
    assert acted.status_code == 200, acted.text
    progressed = await dispatch.client.post(
        f"/v1/cases/{case_id}/progress",
        json={"note": "已安排清理", "photos": [evidence["url"]]},
        headers=_token(dispatch, "liaison", department=LEAD),
    )
    assert progressed.status_code == 200, progressed.text

    async def readable() -> bool:
        # the photo alone: intake may follow the event between a photo's read and its thumbnail's
        return (await intake.client.get(evidence["url"], headers=worker)).status_code == 200

    await eventually(readable)
    assert await _status(intake, evidence["url"], worker) == 200
    assert await _status(intake, evidence["url"], stranger_liaison) == 404

    # Open311's public reads publish no photo URL (nor its hash): `media_url` is null in every form, the
    # same for every report (no public copy exists: nothing de-identifies faces, doors and plates), so a
    # public client never gets an address that answers 401 or 404.
    for path, params in [
        (f"/open311/v2/requests/{report_id}.json", {}),
        ("/open311/v2/requests.json", {"service_request_id": report_id}),
    ]:
        public = await intake.client.get(path, params=params)
        assert public.status_code == 200 and public.json()[0]["media_url"] is None, public.text
        assert photo["sha256"] not in public.text and "/v1/photos" not in public.text
    xml = await intake.client.get(f"/open311/v2/requests/{report_id}.xml")
    assert xml.status_code == 200 and photo["sha256"] not in xml.text and "/v1/photos" not in xml.text
