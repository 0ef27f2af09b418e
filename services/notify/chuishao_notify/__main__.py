"""`python -m chuishao_notify [serve | migrate]`."""

from __future__ import annotations

from chuishao_notify.bootstrap import MIGRATIONS, NotifySettings, build_app
from chuishao_shared.serve import serve


def main() -> None:
    serve(NotifySettings(), build_app, MIGRATIONS)


if __name__ == "__main__":
    main()
