from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.import_report_errors_item import ImportReportErrorsItem


T = TypeVar("T", bound="ImportReport")


@_attrs_define
class ImportReport:
    """
    Attributes:
        changed (int):
        created (int):
        dry_run (bool):
        errors (list[ImportReportErrorsItem]):
        rows (int):
        unchanged (int):
        valid (bool):
    """

    changed: int
    created: int
    dry_run: bool
    errors: list[ImportReportErrorsItem]
    rows: int
    unchanged: int
    valid: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        changed = self.changed

        created = self.created

        dry_run = self.dry_run

        errors = []
        for errors_item_data in self.errors:
            errors_item = errors_item_data.to_dict()
            errors.append(errors_item)

        rows = self.rows

        unchanged = self.unchanged

        valid = self.valid

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "changed": changed,
                "created": created,
                "dry_run": dry_run,
                "errors": errors,
                "rows": rows,
                "unchanged": unchanged,
                "valid": valid,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.import_report_errors_item import ImportReportErrorsItem

        d = dict(src_dict)
        changed = d.pop("changed")

        created = d.pop("created")

        dry_run = d.pop("dry_run")

        errors = []
        _errors = d.pop("errors")
        for errors_item_data in _errors:
            errors_item = ImportReportErrorsItem.from_dict(errors_item_data)

            errors.append(errors_item)

        rows = d.pop("rows")

        unchanged = d.pop("unchanged")

        valid = d.pop("valid")

        import_report = cls(
            changed=changed,
            created=created,
            dry_run=dry_run,
            errors=errors,
            rows=rows,
            unchanged=unchanged,
            valid=valid,
        )

        import_report.additional_properties = d
        return import_report

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
