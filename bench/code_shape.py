"""Lines of code per layer of each service, and the largest module and function.

    python bench/code_shape.py [repo root]

Layers are the top-level parts of a service package (domain, service_layer, adapters, entrypoints,
and the modules beside them); lines are non-blank, non-comment source lines. Migrations are left out.
"""

from __future__ import annotations

import ast
import sys
from collections import defaultdict
from pathlib import Path


def code_lines(path: Path) -> int:
    return sum(1 for line in path.read_text().splitlines() if line.strip() and not line.strip().startswith("#"))


def layer_of(service_package: Path, path: Path) -> str:
    first = path.relative_to(service_package).parts[0]
    return first if (service_package / first).is_dir() else "(top level)"


def main(root: Path) -> None:
    layers: dict[tuple[str, str], int] = defaultdict(int)
    modules: list[tuple[int, str]] = []
    functions: list[tuple[int, str]] = []
    for service in sorted((root / "services").iterdir()):
        for package in sorted(service.glob("chuishao_*")):
            for path in sorted(package.rglob("*.py")):
                if "migrations" in path.parts:
                    continue
                lines = code_lines(path)
                layers[(service.name, layer_of(package, path))] += lines
                modules.append((lines, str(path.relative_to(root))))
                for node in ast.walk(ast.parse(path.read_text())):
                    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                        length = (node.end_lineno or node.lineno) - node.lineno + 1
                        functions.append((length, f"{path.relative_to(root)}:{node.name}"))
    for path in sorted((root / "shared" / "chuishao_shared").rglob("*.py")):
        modules.append((code_lines(path), str(path.relative_to(root))))
    print("service    layer            code lines")
    for (service, layer), lines in sorted(layers.items()):
        print(f"{service:10} {layer:16} {lines:6}")
    modules.sort(reverse=True)
    functions.sort(reverse=True)
    print("largest modules:", *(f"{n} {m}" for n, m in modules[:3]), sep="\n  ")
    print("largest functions (lines):", *(f"{n} {f}" for n, f in functions[:3]), sep="\n  ")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1])
