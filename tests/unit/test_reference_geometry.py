"""The grids' geometry (geometry.yaml): the demo set tiles each community, and every refusal names
the grid and the reason while nothing else is loaded."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from chuishao_shared.reference import DEFAULT_DATA_DIR, ReferenceData, ReferenceDataError, load_reference
from chuishao_shared.reference import geometry as geo

pytestmark = pytest.mark.unit

G1, G2, SUB = "XY-WQ-WY-G01", "XY-WQ-WY-G02", "LX-DC-BH-G01-01"


@pytest.fixture(scope="module")
def ref() -> ReferenceData:
    return load_reference()


def _square(x: float, y: float, size: float = 0.001) -> list[list[list[float]]]:
    return [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]]


def test_every_demo_grid_has_a_simple_polygon_and_communities_are_their_union(ref: ReferenceData) -> None:
    geography = ref.geography
    assert geography is not None
    assert set(geography.grids) == {g.code for g in ref.grids()}
    for code, ring in geography.grids.items():
        assert geo.self_intersection(ring) is None, code
        west, south, east, north = geo.bounds([ring])
        assert 70 < west < east < 140 and 15 < south < north < 55, code  # in China, lon/lat order
    assert set(geography.communities) == {c.code for c in ref.communities()}
    for community, outline in geography.communities.items():
        assert len(outline) == 1 and len(outline[0]) == 1, community  # one piece, no holes
        for grid in (g for g in ref.grids() if ref.community_of(g.code).code == community):
            assert geo.within(geography.grids[grid.code], outline[0][0]), grid.code
    for building in geography.buildings:
        assert geography.locate(*building.point) in {
            building.grid,
            *(g for g in geography.grids if ref.jurisdictions[g].parent == building.grid),
        }


def test_locate_answers_the_deepest_grid_holding_the_point(ref: ReferenceData) -> None:
    geography = ref.geography
    assert geography is not None
    west, south, east, north = geography.bounds(["LX-DC-BH-G01-01-01"])
    middle = ((west + east) / 2, (south + north) / 2)
    assert geography.locate(*middle) == "LX-DC-BH-G01-01-01"
    assert geography.locate(*middle, among=["LX-DC-BH-G01", "LX-DC-BH-G02"]) == "LX-DC-BH-G01"
    assert geography.locate(0.0, 0.0) is None


def test_union_of_two_squares_sharing_an_edge_is_one_rectangle() -> None:
    a = geo.ring_from_geojson(_square(0, 0, 1))
    b = geo.ring_from_geojson([[[1, 0], [2, 0], [2, 1], [1.5, 1], [1, 1], [1, 0.5], [1, 0]]])
    [[outline]] = geo.union_outline([a, b])
    assert sorted(set(map(tuple, outline))) == sorted({(0, 0), (1, 0), (2, 0), (2, 1), (1.5, 1), (1, 1), (0, 1)})


def _refused(tmp_path: Path, change: Any) -> str:
    """Load the demo data with geometry.yaml changed by `change(doc)`; the error's text."""
    data = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, data)
    doc = yaml.safe_load((data / "geometry.yaml").read_text(encoding="utf-8"))
    change(doc)
    (data / "geometry.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ReferenceDataError) as caught:
        load_reference(data)
    assert all(p["file"] == "geometry.yaml" for p in caught.value.problems)  # nothing else is blamed
    return str(caught.value)


def test_a_self_intersecting_polygon_is_refused(tmp_path: Path) -> None:
    def bowtie(doc: dict) -> None:
        (x0, y0), (x1, y1) = doc["grids"][G1][0][0], doc["grids"][G1][0][2]
        doc["grids"][G1] = [[[x0, y0], [x1, y1], [x1, y0], [x0, y1], [x0, y0]]]

    message = _refused(tmp_path, bowtie)
    assert f"[{G1}] polygon: self-intersecting polygon" in message and "cross" in message


def test_overlapping_grids_are_refused(tmp_path: Path) -> None:
    def overlap(doc: dict) -> None:
        doc["grids"][G2] = doc["grids"][G1]

    message = _refused(tmp_path, overlap)
    assert f"[{G2}] polygon: overlapping grids: {G2} overlaps {G1}" in message


def test_a_sub_grid_outside_its_parent_is_refused(tmp_path: Path) -> None:
    def away(doc: dict) -> None:
        doc["grids"][f"{SUB}-01"] = _square(111.0, 38.0)

    assert f"[{SUB}-01] polygon: a grid outside its parent: {SUB}-01 is not within grid {SUB}" in _refused(
        tmp_path, away
    )


def test_a_grid_outside_its_declared_community_boundary_is_refused(tmp_path: Path) -> None:
    def boundary(doc: dict) -> None:
        ring = doc["grids"][G1][0]
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        doc["communities"] = {
            "XY-WQ-WY": [
                [[min(xs), min(ys)], [max(xs), min(ys)], [max(xs), max(ys)], [min(xs), max(ys)], [min(xs), min(ys)]]
            ]
        }

    message = _refused(tmp_path, boundary)
    assert f"[{G2}] polygon: a grid outside its community: {G2} is not within XY-WQ-WY's boundary" in message
    assert f"[{G1}]" not in message


def test_missing_geometry_is_refused(tmp_path: Path) -> None:
    message = _refused(tmp_path, lambda doc: doc["grids"].pop(G1))
    assert f"[{G1}] polygon: missing geometry" in message


@pytest.mark.parametrize(
    ("polygon", "reason"),
    [
        ([[[113.0, 36.6], [113.001, 36.6], [113.0, 36.6]]], "the first repeated"),
        ([[[113.0, 36.6], [113.001, 36.6], [113.001, 36.601], [113.0, 36.601], [113.0, 36.6005]]], "not closed"),
        ([[[36.6, 113.0], [36.6, 113.001], [36.601, 113.001], [36.601, 113.0], [36.6, 113.0]]], "not a WGS84"),
        ([[[113.0, 36.6], [113.002, 36.6], [113.001, 36.6], [113.0, 36.6]]], "self-intersecting polygon"),
    ],
)
def test_a_malformed_polygon_is_refused(tmp_path: Path, polygon: Any, reason: str) -> None:
    message = _refused(tmp_path, lambda doc: doc["grids"].__setitem__(G1, polygon))
    assert f"[{G1}] polygon:" in message and reason in message


def test_geometry_for_an_unknown_grid_and_a_building_outside_its_grid_are_refused(tmp_path: Path) -> None:
    def wrong(doc: dict) -> None:
        doc["grids"]["XY-WQ-WY-G99"] = _square(113.1, 36.7)
        doc["buildings"][0]["point"] = [0.5, 0.5]

    message = _refused(tmp_path, wrong)
    assert "[XY-WQ-WY-G99] grids: 'XY-WQ-WY-G99' is not a grid" in message
    assert "point: the building lies outside its grid" in message


def test_a_data_set_without_the_file_has_no_map(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, data)
    (data / "geometry.yaml").unlink()
    assert load_reference(data).geography is None
