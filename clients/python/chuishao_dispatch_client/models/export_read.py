from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.export_read_files import ExportReadFiles


T = TypeVar("T", bound="ExportRead")


@_attrs_define
class ExportRead:
    """
    Attributes:
        files (ExportReadFiles): File name → YAML text, as in the data directory
        version (int):
    """

    files: ExportReadFiles
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        files = self.files.to_dict()

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "files": files,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.export_read_files import ExportReadFiles

        d = dict(src_dict)
        files = ExportReadFiles.from_dict(d.pop("files"))

        version = d.pop("version")

        export_read = cls(
            files=files,
            version=version,
        )

        export_read.additional_properties = d
        return export_read

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
