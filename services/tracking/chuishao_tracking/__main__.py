"""`python -m chuishao_tracking [serve [--role both|api|projector] | migrate | rebuild]`.

`--role` (or `CHUISHAO_ROLE`) splits the public reads from the projection: `api` serves the board and
the figures, `projector` runs the projection consumer; `both`, the default, runs both in one process."""

from __future__ import annotations

import sys

from chuishao_shared.serve import serve
from chuishao_tracking.bootstrap import MIGRATIONS, TrackingSettings, build_app


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["rebuild"]:
        from chuishao_tracking.rebuild import main as rebuild

        rebuild(TrackingSettings(), args[1:])
        return
    overrides = {}
    if "--role" in args:
        at = args.index("--role")
        if at + 1 >= len(args):
            sys.exit("--role needs a value: both, api or projector")
        overrides["role"] = args[at + 1]
        del args[at : at + 2]
    serve(TrackingSettings(**overrides), build_app, MIGRATIONS, args)


if __name__ == "__main__":
    main()
