"""A small county with records in every app, for the compute tests."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from gongkai.appeals.models import AppealKind, AppealResult
from gongkai.appeals.services import appeal_record_result, appeal_register
from gongkai.applications.services import application_decide
from gongkai.applications.tests.helpers import org, person, register
from gongkai.publications.models import DecisionKind, NormativeKind
from gongkai.publications.services import (
    PublicationInput,
    category_save,
    decision_statistics_record,
    normative_document_register,
    publication_bulk_create,
)
from gongkai.reporting.outside import outside_figure_set


def build(county, preparer, admin):
    from gongkai.applications.tests.conftest import load_calendar

    load_calendar(2020, 2021, 2022)
    # The categories are seeded by a data migration, which a transactional test elsewhere in
    # the same worker may have flushed away: make sure they exist.
    for order, (code, name) in enumerate(
        (
            ("general", "概括类"),
            ("news", "政务动态类"),
            ("documents", "法规公文类"),
            ("other", "其他"),
        )
    ):
        category_save(actor=None, code=code, name=name, sort_order=order)
    gov, office, ecology, court = (
        county["gov"],
        county["office"],
        county["ecology"],
        county["court"],
    )
    items = [
        PublicationInput(
            title=f"通知{i}",
            formed_on=date(2021, 3, 1),
            published_on=date(2021, 3, 2),
            category_code="general" if i < 2 else "other",
            primary_channel="website" if i < 3 else "wechat",
        )
        for i in range(5)
    ]
    items.append(
        PublicationInput(
            title="去年的",
            formed_on=date(2020, 3, 1),
            published_on=date(2020, 3, 2),
            category_code="other",
        )
    )
    publication_bulk_create(actor=None, organ=office, items=items, reviewer=admin)
    normative_document_register(
        actor=None,
        organ=gov,
        kind=NormativeKind.NORMATIVE_DOCUMENT,
        title="办法一",
        issued_on=date(2021, 5, 1),
    )
    normative_document_register(
        actor=None,
        organ=gov,
        kind=NormativeKind.NORMATIVE_DOCUMENT,
        title="办法二",
        issued_on=date(2019, 5, 1),
    )
    decision_statistics_record(
        actor=None,
        organ=office,
        year=2021,
        kind=DecisionKind.LICENSING,
        value=Decimal(12),
        source="审批系统",
    )
    decision_statistics_record(
        actor=None,
        organ=office,
        year=2021,
        kind=DecisionKind.FEES,
        value=Decimal("1.5"),
        source="财政系统",
    )
    apps = []
    for organ, on, who, outcome in (
        (gov, date(2020, 12, 28), person(), "disclosed"),
        (gov, date(2021, 3, 1), person(), "partial"),
        (office, date(2021, 4, 1), org(), "not_exist"),
        (office, date(2021, 12, 30), person(), None),
    ):
        application = register(organ, on, who)
        if outcome:
            application = application_decide(
                application=application,
                actor=None,
                on=date(2021, 1, 11) if on.year == 2020 else date(on.year, on.month, 20),
                outcome=outcome,
            )
        apps.append(application)
    recon = appeal_register(
        actor=admin,
        kind=AppealKind.RECONSIDERATION,
        organ=gov,
        filed_on=date(2021, 4, 1),
        claimant="甲",
        forum="市政府",
        subject="答复",
        application=apps[1],
    )
    appeal_record_result(
        actor=admin,
        appeal=recon,
        expected_version=0,
        result=AppealResult.UPHELD,
        decided_on=date(2021, 6, 1),
    )
    outside_figure_set(
        actor=preparer,
        organ=court,
        year=2021,
        key="t2.fees.amount",
        text="159.1474",
        unit="万元",
        note="收取诉讼费",
    )
    for key in (
        "t3.new.natural_person",
        "t3.new.total",
        "t3.granted.natural_person",
        "t3.granted.total",
        "t3.total.natural_person",
        "t3.total.total",
    ):
        outside_figure_set(
            actor=preparer,
            organ=ecology,
            year=2021,
            key=key,
            text="1",
            unit="件",
            note="县生态环境分局报送",
        )
    return apps, recon
