from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.attribute_value import AttributeValue


T = TypeVar("T", bound="Attribute")


@_attrs_define
class Attribute:
    """
    Attributes:
        code (str):
        datatype (str):
        datatype_description (str):
        description (str):
        order (int):
        required (bool):
        values (list[AttributeValue]):
        variable (bool):
    """

    code: str
    datatype: str
    datatype_description: str
    description: str
    order: int
    required: bool
    values: list[AttributeValue]
    variable: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        datatype = self.datatype

        datatype_description = self.datatype_description

        description = self.description

        order = self.order

        required = self.required

        values = []
        for values_item_data in self.values:
            values_item = values_item_data.to_dict()
            values.append(values_item)

        variable = self.variable

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "datatype": datatype,
                "datatype_description": datatype_description,
                "description": description,
                "order": order,
                "required": required,
                "values": values,
                "variable": variable,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.attribute_value import AttributeValue

        d = dict(src_dict)
        code = d.pop("code")

        datatype = d.pop("datatype")

        datatype_description = d.pop("datatype_description")

        description = d.pop("description")

        order = d.pop("order")

        required = d.pop("required")

        values = []
        _values = d.pop("values")
        for values_item_data in _values:
            values_item = AttributeValue.from_dict(values_item_data)

            values.append(values_item)

        variable = d.pop("variable")

        attribute = cls(
            code=code,
            datatype=datatype,
            datatype_description=datatype_description,
            description=description,
            order=order,
            required=required,
            values=values,
            variable=variable,
        )

        attribute.additional_properties = d
        return attribute

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
