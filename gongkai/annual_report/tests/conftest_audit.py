"""Paths of the real examples the audit tests read: copies of ../shared/seed and
../shared/examples/reports, kept byte for byte (see data/reports/README.md)."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).parent / "data"
SEED = DATA / "seed-suiping-2021.txt"
EXAMPLES = DATA / "reports"
