"""Vendors Leaflet from the npm registry into tracking's static files (the board's map page) and
dispatch's (the console's staff map).

    .venv/bin/python deploy/tools/vendor_leaflet.py [version]

`npm pack` fetches the published tarball (npm checks its integrity against the registry's), and the
built files — `dist/leaflet.js`, `dist/leaflet.css`, `dist/images/` — are copied with the licence
into services/tracking/chuishao_tracking/static/vendor/leaflet/, with a VERSION file naming the
version and the tarball's integrity. The result is checked in, so `make run` on a fresh machine
needs no npm and the page fetches nothing from outside the deployment.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

VERSION = "1.9.4"
ROOT = Path(__file__).resolve().parents[2]
TARGET = ROOT / "services/tracking/chuishao_tracking/static/vendor/leaflet"
# The same files for the departments' console (served by dispatch, its own origin).
COPIES = (ROOT / "services/dispatch/chuishao_dispatch/static/vendor/leaflet",)
KEEP = {"package/dist/leaflet.js", "package/dist/leaflet.css", "package/LICENSE"}


def main(version: str = VERSION) -> None:
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("npm is needed to vendor Leaflet (the checked-in copy needs none)")
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run(
            [npm, "pack", f"leaflet@{version}", "--json", "--pack-destination", tmp],
            cwd=tmp,
            check=True,
            capture_output=True,
            text=True,
            timeout=300,
        )
        packed = json.loads(out.stdout)[0]
        shutil.rmtree(TARGET, ignore_errors=True)
        (TARGET / "images").mkdir(parents=True)
        with tarfile.open(Path(tmp) / packed["filename"]) as tar:
            for member in tar.getmembers():
                name = member.name
                if not member.isfile() or not (name in KEEP or name.startswith("package/dist/images/")):
                    continue
                source = tar.extractfile(member)
                assert source is not None
                relative = name.removeprefix("package/dist/").removeprefix("package/")
                (TARGET / relative).write_bytes(source.read())
    (TARGET / "VERSION").write_text(
        f"leaflet {packed['version']} from the npm registry ({packed['filename']}, {packed['integrity']})\n"
        "vendored by deploy/tools/vendor_leaflet.py; licence: LICENSE (BSD-2-Clause)\n",
        encoding="utf-8",
    )
    print(f"leaflet {packed['version']} → {TARGET.relative_to(ROOT)}")
    for copy in COPIES:
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(TARGET, copy)
        print(f"  and → {copy.relative_to(ROOT)}")


if __name__ == "__main__":
    main(*sys.argv[1:2])
