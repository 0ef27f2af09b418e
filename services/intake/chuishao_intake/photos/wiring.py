"""Choose the photo store from settings: S3-compatible when a bucket is named, else a local directory."""

from __future__ import annotations

from pathlib import Path

from pydantic import SecretStr

from chuishao_intake.domain.photos import PhotoLimits
from chuishao_intake.photos.service import PhotoService
from chuishao_intake.photos.store import LocalPhotoStore, PhotoStore, S3PhotoStore
from chuishao_intake.service_layer.handlers import IntakeBus
from chuishao_intake.settings import IntakeSettings


def _secret(value: SecretStr | None) -> str | None:
    return value.get_secret_value() or None if value is not None else None


def photo_service(settings: IntakeSettings, bus: IntakeBus) -> PhotoService:
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
    return PhotoService(bus=bus, store=store, limits=limits)
