"""Where things are: the checkout under test, the environment's scripts, Debian's Chromium."""
from __future__ import annotations

import sys
from pathlib import Path

#: The repository root (the folder holding _toc.yml) of the checkout under test.
ROOT = Path(__file__).resolve().parents[2]
#: The scripts of the running environment (jupyter-book, nbgrader, ...).
BIN = Path(sys.executable).parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
