"""The photo use cases: upload (clean, store content-addressed, remember the Idempotency-Key through the
bus, in one unit of work) and read."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from prometheus_client import Counter

from chuishao_intake.domain.commands import RecordPhotoUpload
from chuishao_intake.domain.commands import Request as CommandRequest
from chuishao_intake.domain.photos import (
    PHOTO_ID,
    THUMBNAIL_MEDIA_TYPE,
    PhotoLimits,
    PhotoRefused,
    media_type_of,
)
from chuishao_intake.photos.images import clean_photo
from chuishao_intake.photos.store import PhotoStore
from chuishao_intake.service_layer.handlers import IntakeBus
from chuishao_shared.auth import Principal
from chuishao_shared.idempotency import request_fingerprint
from chuishao_shared.problems import Problem

PHOTOS = Counter("chuishao_photos_total", "Photo uploads by outcome", ["outcome"])
THUMBNAIL_SUFFIX = "-thumb"


@dataclass
class PhotoService:
    bus: IntakeBus
    store: PhotoStore
    limits: PhotoLimits

    async def upload(
        self, principal: Principal, upload: bytes, *, base_url: str, idempotency_key: str | None
    ) -> tuple[int, dict[str, Any]]:
        try:
            photo = await asyncio.to_thread(clean_photo, upload, self.limits)
        except PhotoRefused as refused:
            PHOTOS.labels("refused").inc()
            title = "Payload too large" if refused.status == 413 else "Unsupported media type"
            raise Problem(
                refused.status, title, refused.detail, errors=[{"field": "file", "message": refused.detail}]
            ) from refused
        written = await self.store.put(photo.sha256, photo.content, photo.media_type)
        await self.store.put(photo.sha256 + THUMBNAIL_SUFFIX, photo.thumbnail, THUMBNAIL_MEDIA_TYPE)
        url = f"{base_url.rstrip('/')}/v1/photos/{photo.sha256}"
        body = {
            "url": url,
            "sha256": photo.sha256,
            "width": photo.width,
            "height": photo.height,
            "media_type": photo.media_type,
            "size": len(photo.content),
            "thumbnail_url": f"{url}/thumbnail",
        }
        # The object store is idempotent by content; the key additionally answers a retry that
        # carries another file with 409, as on every other POST.
        fingerprint = request_fingerprint("POST", "/v1/photos", {"sha256": photo.sha256})
        request = CommandRequest(idempotency_key, fingerprint)
        status, answer = await self.bus.handle(RecordPhotoUpload(uploader=principal.sub, request=request, body=body))
        if answer is body:  # not a replay of an earlier upload
            PHOTOS.labels("stored" if written else "duplicate").inc()
        return status, answer

    async def read(self, sha256: str, *, thumbnail: bool = False) -> tuple[bytes, str]:
        if not PHOTO_ID.match(sha256):
            raise Problem(404, "Not found", "No such photo.")
        content = await self.store.get(sha256 + (THUMBNAIL_SUFFIX if thumbnail else ""))
        if content is None:
            raise Problem(404, "Not found", "No such photo.")
        return content, THUMBNAIL_MEDIA_TYPE if thumbnail else media_type_of(content)
