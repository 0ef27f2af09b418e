"""Choose the photo store from settings: S3-compatible when a bucket is named, else a local directory."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import SecretStr
from sqlalchemy.ext.asyncio import AsyncEngine

from chuishao_intake.domain.photos import PhotoLimits
from chuishao_intake.photos.service import PhotoService
from chuishao_intake.photos.store import LocalPhotoStore, PhotoStore, S3PhotoStore

if TYPE_CHECKING:
    from chuishao_intake.bootstrap import IntakeSettings


def _secret(value: SecretStr | None) -> str | None:
    return value.get_secret_value() or None if value is not None else None


def photo_service(settings: IntakeSettings, engine: AsyncEngine) -> PhotoService:
    store: PhotoStore
    if settings.photo_s3_bucket:
        store = S3PhotoStore(
            bucket=settings.photo_s3_bucket,
            endpoint_url=settings.photo_s3_endpoint,
            region=settings.photo_s3_region,
            prefix=settings.photo_s3_prefix,
            access_key=_secret(settings.photo_s3_access_key),
            secret_key=_secret(settings.photo_s3_secret_key),
        )
    else:
        store = LocalPhotoStore(Path(settings.photo_dir))
    limits = PhotoLimits(max_bytes=settings.photo_max_bytes, max_pixels=settings.photo_max_pixels)
    return PhotoService(engine=engine, store=store, limits=limits)
