"""Resources as Open Referral HSDS 3.0: the mapping, the RRULE translation, and validation of the
output against the official HSDS 3.0 JSON Schemas kept in the package (`hsds_schema/`)."""

from __future__ import annotations

import json
from datetime import date, time
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st
from referencing import Registry
from referencing import Resource as SchemaResource
from referencing.jsonschema import DRAFT202012

from chuishao_community.domain import hsds
from chuishao_community.domain.hsds import (
    InvalidResource,
    Place,
    Provider,
    Resource,
    ScheduleRow,
    hsds_organization,
    hsds_service,
    hsds_services,
    parse_rrule,
)

SCHEMA_DIR = Path(hsds.__file__).resolve().parent.parent / "hsds_schema"
BASE = "https://schemas.chuishao.invalid/hsds/3.0/"


def _closed(node: Any) -> Any:
    """additionalProperties: false on every object schema, as the specification's example checks do."""
    if isinstance(node, dict):
        node = {k: _closed(v) for k, v in node.items()}
        if node.get("type") == "object" and "properties" in node:
            node.setdefault("additionalProperties", False)
    elif isinstance(node, list):
        node = [_closed(v) for v in node]
    return node


def _load() -> tuple[Registry, dict[str, dict[str, Any]]]:
    schemas = {}
    for path in sorted(SCHEMA_DIR.glob("*.json")):
        schema = _closed(json.loads(path.read_text("utf-8")))
        schema["$id"] = BASE + path.name
        schemas[path.name] = schema
    registry = Registry().with_resources(
        (BASE + name, SchemaResource.from_contents(s, default_specification=DRAFT202012)) for name, s in schemas.items()
    )
    return registry, schemas


REGISTRY, SCHEMAS = _load()


def validate(instance: Any, schema_name: str) -> None:
    validator = jsonschema.Draft202012Validator(
        SCHEMAS[schema_name], registry=REGISTRY, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


UNIT = Provider("u-1", "常州市天宁区税务局", "共建单位：提供场地和政策宣讲", kind="机关", website="https://example.org")
COMMUNITY = Provider("TN-CS-FQXC", "富强新村社区", "社区自有资源")
HALL = Resource(
    id="r-hall",
    kind="venue",
    name="多功能活动室",
    description="可容纳 40 人的活动室，供居民议事和培训使用",
    place=Place("税务局 2 楼活动室", 31.781, 119.972, "茶山街道清凉路 1 号", "常州市", "江苏省", "213000"),
    status="available",
    life_circle=15,
    capacity=40,
    eligibility="本社区居民与共建单位，提前一天预约",
    schedule=(
        ScheduleRow("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", time(9), time(17), "工作日开放"),
        ScheduleRow("RRULE:FREQ=MONTHLY;BYDAY=2SA;UNTIL=20251231", time(9), time(11, 30)),
    ),
    valid_from=date(2025, 1, 1),
    valid_to=date(2025, 12, 31),
)


# ------------------------------------------------------------------------------------- the schemas


def test_the_official_schemas_are_present_with_their_licence() -> None:
    for name in ("service.json", "organization.json", "location.json", "schedule.json", "attribute.json"):
        assert (SCHEMA_DIR / name).is_file()
    assert "Creative Commons Attribution Share-Alike 4.0" in (SCHEMA_DIR / "LICENSE").read_text()
    assert "openreferral/specification" in (SCHEMA_DIR / "README.md").read_text()
    assert SCHEMAS["service.json"]["required"] == ["id", "name", "status"]


def test_the_closed_schemas_do_refuse_invented_fields() -> None:
    service = hsds_service(UNIT, HALL)
    service["life_circle"] = 15
    with pytest.raises(AssertionError, match="Additional properties"):
        validate(service, "service.json")
    bad = hsds_service(UNIT, HALL)
    bad["id"] = "not-a-uuid"
    with pytest.raises(AssertionError, match="uuid"):
        validate(bad, "service.json")


# ------------------------------------------------------------------------------------- mapping


def test_a_unit_resource_validates_as_an_hsds_service() -> None:
    service = hsds_service(UNIT, HALL)
    validate(service, "service.json")
    validate(service["organization"], "organization.json")
    location = service["service_at_locations"][0]["location"]
    validate(location, "location.json")
    for schedule in service["schedules"]:
        validate(schedule, "schedule.json")


def test_the_service_carries_the_resource() -> None:
    service = hsds_service(UNIT, HALL)
    assert service["name"] == "多功能活动室"
    assert service["status"] == "active"
    assert service["eligibility_description"].startswith("本社区居民")
    assert service["organization_id"] == service["organization"]["id"]
    assert service["organization"]["name"] == "常州市天宁区税务局"
    location = service["service_at_locations"][0]["location"]
    assert (location["latitude"], location["longitude"], location["location_type"]) == (31.781, 119.972, "physical")
    assert location["addresses"][0]["country"] == "CN"


def test_the_life_circle_tier_is_an_attribute_of_the_service_and_the_location() -> None:
    service = hsds_service(UNIT, HALL)
    location = service["service_at_locations"][0]["location"]
    for entity in (service, location):
        tiers = [a for a in entity["attributes"] if a["taxonomy_term"]["taxonomy"] == "GB 50180-2018 life circle"]
        assert len(tiers) == 1
        assert tiers[0]["value"] == "15"
        assert tiers[0]["taxonomy_term"]["name"] == "15分钟生活圈居住区"
        assert tiers[0]["link_id"] == entity["id"]


@pytest.mark.parametrize("minutes", [5, 10, 15])
def test_every_tier_maps(minutes: int) -> None:
    service = hsds_service(COMMUNITY, Resource(**{**HALL.__dict__, "life_circle": minutes}))
    validate(service, "service.json")
    assert {a["value"] for a in service["attributes"]} >= {str(minutes)}


def test_kind_and_capacity_are_attributes() -> None:
    attributes = {a["taxonomy_term"]["taxonomy"]: a for a in hsds_service(UNIT, HALL)["attributes"]}
    assert attributes["chuishao resource kind"]["taxonomy_term"]["code"] == "venue"
    assert attributes["chuishao capacity"]["value"] == "40"


def test_schedules_carry_the_rrule_and_opening_hours_in_china_time() -> None:
    weekly, monthly = hsds_service(UNIT, HALL)["schedules"]
    assert weekly.items() >= {"freq": "WEEKLY", "interval": 1, "byday": "MO,TU,WE,TH,FR", "timezone": 8}.items()
    assert (weekly["opens_at"], weekly["closes_at"]) == ("09:00+08:00", "17:00+08:00")
    assert weekly["description"] == "工作日开放"
    assert (weekly["valid_from"], weekly["valid_to"], weekly["dtstart"]) == ("2025-01-01", "2025-12-31", "2025-01-01")
    assert monthly["freq"] == "MONTHLY" and monthly["byday"] == "2SA" and monthly["until"] == "2025-12-31"
    assert monthly["closes_at"] == "11:30+08:00"


def test_ids_are_stable_uuids_and_distinct() -> None:
    first, again = hsds_service(UNIT, HALL), hsds_service(UNIT, HALL)
    assert first == again
    ids = [first["id"], first["organization"]["id"], first["service_at_locations"][0]["location"]["id"]]
    ids += [s["id"] for s in first["schedules"]] + [a["id"] for a in first["attributes"]]
    assert len(set(ids)) == len(ids)


def test_a_minimal_community_resource_validates_and_has_no_personal_contact() -> None:
    minimal = Resource("r-2", "material", "折叠椅 20 把", "可借用", Place("社区仓库", 31.78, 119.97))
    services = hsds_services(COMMUNITY, [minimal, HALL])
    for service in services:
        validate(service, "service.json")
    assert services[0]["schedules"] == [] and "addresses" not in services[0]["service_at_locations"][0]["location"]
    assert "contacts" not in services[0] and "phones" not in services[0]


@pytest.mark.parametrize(
    ("status", "hsds_status"),
    [("available", "active"), ("paused", "temporarily closed"), ("withdrawn", "inactive"), ("retired", "defunct")],
)
def test_status_mapping(status: str, hsds_status: str) -> None:
    service = hsds_service(UNIT, Resource(**{**HALL.__dict__, "status": status}))
    assert service["status"] == hsds_status
    validate(service, "service.json")


def test_the_organization_alone_validates() -> None:
    org = hsds_organization(UNIT)
    validate(org, "organization.json")
    assert org["attributes"][0]["taxonomy_term"]["code"] == "机关"
    with pytest.raises(InvalidResource) as exc:
        hsds_organization(Provider("u", "", "x"))
    assert exc.value.field == "provider.name"


# ------------------------------------------------------------------------------------- refusals


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"name": ""}, "name", "required"),
        ({"description": " "}, "description", "required"),
        ({"kind": "food"}, "kind", "unknown"),
        ({"status": "open"}, "status", "unknown"),
        ({"life_circle": 20}, "life_circle", "unknown"),
        ({"capacity": -1}, "capacity", "out_of_range"),
        ({"place": Place("", 1, 1)}, "place.name", "required"),
        ({"place": Place("x", 91, 1)}, "place.lat", "out_of_range"),
        ({"place": Place("x", 1, -181)}, "place.lon", "out_of_range"),
        ({"minimum_age": 60, "maximum_age": 18}, "maximum_age", "out_of_range"),
        ({"valid_from": date(2025, 2, 1), "valid_to": date(2025, 1, 1)}, "valid_to", "before_valid_from"),
        ({"schedule": (ScheduleRow("FREQ=WEEKLY", time(9)),)}, "schedule[0].closes", "required"),
        ({"schedule": (ScheduleRow("FREQ=WEEKLY", time(9), time(8)),)}, "schedule[0].closes", "not_after_opens"),
        ({"schedule": (ScheduleRow("FREQ=YEARLY"),)}, "schedule[0].rrule", "unsupported_freq"),
    ],
)
def test_refusals_name_the_field(overrides: dict[str, Any], field: str, code: str) -> None:
    with pytest.raises(InvalidResource) as exc:
        hsds_service(UNIT, Resource(**{**HALL.__dict__, **overrides}))
    assert (exc.value.field, exc.value.code) == (field, code)


# ------------------------------------------------------------------------------------- RRULE


@pytest.mark.parametrize(
    ("rrule", "expected"),
    [
        ("FREQ=WEEKLY", {"freq": "WEEKLY", "interval": 1}),
        ("freq=weekly;interval=2;byday=sa", {"freq": "WEEKLY", "interval": 2, "byday": "SA"}),
        ("FREQ=DAILY", {"freq": "WEEKLY", "interval": 1, "byday": "MO,TU,WE,TH,FR,SA,SU"}),
        ("FREQ=MONTHLY;BYMONTHDAY=1,15,-1", {"freq": "MONTHLY", "interval": 1, "bymonthday": "1,15,-1"}),
        ("FREQ=MONTHLY;BYDAY=-1FR;COUNT=6", {"freq": "MONTHLY", "interval": 1, "byday": "-1FR", "count": 6}),
        ("FREQ=WEEKLY;BYWEEKNO=1,-1;WKST=SU", {"freq": "WEEKLY", "interval": 1, "byweekno": "1,-1", "wkst": "SU"}),
        ("FREQ=WEEKLY;UNTIL=20251231T160000Z", {"freq": "WEEKLY", "interval": 1, "until": "2025-12-31"}),
    ],
)
def test_parse_rrule(rrule: str, expected: dict[str, Any]) -> None:
    assert parse_rrule(rrule) == expected


@pytest.mark.parametrize(
    ("rrule", "code"),
    [
        ("", "malformed"),
        ("BYDAY=MO", "malformed"),
        ("FREQ", "malformed"),
        ("FREQ=WEEKLY;FREQ=MONTHLY", "malformed"),
        ("FREQ=WEEKLY;BYHOUR=9", "unsupported"),
        ("FREQ=YEARLY", "unsupported_freq"),
        ("FREQ=HOURLY", "unsupported_freq"),
        ("FREQ=DAILY;INTERVAL=2", "unsupported_freq"),
        ("FREQ=WEEKLY;INTERVAL=0", "malformed"),
        ("FREQ=WEEKLY;COUNT=x", "malformed"),
        ("FREQ=WEEKLY;COUNT=2;UNTIL=20250101", "malformed"),
        ("FREQ=WEEKLY;BYDAY=2MO", "malformed"),
        ("FREQ=WEEKLY;BYDAY=XX", "malformed"),
        ("FREQ=WEEKLY;BYMONTHDAY=1", "malformed"),
        ("FREQ=MONTHLY;BYMONTHDAY=32", "malformed"),
        ("FREQ=MONTHLY;BYMONTHDAY=0", "malformed"),
        ("FREQ=MONTHLY;BYWEEKNO=1", "malformed"),
        ("FREQ=WEEKLY;UNTIL=20251332", "malformed"),
        ("FREQ=WEEKLY;UNTIL=tomorrow", "malformed"),
        ("FREQ=WEEKLY;WKST=XX", "malformed"),
    ],
)
def test_parse_rrule_refusals(rrule: str, code: str) -> None:
    with pytest.raises(InvalidResource) as exc:
        parse_rrule(rrule, "schedule[0].rrule")
    assert (exc.value.field, exc.value.code) == ("schedule[0].rrule", code)


days = st.lists(st.sampled_from(["MO", "TU", "WE", "TH", "FR", "SA", "SU"]), min_size=1, max_size=7, unique=True)


@given(
    st.sampled_from(["WEEKLY", "MONTHLY"]),
    st.integers(min_value=1, max_value=12),
    days,
    st.integers(min_value=0, max_value=23),
    st.integers(min_value=1, max_value=60),
    st.sampled_from([5, 10, 15]),
)
def test_any_weekly_or_monthly_schedule_validates(
    freq: str, interval: int, byday: list[str], opens: int, span: int, tier: int
) -> None:
    opens_at = time(opens)
    closes_minutes = min(opens * 60 + span * 15, 23 * 60 + 59)
    closes_at = time(closes_minutes // 60, closes_minutes % 60)
    resource = Resource(
        **{
            **HALL.__dict__,
            "life_circle": tier,
            "schedule": (ScheduleRow(f"FREQ={freq};INTERVAL={interval};BYDAY={','.join(byday)}", opens_at, closes_at),),
        }
    )
    validate(hsds_service(UNIT, resource), "service.json")
