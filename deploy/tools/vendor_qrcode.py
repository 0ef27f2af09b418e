"""Vendors qrcode-generator (Kazuhiko Arase, MIT) from the npm registry into the community service's
static files: the staff console draws an activity's check-in QR code in the browser with it.

    .venv/bin/python deploy/tools/vendor_qrcode.py [version]

`npm pack` fetches the published tarball (npm checks its integrity against the registry's), and the
plain-script build `dist/qrcode.js` (it defines `window.qrcode`) is copied into
services/community/chuishao_community/static/vendor/qrcode/ with the licence (the package ships it in
the file's header and `package.json`: written out as LICENSE) and a VERSION file naming the version and
the tarball's integrity. The result is checked in, so `make run` on a fresh machine needs no npm and
the page fetches nothing from outside the deployment.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

VERSION = "2.0.4"
ROOT = Path(__file__).resolve().parents[2]
TARGET = ROOT / "services/community/chuishao_community/static/vendor/qrcode"
LICENSE = """qrcode-generator — QR Code Generator for JavaScript
Copyright (c) 2009 Kazuhiko Arase
URL: http://www.d-project.com/

Licensed under the MIT license:

Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
associated documentation files (the "Software"), to deal in the Software without restriction,
including without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense,
and/or sell copies of the Software, and to permit persons to whom the Software is furnished to do so,
subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or substantial
portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT
LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN
NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY,
WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE
SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.

The word 'QR Code' is registered trademark of DENSO WAVE INCORPORATED
(http://www.denso-wave.com/qrcode/faqpatent-e.html).
"""


def main(version: str = VERSION) -> None:
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("npm is needed to vendor qrcode-generator (the checked-in copy needs none)")
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run(
            [npm, "pack", f"qrcode-generator@{version}", "--json", "--pack-destination", tmp],
            cwd=tmp,
            check=True,
            capture_output=True,
            text=True,
            timeout=300,
        )
        packed = json.loads(out.stdout)[0]
        with tarfile.open(Path(tmp) / packed["filename"]) as tar:
            manifest = tar.extractfile("package/package.json")
            source = tar.extractfile("package/dist/qrcode.js")
            assert manifest is not None and source is not None
            licence = json.loads(manifest.read())["license"]
            script = source.read()
    if licence != "MIT" or b"Licensed under the MIT license" not in script:
        sys.exit(f"qrcode-generator {version}: licence {licence!r} is not the MIT licence written here")
    shutil.rmtree(TARGET, ignore_errors=True)
    TARGET.mkdir(parents=True)
    (TARGET / "qrcode.js").write_bytes(script)
    (TARGET / "LICENSE").write_text(LICENSE, encoding="utf-8")
    (TARGET / "VERSION").write_text(
        f"qrcode-generator {packed['version']} from the npm registry ({packed['filename']}, {packed['integrity']})\n"
        "vendored by deploy/tools/vendor_qrcode.py; licence: LICENSE (MIT)\n",
        encoding="utf-8",
    )
    print(f"qrcode-generator {packed['version']} → {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main(*sys.argv[1:2])
