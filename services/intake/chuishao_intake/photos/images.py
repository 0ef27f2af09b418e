"""Decode an upload with Pillow, refuse what is not a JPEG, PNG or WebP image, and re-encode it
without metadata: EXIF (GPS can locate a resident's home), XMP, ICC profiles, comments and text chunks.
Pillow carries what it decoded into `image.info` over to the next save (a JPEG's COM segment comes
back as `info['comment']` and is written again unless removed): `info` is emptied of all but what
the pixels need (a palette's transparency) before the photo and its thumbnail are encoded."""

from __future__ import annotations

import hashlib
import io
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError

from chuishao_intake.domain.photos import ACCEPTED_FORMATS, CleanPhoto, PhotoLimits, PhotoRefused

# The only decoded `info` entry a re-encoding needs: which palette entry is transparent.
_PIXEL_INFO = frozenset({"transparency"})


def clean_photo(upload: bytes, limits: PhotoLimits) -> CleanPhoto:
    if len(upload) > limits.max_bytes:
        raise PhotoRefused(413, f"The photo exceeds {limits.max_bytes} bytes.")
    image = _decode(upload, limits)
    source_format = image.format or ""
    # Orientation lives in EXIF, which is about to go: turn the pixels upright first.
    upright = ImageOps.exif_transpose(image)
    turned = upright is not image
    upright.info = {k: v for k, v in upright.info.items() if k in _PIXEL_INFO}
    content = _encode(upright, source_format, keep_jpeg_tables=not turned)
    return CleanPhoto(
        sha256=hashlib.sha256(content).hexdigest(),
        media_type=ACCEPTED_FORMATS[source_format],
        content=content,
        width=upright.width,
        height=upright.height,
        thumbnail=_thumbnail(upright, limits.thumbnail_edge),
    )


def _decode(upload: bytes, limits: PhotoLimits) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(upload), formats=list(ACCEPTED_FORMATS))
            if image.width * image.height > limits.max_pixels:
                raise PhotoRefused(413, f"The photo has more than {limits.max_pixels} pixels.")
            image.load()  # decodes every pixel: a truncated or forged file fails here, not later
    except PhotoRefused:
        raise
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as error:
        raise PhotoRefused(413, f"The photo has too many pixels: {error}") from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise PhotoRefused(415, "The file is not a JPEG, PNG or WebP image.") from error
    if image.format not in ACCEPTED_FORMATS:
        raise PhotoRefused(415, "The file is not a JPEG, PNG or WebP image.")
    return image


def _encode(image: Image.Image, source_format: str, *, keep_jpeg_tables: bool) -> bytes:
    out = io.BytesIO()
    # No `exif=`, `pnginfo=` or `xmp=` is passed, so none is written.
    if source_format == "JPEG":
        rgb = image if image.mode in ("RGB", "L", "CMYK") else image.convert("RGB")
        # "keep" reuses the original quantisation tables: no second generation of JPEG loss.
        quality: int | str = "keep" if keep_jpeg_tables and rgb is image else 90
        rgb.save(out, "JPEG", quality=quality, optimize=True, comment=b"")
    elif source_format == "PNG":
        image.save(out, "PNG", optimize=True)
    else:
        image.save(out, "WEBP", quality=85, method=4, exif=b"", xmp=b"")
    return out.getvalue()


def _thumbnail(image: Image.Image, edge: int) -> bytes:
    thumb = image.copy()
    thumb.thumbnail((edge, edge))
    if thumb.mode != "RGB":
        background = Image.new("RGB", thumb.size, "white")
        rgba = thumb.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        thumb = background
    out = io.BytesIO()
    thumb.info = {}
    thumb.save(out, "JPEG", quality=80, optimize=True, comment=b"")
    return out.getvalue()
