"""`python -m bench` (what `make bench` runs)."""

from __future__ import annotations

import sys
from pathlib import Path

# As the Makefile's PYTHONPATH does: the site imports the worker's modules (config, spektrix).
WORKER = str(Path(__file__).resolve().parent.parent / "py" / "worker")
if WORKER not in sys.path:
    sys.path.insert(0, WORKER)

from bench.run import main  # noqa: E402

if __name__ == "__main__":
    main()
