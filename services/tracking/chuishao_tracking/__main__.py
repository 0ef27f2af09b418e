"""`python -m chuishao_tracking [serve | migrate | rebuild]`."""

from __future__ import annotations

import sys

from chuishao_shared.serve import serve
from chuishao_tracking.bootstrap import MIGRATIONS, TrackingSettings, build_app


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["rebuild"]:
        from chuishao_tracking.rebuild import main as rebuild

        rebuild(TrackingSettings(), args[1:])
        return
    serve(TrackingSettings(), build_app, MIGRATIONS, args)


if __name__ == "__main__":
    main()
