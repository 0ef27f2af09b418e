from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.counts import Counts


T = TypeVar("T", bound="Figures")


@_attrs_define
class Figures:
    """
    Attributes:
        acknowledge_seconds_mean (float | None):
        acknowledge_seconds_p90 (float | None):
        code (str):
        counts (Counts):
        escalation_count (int):
        name (str):
        name_en (str):
        on_time_resolution_rate (float | None): 按时办结率
        resolution_rate (float | None): 解决率
        resolve_seconds_mean (float | None):
        resolve_seconds_p90 (float | None):
        response_rate (float | None): 响应率; null when nothing to rate
        return_rate (float | None): 退单率
        rework_rate (float | None): 返工率
        satisfaction_rate (float | None): 满意率
        whistle_count (int):
    """

    acknowledge_seconds_mean: float | None
    acknowledge_seconds_p90: float | None
    code: str
    counts: Counts
    escalation_count: int
    name: str
    name_en: str
    on_time_resolution_rate: float | None
    resolution_rate: float | None
    resolve_seconds_mean: float | None
    resolve_seconds_p90: float | None
    response_rate: float | None
    return_rate: float | None
    rework_rate: float | None
    satisfaction_rate: float | None
    whistle_count: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        acknowledge_seconds_mean: float | None
        acknowledge_seconds_mean = self.acknowledge_seconds_mean

        acknowledge_seconds_p90: float | None
        acknowledge_seconds_p90 = self.acknowledge_seconds_p90

        code = self.code

        counts = self.counts.to_dict()

        escalation_count = self.escalation_count

        name = self.name

        name_en = self.name_en

        on_time_resolution_rate: float | None
        on_time_resolution_rate = self.on_time_resolution_rate

        resolution_rate: float | None
        resolution_rate = self.resolution_rate

        resolve_seconds_mean: float | None
        resolve_seconds_mean = self.resolve_seconds_mean

        resolve_seconds_p90: float | None
        resolve_seconds_p90 = self.resolve_seconds_p90

        response_rate: float | None
        response_rate = self.response_rate

        return_rate: float | None
        return_rate = self.return_rate

        rework_rate: float | None
        rework_rate = self.rework_rate

        satisfaction_rate: float | None
        satisfaction_rate = self.satisfaction_rate

        whistle_count = self.whistle_count

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "acknowledge_seconds_mean": acknowledge_seconds_mean,
                "acknowledge_seconds_p90": acknowledge_seconds_p90,
                "code": code,
                "counts": counts,
                "escalation_count": escalation_count,
                "name": name,
                "name_en": name_en,
                "on_time_resolution_rate": on_time_resolution_rate,
                "resolution_rate": resolution_rate,
                "resolve_seconds_mean": resolve_seconds_mean,
                "resolve_seconds_p90": resolve_seconds_p90,
                "response_rate": response_rate,
                "return_rate": return_rate,
                "rework_rate": rework_rate,
                "satisfaction_rate": satisfaction_rate,
                "whistle_count": whistle_count,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.counts import Counts

        d = dict(src_dict)

        def _parse_acknowledge_seconds_mean(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        acknowledge_seconds_mean = _parse_acknowledge_seconds_mean(
            d.pop("acknowledge_seconds_mean")
        )

        def _parse_acknowledge_seconds_p90(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        acknowledge_seconds_p90 = _parse_acknowledge_seconds_p90(
            d.pop("acknowledge_seconds_p90")
        )

        code = d.pop("code")

        counts = Counts.from_dict(d.pop("counts"))

        escalation_count = d.pop("escalation_count")

        name = d.pop("name")

        name_en = d.pop("name_en")

        def _parse_on_time_resolution_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        on_time_resolution_rate = _parse_on_time_resolution_rate(
            d.pop("on_time_resolution_rate")
        )

        def _parse_resolution_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        resolution_rate = _parse_resolution_rate(d.pop("resolution_rate"))

        def _parse_resolve_seconds_mean(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        resolve_seconds_mean = _parse_resolve_seconds_mean(
            d.pop("resolve_seconds_mean")
        )

        def _parse_resolve_seconds_p90(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        resolve_seconds_p90 = _parse_resolve_seconds_p90(d.pop("resolve_seconds_p90"))

        def _parse_response_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        response_rate = _parse_response_rate(d.pop("response_rate"))

        def _parse_return_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        return_rate = _parse_return_rate(d.pop("return_rate"))

        def _parse_rework_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        rework_rate = _parse_rework_rate(d.pop("rework_rate"))

        def _parse_satisfaction_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        satisfaction_rate = _parse_satisfaction_rate(d.pop("satisfaction_rate"))

        whistle_count = d.pop("whistle_count")

        figures = cls(
            acknowledge_seconds_mean=acknowledge_seconds_mean,
            acknowledge_seconds_p90=acknowledge_seconds_p90,
            code=code,
            counts=counts,
            escalation_count=escalation_count,
            name=name,
            name_en=name_en,
            on_time_resolution_rate=on_time_resolution_rate,
            resolution_rate=resolution_rate,
            resolve_seconds_mean=resolve_seconds_mean,
            resolve_seconds_p90=resolve_seconds_p90,
            response_rate=response_rate,
            return_rate=return_rate,
            rework_rate=rework_rate,
            satisfaction_rate=satisfaction_rate,
            whistle_count=whistle_count,
        )

        figures.additional_properties = d
        return figures

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
