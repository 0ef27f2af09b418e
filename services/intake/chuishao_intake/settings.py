"""Intake's settings: a module of its own, so that the composition root and the entrypoints it wires
(the lost-whistle check, the photo store) all import it without importing each other."""

from __future__ import annotations

from pydantic import Field, SecretStr

from chuishao_shared.settings import Settings


class IntakeSettings(Settings):
    service_name: str = "intake"
    port: int = 8001
    # CHUISHAO_INTAKE_WORKERS: uvicorn worker processes (Prometheus multiprocess mode when > 1; the
    # outbox relay stays one active relay by its advisory lock; rate limits are per worker).
    intake_workers: int = Field(default=1, ge=1, le=64)
    # The address clients reach intake at (behind a proxy); photo URLs are built from it.
    public_url: str | None = None
    # Origins (comma-separated) allowed to call the photo routes from a browser: the console's.
    cors_origins: str = ""
    photo_dir: str = ".run/photos"
    photo_max_bytes: int = 10 * 1024 * 1024
    photo_max_pixels: int = 40_000_000
    # S3-compatible storage instead of photo_dir when a bucket is named. Without keys, boto3's own
    # chain applies (AWS_* variables, a mounted profile, the pod's role).
    photo_s3_bucket: str | None = None
    photo_s3_endpoint: str | None = None
    photo_s3_region: str | None = None
    photo_s3_prefix: str = "photos/"
    photo_s3_access_key: SecretStr | None = None
    photo_s3_secret_key: SecretStr | None = None
    # The lost-whistle check: a report accepted this long ago with no case yet is counted and alerted on.
    unrouted_after_minutes: float = 10.0
    unrouted_check_seconds: float = 60.0
