"""The browser the page tests drive: Debian's Chromium, as its headless shell where it is installed
(`make browser` installs it). The shell renders with the same Blink as the full browser but starts no
browser UI: the page tests' Chromium took about half the CPU of the full one (17 → 8 s for the grid
worker's app tests), and Chromium had been a fifth of the integration tier's CPU."""

from __future__ import annotations

import shutil

CHROMIUM = shutil.which("chromium-headless-shell") or shutil.which("chromium")
