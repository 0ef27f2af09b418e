"""Writes the demo grids' schematic geometry (shared/chuishao_shared/reference/data/geometry.yaml).

Each demo community is a small lattice of cells laid where the seed articles put it (WGS84 lon/lat);
one cell per grid, its corners and edge midpoints nudged by a fixed pseudo-random amount so the
outlines look drawn rather than ruled. Neighbouring cells share their vertices exactly, so the grids
tile the community without gaps or overlaps and the community's outline is their union. Run it again
after changing the layout: `.venv/bin/python deploy/tools/demo_geometry.py`.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "shared/chuishao_shared/reference/data/geometry.yaml"

# community: (west lon, north lat, columns, rows, cell width °lon, cell height °lat, place)
LAYOUTS = {
    "XY-WQ-WY": (113.0046, 36.6052, 3, 3, 0.0026, 0.0021, "山西襄垣县王桥镇, 五阳矿区"),
    "TN-CS-FQXC": (119.9912, 31.7748, 2, 2, 0.0024, 0.0020, "江苏常州天宁区茶山街道"),
    "LX-DC-BH": (111.6738, 38.2846, 1, 5, 0.0030, 0.0016, "山西岚县东村镇, 岚河东岸"),
    "FQ-YP-BD": (119.3822, 25.7268, 2, 2, 0.0022, 0.0019, "福建福清市玉屏街道"),
    "ZJC-ZJC-NC": (106.2105, 34.9862, 2, 2, 0.0024, 0.0019, "甘肃张家川镇南城"),
}


def _nudge(key: str, size: float, share: float) -> float:
    h = int.from_bytes(hashlib.sha256(key.encode()).digest()[:4], "big") / 2**32
    return (h - 0.5) * 2 * share * size


def _r(v: float) -> float:
    return round(v, 6)


def cells(code: str) -> dict[str, list[list[float]]]:
    west, north, cols, rows, w, h, _ = LAYOUTS[code]

    def corner(i: int, j: int) -> tuple[float, float]:  # i column line, j row line
        return (
            _r(west + i * w + _nudge(f"{code}x{i},{j}", w, 0.12)),
            _r(north - j * h + _nudge(f"{code}y{i},{j}", h, 0.12)),
        )

    def middle(a: tuple[int, int], b: tuple[int, int]) -> tuple[float, float]:
        (ax, ay), (bx, by) = corner(*a), corner(*b)
        key = f"{code}m{min(a, b)}{max(a, b)}"
        if a[0] == b[0]:  # a north-south edge: nudged east or west
            return _r((ax + bx) / 2 + _nudge(key, w, 0.08)), _r((ay + by) / 2)
        return _r((ax + bx) / 2), _r((ay + by) / 2 + _nudge(key, h, 0.08))

    out = {}
    n = 0
    for j in range(rows):
        for i in range(cols):
            n += 1
            nw, ne, se, sw = (i, j), (i + 1, j), (i + 1, j + 1), (i, j + 1)
            ring = [corner(*nw), middle(nw, ne), corner(*ne), middle(ne, se), corner(*se), middle(se, sw)]
            ring += [corner(*sw), middle(sw, nw), corner(*nw)]
            ring.reverse()  # counter-clockwise, as RFC 7946 asks of an outer ring
            out[f"{code}-G{n:02d}"] = [list(p) for p in ring]
    return out


def rect(west: float, south: float, east: float, north: float) -> list[list[float]]:
    return [
        [_r(west), _r(south)],
        [_r(east), _r(south)],
        [_r(east), _r(north)],
        [_r(west), _r(north)],
        [_r(west), _r(south)],
    ]


def main() -> None:
    grids: dict[str, list[list[float]]] = {}
    for code in LAYOUTS:
        grids.update(cells(code))
    # 滨河社区 A区 (grid 1) holds two 二级 grids (buildings 1 and 2) and one 三级 grid (building 1, unit 1).
    west, north, _, _, w, h, _ = LAYOUTS["LX-DC-BH"]
    grids["LX-DC-BH-G01-01"] = rect(west + 0.22 * w, north - 0.70 * h, west + 0.48 * w, north - 0.30 * h)
    grids["LX-DC-BH-G01-01-01"] = rect(west + 0.22 * w, north - 0.70 * h, west + 0.34 * w, north - 0.30 * h)
    grids["LX-DC-BH-G01-02"] = rect(west + 0.55 * w, north - 0.70 * h, west + 0.80 * w, north - 0.30 * h)

    buildings = []
    for code, (west, north, cols, rows, w, h, _) in LAYOUTS.items():
        n = 0
        for j in range(rows):
            for i in range(cols):
                n += 1
                grid = f"{code}-G{n:02d}"
                if grid == "LX-DC-BH-G01":
                    continue
                for k, (fx, fy) in enumerate(((0.32, 0.38), (0.66, 0.64)), start=1):
                    buildings.append(
                        (
                            f"{grid}-B{k:02d}",
                            f"{2 * n - 2 + k}号楼",
                            f"Building {2 * n - 2 + k}",
                            grid,
                            [_r(west + (i + fx) * w), _r(north - (j + fy) * h)],
                        )
                    )
    west, north, _, _, w, h, _ = LAYOUTS["LX-DC-BH"]
    buildings.append(
        (
            "LX-DC-BH-G01-01-B01",
            "A区1号楼",
            "Zone A Building 1",
            "LX-DC-BH-G01-01",
            [_r(west + 0.42 * w), _r(north - 0.5 * h)],
        )
    )
    buildings.append(
        (
            "LX-DC-BH-G01-02-B01",
            "A区2号楼",
            "Zone A Building 2",
            "LX-DC-BH-G01-02",
            [_r(west + 0.68 * w), _r(north - 0.5 * h)],
        )
    )

    lines = [
        "# 网格范围: every grid's outline as a GeoJSON Polygon's coordinates ([[[lon, lat], ...]], WGS84, one",
        "# ring, the first vertex repeated at the end), and buildings as points. Checked at load: every grid has",
        "# one; a ring does not cross itself; grids under one parent do not overlap; a sub-grid lies in its",
        "# parent grid; a building lies in its grid. A community's outline is the union of its grids.",
        "# The demo's outlines are schematic, laid where the seed articles place each community",
        "# (written by deploy/tools/demo_geometry.py; places: "
        + "; ".join(f"{c} {v[-1]}" for c, v in LAYOUTS.items())
        + ").",
        "grids:",
    ]
    for code, ring in grids.items():
        lines.append(f"  {code}: [[{', '.join(f'[{x}, {y}]' for x, y in ring)}]]")
    lines.append("buildings:")
    for code, name, name_en, grid, (x, y) in buildings:
        lines.append(f"  - {{code: {code}, name: {name}, name_en: {name_en}, grid: {grid}, point: [{x}, {y}]}}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
