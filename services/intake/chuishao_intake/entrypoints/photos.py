"""Photo routes: upload (grid workers, liaisons, and volunteers reporting a community need done) and
read (never public): a photo is readable by its uploader and by the parties of the reports that use it
(`domain/photo_access.py`); to anyone else it is 404, as if it did not exist.
Cross-origin reads and uploads are allowed for the configured origins (the departments' console is
served by dispatch, and the members' app, served by community, are on other origins)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Request, UploadFile
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict
from starlette.types import ASGIApp, Receive, Scope, Send

from chuishao_intake.deps import AnyUser, IdempotencyKey
from chuishao_intake.domain.photo_access import PhotoReader
from chuishao_intake.domain.photos import PHOTO_ID
from chuishao_intake.entrypoints.api import ERRORS
from chuishao_intake.photos.service import PhotoService
from chuishao_intake.service_layer.photo_access import may_read, record_uploader
from chuishao_shared.apimodels import binary
from chuishao_shared.auth import Principal
from chuishao_shared.problems import Problem
from chuishao_shared.security import require_role

PREFIX = "/v1/photos"
router = APIRouter(prefix=PREFIX, tags=["photos"])
# A volunteer's photos prove a community need done (community's POST /v1/needs/{id}/done takes their hashes).
Uploader = Annotated[Principal, Depends(require_role("grid_worker", "liaison", "volunteer"))]
# Content-addressed: a photo's bytes never change, so a browser may keep it (privately) for good.
IMMUTABLE = "private, max-age=31536000, immutable"


class PhotoRead(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "url": "http://127.0.0.1:8001/v1/photos/9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                    "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                    "width": 1600,
                    "height": 1200,
                    "media_type": "image/jpeg",
                    "size": 183422,
                    "thumbnail_url": "http://127.0.0.1:8001/v1/photos/9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08/thumbnail",
                }
            ]
        }
    )

    url: str
    sha256: str
    width: int
    height: int
    media_type: str
    size: int
    thumbnail_url: str


async def _photos(request: Request) -> PhotoService:
    return request.app.state.photos


Photos = Annotated[PhotoService, Depends(_photos)]


def _base_url(request: Request) -> str:
    configured = request.app.state.settings.public_url
    return configured or str(request.base_url)


@router.post(
    "",
    status_code=201,
    response_model=PhotoRead,
    responses={
        **ERRORS,
        415: {"description": "Not a JPEG, PNG or WebP image", "content": {"application/problem+json": {}}},
    },
    summary="Upload a photo (multipart field `file`): decoded, metadata stripped, stored by its SHA-256",
)
async def upload_photo(
    request: Request,
    file: Annotated[UploadFile, File(description="A JPEG, PNG or WebP image")],
    photos: Photos,
    principal: Uploader,
    idempotency_key: IdempotencyKey,
) -> JSONResponse:
    status, body = await photos.upload(
        principal, await file.read(), base_url=_base_url(request), idempotency_key=idempotency_key
    )
    await record_uploader(request.app.state.bus.uow(), body["sha256"], principal.sub)
    return JSONResponse(body, status_code=status, headers={"Location": body["url"]})


def _image(content: bytes, media_type: str, request: Request, etag: str) -> Response:
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers={"ETag": etag, "Cache-Control": IMMUTABLE})
    return Response(
        content,
        media_type=media_type,
        headers={"ETag": etag, "Cache-Control": IMMUTABLE, "X-Content-Type-Options": "nosniff"},
    )


PHOTO_RESPONSES: dict[int | str, dict[str, Any]] = {
    **binary("The photo (its bytes, metadata stripped)", ("image/jpeg", "image/png", "image/webp")),
    401: ERRORS[401],
    404: ERRORS[404],
}


async def _check_reader(request: Request, principal: Principal, sha256: str) -> None:
    reader = PhotoReader(principal.sub, principal.role, principal.department, principal.jurisdiction)
    reference = request.app.state.context.reference
    if not PHOTO_ID.match(sha256) or not await may_read(request.app.state.bus.uow(), reference, reader, sha256):
        raise Problem(404, "Not found", "No such photo.")


@router.get("/{sha256}", response_class=Response, responses=PHOTO_RESPONSES, summary="A stored photo")
async def read_photo(sha256: str, request: Request, photos: Photos, principal: AnyUser) -> Response:
    await _check_reader(request, principal, sha256)
    content, media_type = await photos.read(sha256)
    return _image(content, media_type, request, f'"{sha256}"')


@router.get(
    "/{sha256}/thumbnail", response_class=Response, responses=PHOTO_RESPONSES, summary="A photo's JPEG thumbnail"
)
async def read_thumbnail(sha256: str, request: Request, photos: Photos, principal: AnyUser) -> Response:
    await _check_reader(request, principal, sha256)
    content, media_type = await photos.read(sha256, thumbnail=True)
    return _image(content, media_type, request, f'"{sha256}-thumb"')


class PhotoCORS:
    """CORS on the photo routes only: the rest of intake's API stays same-origin."""

    def __init__(self, app: ASGIApp, origins: list[str]) -> None:
        self.app = app
        self.cors = CORSMiddleware(
            app,
            allow_origins=origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Idempotency-Key", "Content-Type"],
            expose_headers=["Location", "ETag", "Retry-After"],
            max_age=600,
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith(PREFIX):
            await self.cors(scope, receive, send)
        else:
            await self.app(scope, receive, send)
