"""Content-addressed photo storage: a local directory by default, S3-compatible object storage
(MinIO, Ceph, a cloud bucket) when configured. Objects are named by the SHA-256 of their bytes, so
the same photo uploaded twice is stored once and an object never changes once written."""

from __future__ import annotations

import asyncio
import os
import tempfile
from pathlib import Path
from typing import Any, Protocol


class PhotoStore(Protocol):
    async def put(self, name: str, content: bytes, media_type: str) -> bool:
        """Store `content` as `name` unless it is already there; True when it was written now."""

    async def get(self, name: str) -> bytes | None: ...


class LocalPhotoStore:
    """Files under `root/ab/<name>`: a two-character fan-out keeps directories small."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, name: str) -> Path:
        return self.root / name[:2] / name

    async def put(self, name: str, content: bytes, media_type: str) -> bool:
        return await asyncio.to_thread(self._put, name, content)

    def _put(self, name: str, content: bytes) -> bool:
        path = self._path(name)
        if path.exists():
            return False
        path.parent.mkdir(parents=True, exist_ok=True)
        # Write aside, then rename: a reader never sees half a photo, and racing writers are harmless.
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(content)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return True

    async def get(self, name: str) -> bytes | None:
        path = self._path(name)
        try:
            return await asyncio.to_thread(path.read_bytes)
        except FileNotFoundError:
            return None

    def count(self) -> int:
        return sum(1 for p in self.root.rglob("*") if p.is_file() and not p.name.startswith("."))


class S3PhotoStore:
    """A bucket on any S3-compatible endpoint, through boto3 (the `s3` extra of chuishao-intake).
    Not exercised by the test suite: no S3 endpoint is reachable where the tests run."""

    def __init__(
        self,
        *,
        bucket: str,
        endpoint_url: str | None,
        region: str | None,
        prefix: str = "",
        access_key: str | None = None,
        secret_key: str | None = None,
    ) -> None:
        import boto3  # optional dependency, imported only when S3 is configured

        # Without explicit keys boto3's usual chain applies: AWS_* variables, a profile, the pod's role.
        self.client: Any = boto3.client(
            "s3",
            endpoint_url=endpoint_url or None,
            region_name=region or None,
            aws_access_key_id=access_key,
            aws_secret_access_key=secret_key,
        )
        self.bucket = bucket
        self.prefix = prefix

    async def put(self, name: str, content: bytes, media_type: str) -> bool:
        key = self.prefix + name
        if await asyncio.to_thread(self._exists, key):
            return False
        await asyncio.to_thread(
            self.client.put_object, Bucket=self.bucket, Key=key, Body=content, ContentType=media_type
        )
        return True

    def _exists(self, key: str) -> bool:
        from botocore.exceptions import ClientError

        try:
            self.client.head_object(Bucket=self.bucket, Key=key)
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                return False
            raise
        return True

    async def get(self, name: str) -> bytes | None:
        from botocore.exceptions import ClientError

        try:
            answer = await asyncio.to_thread(self.client.get_object, Bucket=self.bucket, Key=self.prefix + name)
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                return None
            raise
        return await asyncio.to_thread(answer["Body"].read)
