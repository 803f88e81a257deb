"""JSON renderer: the report contract, round-tripping losslessly (money decimals included)."""

from __future__ import annotations

import json
from decimal import Decimal

from gongkai.annual_report.model import SCHEMA_ID, AnnualReport, loads
from gongkai.annual_report.render import get_renderer


def test_it_round_trips_losslessly(any_report: AnnualReport) -> None:
    out = get_renderer("json").render(any_report)
    again = loads(out.decode("utf-8"))
    assert again == any_report
    assert get_renderer("json").render(again) == out


def test_it_follows_the_contract(seed: AnnualReport) -> None:
    data = json.loads(get_renderer("json").render(seed))
    assert data["schema"] == SCHEMA_ID
    assert (data["format_version"], data["organ"], data["year"]) == ("2021", "遂平县人民政府", 2021)
    assert list(data["cells"]) == list(seed.format.cell_keys)
    assert data["cells"]["t2.fees.amount"] is None and data["cells"]["t3.new.total"] == 26


def test_money_keeps_its_exact_decimals(seed: AnnualReport) -> None:
    seed.cells["t2.fees.amount"] = Decimal("159.1470")
    text = get_renderer("json").render(seed).decode()
    assert '"t2.fees.amount": 159.1470' in text
    assert loads(text).cells["t2.fees.amount"] == Decimal("159.1470")
