"""Photo access use cases: remember who uploaded a photo, and decide whether someone may read one (a
read-only unit of work gathers the facts, the domain rule decides)."""

from __future__ import annotations

from chuishao_intake.adapters.photo_access import photo_uploaders, photo_uses, record_upload
from chuishao_intake.domain.photo_access import PhotoReader, may_read_photo
from chuishao_intake.service_layer.unit_of_work import SqlUnitOfWork
from chuishao_shared.reference import ReferenceData


async def record_uploader(uow: SqlUnitOfWork, sha256: str, uploader: str) -> None:
    """Idempotent: run for every answer to an upload, a replayed one too, so a retry repairs a miss."""
    async with uow:
        await record_upload(uow.conn, sha256, uploader)
        await uow.commit()


async def may_read(uow: SqlUnitOfWork, reference: ReferenceData, reader: PhotoReader, sha256: str) -> bool:
    if reader.role == "admin":
        return True
    async with uow:
        uploaders = await photo_uploaders(uow.conn, sha256)
        uses = [] if reader.sub in uploaders else await photo_uses(uow.conn, sha256)
    return may_read_photo(reader, uploaders=uploaders, uses=uses, chain=reference.chain)
