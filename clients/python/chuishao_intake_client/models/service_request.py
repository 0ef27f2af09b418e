from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ServiceRequest")


@_attrs_define
class ServiceRequest:
    """A report as the public sees it: never the resident's contact, never a photo address.

    Attributes:
        description (str):
        requested_datetime (str):
        service_code (str):
        service_name (str):
        service_request_id (str):
        status (str):
        updated_datetime (str):
        address (None | str | Unset):
        address_id (None | str | Unset):
        agency_responsible (None | str | Unset):
        expected_datetime (None | str | Unset):
        lat (float | None | Unset):
        long (float | None | Unset):
        media_url (None | str | Unset):
        service_notice (None | str | Unset):
        status_notes (None | str | Unset):
        zipcode (None | str | Unset):
    """

    description: str
    requested_datetime: str
    service_code: str
    service_name: str
    service_request_id: str
    status: str
    updated_datetime: str
    address: None | str | Unset = UNSET
    address_id: None | str | Unset = UNSET
    agency_responsible: None | str | Unset = UNSET
    expected_datetime: None | str | Unset = UNSET
    lat: float | None | Unset = UNSET
    long: float | None | Unset = UNSET
    media_url: None | str | Unset = UNSET
    service_notice: None | str | Unset = UNSET
    status_notes: None | str | Unset = UNSET
    zipcode: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        description = self.description

        requested_datetime = self.requested_datetime

        service_code = self.service_code

        service_name = self.service_name

        service_request_id = self.service_request_id

        status = self.status

        updated_datetime = self.updated_datetime

        address: None | str | Unset
        if isinstance(self.address, Unset):
            address = UNSET
        else:
            address = self.address

        address_id: None | str | Unset
        if isinstance(self.address_id, Unset):
            address_id = UNSET
        else:
            address_id = self.address_id

        agency_responsible: None | str | Unset
        if isinstance(self.agency_responsible, Unset):
            agency_responsible = UNSET
        else:
            agency_responsible = self.agency_responsible

        expected_datetime: None | str | Unset
        if isinstance(self.expected_datetime, Unset):
            expected_datetime = UNSET
        else:
            expected_datetime = self.expected_datetime

        lat: float | None | Unset
        if isinstance(self.lat, Unset):
            lat = UNSET
        else:
            lat = self.lat

        long: float | None | Unset
        if isinstance(self.long, Unset):
            long = UNSET
        else:
            long = self.long

        media_url: None | str | Unset
        if isinstance(self.media_url, Unset):
            media_url = UNSET
        else:
            media_url = self.media_url

        service_notice: None | str | Unset
        if isinstance(self.service_notice, Unset):
            service_notice = UNSET
        else:
            service_notice = self.service_notice

        status_notes: None | str | Unset
        if isinstance(self.status_notes, Unset):
            status_notes = UNSET
        else:
            status_notes = self.status_notes

        zipcode: None | str | Unset
        if isinstance(self.zipcode, Unset):
            zipcode = UNSET
        else:
            zipcode = self.zipcode

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "description": description,
                "requested_datetime": requested_datetime,
                "service_code": service_code,
                "service_name": service_name,
                "service_request_id": service_request_id,
                "status": status,
                "updated_datetime": updated_datetime,
            }
        )
        if address is not UNSET:
            field_dict["address"] = address
        if address_id is not UNSET:
            field_dict["address_id"] = address_id
        if agency_responsible is not UNSET:
            field_dict["agency_responsible"] = agency_responsible
        if expected_datetime is not UNSET:
            field_dict["expected_datetime"] = expected_datetime
        if lat is not UNSET:
            field_dict["lat"] = lat
        if long is not UNSET:
            field_dict["long"] = long
        if media_url is not UNSET:
            field_dict["media_url"] = media_url
        if service_notice is not UNSET:
            field_dict["service_notice"] = service_notice
        if status_notes is not UNSET:
            field_dict["status_notes"] = status_notes
        if zipcode is not UNSET:
            field_dict["zipcode"] = zipcode

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        description = d.pop("description")

        requested_datetime = d.pop("requested_datetime")

        service_code = d.pop("service_code")

        service_name = d.pop("service_name")

        service_request_id = d.pop("service_request_id")

        status = d.pop("status")

        updated_datetime = d.pop("updated_datetime")

        def _parse_address(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        address = _parse_address(d.pop("address", UNSET))

        def _parse_address_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        address_id = _parse_address_id(d.pop("address_id", UNSET))

        def _parse_agency_responsible(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        agency_responsible = _parse_agency_responsible(
            d.pop("agency_responsible", UNSET)
        )

        def _parse_expected_datetime(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        expected_datetime = _parse_expected_datetime(d.pop("expected_datetime", UNSET))

        def _parse_lat(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        lat = _parse_lat(d.pop("lat", UNSET))

        def _parse_long(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        long = _parse_long(d.pop("long", UNSET))

        def _parse_media_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        media_url = _parse_media_url(d.pop("media_url", UNSET))

        def _parse_service_notice(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        service_notice = _parse_service_notice(d.pop("service_notice", UNSET))

        def _parse_status_notes(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        status_notes = _parse_status_notes(d.pop("status_notes", UNSET))

        def _parse_zipcode(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        zipcode = _parse_zipcode(d.pop("zipcode", UNSET))

        service_request = cls(
            description=description,
            requested_datetime=requested_datetime,
            service_code=service_code,
            service_name=service_name,
            service_request_id=service_request_id,
            status=status,
            updated_datetime=updated_datetime,
            address=address,
            address_id=address_id,
            agency_responsible=agency_responsible,
            expected_datetime=expected_datetime,
            lat=lat,
            long=long,
            media_url=media_url,
            service_notice=service_notice,
            status_notes=status_notes,
            zipcode=zipcode,
        )

        service_request.additional_properties = d
        return service_request

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
