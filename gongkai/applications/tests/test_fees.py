"""国办函〔2020〕109号 on the worked examples of regulations.md §7."""

from __future__ import annotations

from datetime import date as D
from decimal import Decimal

import pytest

from gongkai.applications.fees import fee_per_page, fee_per_request, fee_per_request_total
from gongkai.applications.selectors import request_rank_in_month
from gongkai.applications.tests.helpers import person, register, step


def test_worked_example_1_forty_five_requests_in_march_cost_5500():
    assert fee_per_request_total(45) == 5500
    assert fee_per_request(45) == 300
    assert fee_per_request_total(25) == 1500


@pytest.mark.parametrize(
    ("n", "fee"),
    [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300), (51, 400)],
)
def test_the_per_request_bands(n, fee):
    assert fee_per_request(n) == fee


def test_worked_example_2_per_page():
    assert fee_per_page(250) == 4700
    assert fee_per_page(150) == 1700
    assert fee_per_page(30) == 0
    assert fee_per_page(31) == 10


@pytest.mark.django_db
def test_the_per_request_count_is_per_applicant_per_calendar_month_and_restarts(cal, county):
    organ = county["edu"]
    march = [register(organ, D(2025, 3, 3)) for _ in range(11)]
    other = register(organ, D(2025, 3, 4), person(id_number="110101199003070011", name="王五"))
    april = register(organ, D(2025, 4, 1))
    assert request_rank_in_month(march[10]) == 11
    assert request_rank_in_month(other) == 1
    assert request_rank_in_month(april) == 1
    app = step(march[10], "issue_fee_notice", D(2025, 3, 5), method="per_request")
    assert app.fee_amount == Decimal(100)
    assert list(app.events.order_by("seq"))[-1].data["units"] == 11
