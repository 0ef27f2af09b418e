from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.import_in_files import ImportInFiles


T = TypeVar("T", bound="ImportIn")


@_attrs_define
class ImportIn:
    """
    Attributes:
        files (ImportInFiles): File name (e.g. categories.yaml) → its YAML text
        reason (str):
    """

    files: ImportInFiles
    reason: str

    def to_dict(self) -> dict[str, Any]:
        files = self.files.to_dict()

        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "files": files,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.import_in_files import ImportInFiles

        d = dict(src_dict)
        files = ImportInFiles.from_dict(d.pop("files"))

        reason = d.pop("reason")

        import_in = cls(
            files=files,
            reason=reason,
        )

        return import_in
