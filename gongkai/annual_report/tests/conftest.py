from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.annual_report.model import AnnualReport, loads

DATA = Path(__file__).parent / "data"


def load(name: str) -> AnnualReport:
    return loads((DATA / name).read_text(encoding="utf-8"))


@pytest.fixture
def seed() -> AnnualReport:
    """遂平县人民政府 2021 report with the figures it published (table 三 lost: mostly null)."""
    return load("seed-2021.json")


@pytest.fixture(params=["synthetic-2021.json", "synthetic-2019.json"], ids=["2021", "2019"])
def synthetic(request: pytest.FixtureRequest) -> AnnualReport:
    """A fully consistent report, table 三 figures nearly all different, for each format."""
    return load(request.param)


@pytest.fixture(
    params=["synthetic-2021.json", "synthetic-2019.json", "seed-2021.json"],
    ids=["2021", "2019", "seed"],
)
def any_report(request: pytest.FixtureRequest) -> AnnualReport:
    return load(request.param)
