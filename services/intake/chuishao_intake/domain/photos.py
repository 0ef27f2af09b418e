"""What a photo must be to be kept: the accepted image formats and the limits. Pure values; the
decoding itself is done by the image adapter."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Pillow's format names → the media type a stored photo is served with.
ACCEPTED_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
THUMBNAIL_MEDIA_TYPE = "image/jpeg"
# A stored photo is named by the SHA-256 of its stored (cleaned) bytes.
PHOTO_ID = re.compile(r"^[0-9a-f]{64}$")


class PhotoRefused(Exception):
    """An upload that is not an acceptable photo; `status` is 415 (not an image we take) or 413 (too big)."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail


@dataclass(frozen=True)
class PhotoLimits:
    max_bytes: int = 10 * 1024 * 1024
    max_pixels: int = 40_000_000  # a 48 MP phone sensor bins to 12 MP; larger is a decompression bomb
    thumbnail_edge: int = 320


@dataclass(frozen=True)
class CleanPhoto:
    """A decoded, metadata-free photo ready to store."""

    sha256: str
    media_type: str
    content: bytes
    width: int
    height: int
    thumbnail: bytes


def media_type_of(content: bytes) -> str:
    """The media type of stored bytes, from their signature (stored objects carry no name)."""
    if content.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return "image/webp"
    return "application/octet-stream"
