from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from gongkai.annual_report.findings import Finding, Severity
from gongkai.annual_report.model import AnnualReport
from gongkai.orgs.models import Membership, Organ, OrganKind, Role
from gongkai.reporting import checks


@pytest.fixture
def county(db):
    gov = Organ.objects.create(
        name="遂平县人民政府", short_name="县政府", kind=OrganKind.PEOPLES_GOVERNMENT
    )
    office = Organ.objects.create(
        name="遂平县人民政府办公室",
        short_name="县政府办公室",
        kind=OrganKind.DEPARTMENT,
        parent=gov,
        sort_order=1,
    )
    ecology = Organ.objects.create(
        name="驻马店市生态环境局遂平分局",
        short_name="县生态环境分局",
        kind=OrganKind.DEPARTMENT,
        parent=gov,
        outside_system=True,
        sort_order=8,
    )
    court = Organ.objects.create(
        name="遂平县人民法院",
        short_name="县法院",
        kind=OrganKind.OTHER,
        parent=gov,
        outside_system=True,
        sort_order=9,
    )
    return {"gov": gov, "office": office, "ecology": ecology, "court": court}


def make_user(username, organ, *roles):
    user = get_user_model().objects.create_user(username=username, password="pw-123456789")
    for role in roles:
        Membership.objects.create(user=user, organ=organ, role=role)
    return user


@pytest.fixture
def preparer(county):
    return make_user("preparer", county["gov"], Role.PREPARER)


@pytest.fixture
def approver(county):
    return make_user("approver", county["gov"], Role.APPROVER)


@pytest.fixture
def outsider(county):
    return make_user("outsider", county["office"], Role.PREPARER)


def sample_content(organ_name="遂平县人民政府", year=2021, **cells):
    report = AnnualReport.blank(organ=organ_name, year=year, format_version="2021")
    report.cells.update(
        {
            "t3.new.natural_person": 2,
            "t3.new.total": 2,
            "t3.granted.natural_person": 2,
            "t3.granted.total": 2,
            "t3.total.natural_person": 2,
            "t3.total.total": 2,
        }
    )
    report.cells.update({k.replace("__", "."): v for k, v in cells.items()})
    report.sections.update(
        {
            "overview": "2021年，县政府本级主动公开政府信息10条。",
            "problems": "问题。",
            "other": "2021年未收取信息处理费。",
        }
    )
    return report


@pytest.fixture
def findings(monkeypatch):
    """Control what the rules return (the rules engine is tested in gongkai.annual_report)."""
    current: list[Finding] = []
    monkeypatch.setattr(checks, "run_rules", lambda report, previous: list(current))
    return current


def warning(rule="CROSS-YEAR-CARRY", message="上年结转与上年结转下年度不符"):
    return Finding(rule, Severity.WARNING, message, "mismatch", ("t3.carried_over.total",))


def error(rule="T3-BALANCE", message="第一项加第二项之和不等于第三项加第四项之和"):
    return Finding(rule, Severity.ERROR, message, "balance", ("t3.new.total",))
