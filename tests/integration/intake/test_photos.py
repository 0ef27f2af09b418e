"""The photos API against the real app, database and a real directory: each accepted type is stored
without metadata, anything else is refused as problem+json, the same photo is stored once, and
reading needs a token. Photo URLs are accepted wherever the API takes photos."""

from __future__ import annotations

import io
import os
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from PIL import Image, PngImagePlugin

from chuishao_dispatch.schemas import Evidence
from chuishao_intake.bootstrap import MIGRATIONS, IntakeSettings, build_app
from chuishao_intake.schemas import VerificationCreate
from chuishao_shared.auth import mint_token
from support.factories import bearer, report_body, worker_token
from support.infra import Infra
from support.services import RunningService, running, start_service

MAX_BYTES = 300 * 1024
GPS_IFD = 0x8825


@pytest.fixture
async def photo_intake(infra: Infra, tmp_path: Path) -> AsyncIterator[RunningService]:
    settings, app = await start_service(
        infra,
        IntakeSettings,
        build_app,
        MIGRATIONS,
        photo_dir=str(tmp_path / "photos"),
        photo_max_bytes=MAX_BYTES,
        cors_origins="http://console.example:8002",
    )
    async with running(app, settings) as service:
        yield service


def photo_bytes(fmt: str, size: tuple[int, int] = (640, 480), *, noise: bool = False) -> bytes:
    """A picture carrying a GPS position and a camera comment, as a phone would send it."""
    image = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3)) if noise else Image.new("RGB", size)
    if not noise:
        image.paste((200, 60, 30), (0, 0, size[0] // 2, size[1]))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (39.0, 54.0, 27.0), 3: "E", 4: (116.0, 23.0, 17.0)})
    out = io.BytesIO()
    if fmt == "PNG":
        info = PngImagePlugin.PngInfo()
        info.add_text("Comment", "3号楼2单元 张三家门口")
        image.save(out, "PNG", pnginfo=info, exif=exif)
    else:
        image.save(out, fmt, exif=exif)
    return out.getvalue()


def stored_files(service: RunningService) -> list[Path]:
    return [p for p in Path(service.settings.photo_dir).rglob("*") if p.is_file()]  # noqa: ASYNC240 - a test's few files


def worker(service: RunningService) -> dict[str, str]:
    return bearer(worker_token(service.settings))


async def upload(service: RunningService, content: bytes, headers: dict[str, str], name: str = "p.jpg"):
    return await service.client.post("/v1/photos", files={"file": (name, content, "image/jpeg")}, headers=headers)


@pytest.mark.parametrize(("fmt", "media_type"), [("JPEG", "image/jpeg"), ("PNG", "image/png"), ("WEBP", "image/webp")])
async def test_each_accepted_type_is_stored_without_its_metadata(
    photo_intake: RunningService, fmt: str, media_type: str
) -> None:
    original = photo_bytes(fmt)
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(GPS_IFD)  # the upload does carry GPS
    headers = worker(photo_intake)
    response = await upload(photo_intake, original, headers, name=f"IMG_0001.{fmt.lower()}")
    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["width"], body["height"], body["media_type"]) == (640, 480, media_type)
    assert body["url"] == f"http://testserver/v1/photos/{body['sha256']}"
    assert body["thumbnail_url"] == body["url"] + "/thumbnail"

    stored = await photo_intake.client.get(body["url"], headers=headers)
    assert stored.status_code == 200
    assert stored.headers["content-type"] == media_type
    assert "private" in stored.headers["cache-control"]
    image = Image.open(io.BytesIO(stored.content))
    assert image.format == fmt and image.size == (640, 480)
    assert not image.getexif(), "EXIF (and its GPS position) must be removed"
    assert "Comment" not in image.info and "exif" not in image.info and "xmp" not in image.info
    assert image.getpixel((10, 10))[0] > 150  # still the same picture
    thumb = await photo_intake.client.get(body["thumbnail_url"], headers=headers)
    assert thumb.headers["content-type"] == "image/jpeg"
    assert max(Image.open(io.BytesIO(thumb.content)).size) == 320


async def test_a_renamed_non_image_is_refused_with_415(photo_intake: RunningService) -> None:
    for content in (b"%PDF-1.7 not a photo at all" * 40, b"GIF89a" + bytes(200), photo_bytes("JPEG")[:300]):
        response = await upload(photo_intake, content, worker(photo_intake), name="IMG_0002.jpg")
        assert response.status_code == 415, response.text
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["errors"][0]["field"] == "file"
    assert stored_files(photo_intake) == []


async def test_an_oversized_photo_is_refused_with_413(photo_intake: RunningService) -> None:
    big = photo_bytes("PNG", (800, 600), noise=True)
    assert len(big) > MAX_BYTES
    response = await upload(photo_intake, big, worker(photo_intake))
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["status"] == 413


async def test_the_same_photo_twice_has_one_sha256_and_is_stored_once(photo_intake: RunningService) -> None:
    content = photo_bytes("JPEG")
    first = (await upload(photo_intake, content, worker(photo_intake))).json()
    second = (await upload(photo_intake, content, worker(photo_intake))).json()
    assert first["sha256"] == second["sha256"]
    files = stored_files(photo_intake)
    assert len(files) == 2, files  # the photo and its thumbnail, once each


async def test_idempotency_key_replays_and_refuses_another_file(photo_intake: RunningService) -> None:
    headers = {**worker(photo_intake), "Idempotency-Key": str(uuid.uuid4())}
    first = await upload(photo_intake, photo_bytes("JPEG"), headers)
    again = await upload(photo_intake, photo_bytes("JPEG"), headers)
    assert first.status_code == again.status_code == 201 and first.json() == again.json()
    other = await upload(photo_intake, photo_bytes("PNG"), headers)
    assert other.status_code == 409


async def test_reading_and_uploading_need_a_token_and_the_right_role(photo_intake: RunningService) -> None:
    settings = photo_intake.settings
    assert (await upload(photo_intake, photo_bytes("JPEG"), {})).status_code == 401
    liaison = bearer(mint_token(settings, sub="l-1", role="liaison", department="XY-WQ-WY-WY"))
    stored = await upload(photo_intake, photo_bytes("JPEG"), liaison)
    assert stored.status_code == 201
    url = stored.json()["url"]
    anonymous = await photo_intake.client.get(url)
    assert anonymous.status_code == 401
    assert anonymous.headers["content-type"] == "application/problem+json"
    assert (await photo_intake.client.get(url + "/thumbnail")).status_code == 401
    assert (await photo_intake.client.get(url, headers=liaison)).status_code == 200  # its uploader
    dispatcher = bearer(mint_token(settings, sub="d-1", role="dispatcher", jurisdiction="XY"))
    # Not a party to any report using it (tests/integration/security/test_photo_access.py): as if absent.
    assert (await photo_intake.client.get(url, headers=dispatcher)).status_code == 404
    assert (await upload(photo_intake, photo_bytes("JPEG"), dispatcher)).status_code == 403
    missing = await photo_intake.client.get("/v1/photos/" + "0" * 64, headers=dispatcher)
    assert missing.status_code == 404


async def test_the_console_origin_may_upload_and_read_across_origins(photo_intake: RunningService) -> None:
    origin = "http://console.example:8002"
    preflight = await photo_intake.client.options(
        "/v1/photos",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization,idempotency-key",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == origin
    assert "authorization" in preflight.headers["access-control-allow-headers"].lower()
    stranger = await photo_intake.client.options(
        "/v1/photos", headers={"Origin": "http://evil.example", "Access-Control-Request-Method": "POST"}
    )
    assert "access-control-allow-origin" not in stranger.headers
    reports = await photo_intake.client.get("/v1/reports", headers={"Origin": origin, **worker(photo_intake)})
    assert "access-control-allow-origin" not in reports.headers  # only the photo routes are shared


async def test_photo_urls_are_accepted_wherever_the_api_takes_photos(photo_intake: RunningService) -> None:
    token = worker_token(photo_intake.settings)
    url = (await upload(photo_intake, photo_bytes("JPEG"), bearer(token))).json()["url"]
    filed = await photo_intake.client.post("/v1/reports", json=report_body(photos=[url]), headers=bearer(token))
    assert filed.status_code == 201, filed.text
    assert filed.json()["photos"] == [url]
    for public_url in (url, url.replace("http://testserver", "http://127.0.0.1:8001"), url + "/thumbnail"):
        assert [str(p) for p in Evidence(note="已清理", photos=[public_url]).photos] == [public_url]
        assert [str(p) for p in VerificationCreate(result="fixed", photos=[public_url]).photos] == [public_url]


def jpeg_segments(content: bytes) -> list[tuple[int, bytes]]:
    """The marker and payload of each segment before the image data (SOI up to SOS)."""
    assert content[:2] == b"\xff\xd8"
    segments, at = [], 2
    while content[at] == 0xFF:
        marker = content[at + 1]
        length = int.from_bytes(content[at + 2 : at + 4], "big")
        segments.append((marker, content[at + 4 : at + 2 + length]))
        if marker == 0xDA:  # start of scan: the pixels follow
            break
        at += 2 + length
    return segments


async def test_a_jpeg_comment_segment_and_every_app_segment_are_stripped_from_the_photo_and_its_thumbnail(
    photo_intake: RunningService,
) -> None:
    phone = "13912345678"
    image = Image.new("RGB", (640, 480), (200, 60, 30))
    exif = Image.Exif()
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (39.0, 54.0, 27.0), 3: "E", 4: (116.0, 23.0, 17.0)})
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, comment=f"张三 {phone} 3号楼".encode(), xmp=b"<x:xmpmeta>" + phone.encode())
    original = out.getvalue()
    markers = [m for m, _ in jpeg_segments(original)]
    assert 0xFE in markers and 0xE1 in markers  # the upload carries a COM segment and EXIF (with GPS)

    headers = worker(photo_intake)
    response = await upload(photo_intake, original, headers)
    assert response.status_code == 201, response.text
    body = response.json()
    files = stored_files(photo_intake)
    assert len(files) == 2
    for content in [f.read_bytes() for f in files] + [
        (await photo_intake.client.get(url, headers=headers)).content for url in (body["url"], body["thumbnail_url"])
    ]:
        assert phone.encode() not in content
        kept = [marker for marker, _ in jpeg_segments(content)]
        assert 0xFE not in kept, "COM"
        assert not [m for m in kept if 0xE1 <= m <= 0xEF], f"APPn: {kept}"
        assert all(payload.startswith(b"JFIF\x00") for m, payload in jpeg_segments(content) if m == 0xE0)
        decoded = Image.open(io.BytesIO(content))
        assert "comment" not in decoded.info and not decoded.getexif()
