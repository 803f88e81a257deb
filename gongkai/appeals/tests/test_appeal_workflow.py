from __future__ import annotations

import datetime as dt

import pytest

from gongkai.appeals import services
from gongkai.appeals.models import AppealEvent, AppealKind, AppealResult, AppealStatus
from gongkai.core.errors import ConflictError, DomainError, PermissionDeniedError


def register(actor, organ, **kw):
    args = {
        "actor": actor,
        "kind": AppealKind.RECONSIDERATION,
        "organ": organ,
        "filed_on": dt.date(2021, 5, 10),
        "claimant": "张某",
        "forum": "驻马店市人民政府",
        "subject": "不服政府信息公开答复",
    }
    args.update(kw)
    return services.appeal_register(**args)


def test_it_registers_a_case_and_logs_it(clerk, county):
    appeal = register(clerk, county["finance"], case_number="驻政复〔2021〕12号")
    assert appeal.status == AppealStatus.PENDING
    assert [e.action for e in appeal.events.all()] == ["register"]


def test_it_refuses_a_case_for_another_department(clerk, county):
    with pytest.raises(PermissionDeniedError):
        register(clerk, county["office"])


def test_the_office_admin_acts_on_the_whole_county(office_admin, county):
    assert register(office_admin, county["finance"]).organ == county["finance"]


def test_it_records_a_result_then_corrects_it(clerk, county):
    appeal = register(clerk, county["finance"])
    services.appeal_record_result(
        actor=clerk,
        appeal=appeal,
        expected_version=0,
        result=AppealResult.UPHELD,
        decided_on=dt.date(2021, 7, 1),
    )
    assert appeal.status == AppealStatus.CONCLUDED
    services.appeal_record_result(
        actor=clerk,
        appeal=appeal,
        expected_version=1,
        result=AppealResult.CORRECTED,
        decided_on=dt.date(2021, 7, 2),
    )
    appeal.refresh_from_db()
    assert appeal.result == AppealResult.CORRECTED
    assert [e.action for e in appeal.events.all()] == [
        "register",
        "record_result",
        "correct_result",
    ]


def test_a_stale_form_gets_a_conflict(clerk, county):
    appeal = register(clerk, county["finance"])
    services.appeal_record_result(
        actor=clerk,
        appeal=appeal,
        expected_version=0,
        result=AppealResult.UPHELD,
        decided_on=dt.date(2021, 7, 1),
    )
    with pytest.raises(ConflictError):
        services.appeal_reopen(actor=clerk, appeal=appeal, expected_version=0, comment="再审")


def test_it_refuses_a_decision_before_the_filing_date(clerk, county):
    appeal = register(clerk, county["finance"])
    with pytest.raises(DomainError) as exc:
        services.appeal_record_result(
            actor=clerk,
            appeal=appeal,
            expected_version=0,
            result=AppealResult.UPHELD,
            decided_on=dt.date(2021, 1, 1),
        )
    assert exc.value.field == "decided_on"
    assert AppealEvent.objects.count() == 1


def test_reopen_clears_the_result_and_needs_a_reason(clerk, county):
    appeal = register(clerk, county["finance"])
    services.appeal_record_result(
        actor=clerk,
        appeal=appeal,
        expected_version=0,
        result=AppealResult.UPHELD,
        decided_on=dt.date(2021, 7, 1),
    )
    with pytest.raises(DomainError):
        services.appeal_reopen(actor=clerk, appeal=appeal, expected_version=1, comment=" ")
    services.appeal_reopen(actor=clerk, appeal=appeal, expected_version=1, comment="发回重审")
    appeal.refresh_from_db()
    assert (appeal.status, appeal.result, appeal.decided_on) == (AppealStatus.PENDING, "", None)


def test_reopen_is_not_allowed_while_pending(clerk, county):
    appeal = register(clerk, county["finance"])
    with pytest.raises(DomainError, match="不能"):
        services.appeal_reopen(actor=clerk, appeal=appeal, expected_version=0, comment="x")


def test_a_codefendant_only_exists_for_a_suit_after_reconsideration(office_admin, county):
    with pytest.raises(DomainError) as exc:
        register(
            office_admin,
            county["finance"],
            kind=AppealKind.LITIGATION_DIRECT,
            codefendant_organ=county["gov"],
        )
    assert exc.value.field == "codefendant_organ"


def test_a_suit_links_its_reconsideration(office_admin, county):
    recon = register(office_admin, county["finance"])
    with pytest.raises(DomainError):
        register(
            office_admin,
            county["finance"],
            kind=AppealKind.LITIGATION_AFTER_RECONSIDERATION,
            reconsideration=recon,
            filed_on=dt.date(2021, 5, 1),
        )
    suit = register(
        office_admin,
        county["finance"],
        kind=AppealKind.LITIGATION_AFTER_RECONSIDERATION,
        reconsideration=recon,
        filed_on=dt.date(2021, 8, 1),
        codefendant_organ=county["gov"],
        forum="遂平县人民法院",
    )
    assert list(recon.lawsuits.all()) == [suit]


def test_events_are_append_only(clerk, county):
    appeal = register(clerk, county["finance"])
    event = appeal.events.get()
    event.comment = "changed"
    with pytest.raises(ValueError):
        event.save()


def test_it_links_the_application_the_decision_answered(office_admin, county):
    from gongkai.applications.tests.helpers import register as register_application

    application = register_application(county["finance"], dt.date(2021, 3, 1))
    appeal = register(office_admin, county["finance"], application=application)
    assert list(application.appeals.all()) == [appeal]
    other = register_application(county["office"], dt.date(2021, 3, 1))
    with pytest.raises(DomainError) as exc:
        register(office_admin, county["finance"], application=other)
    assert exc.value.field == "application"


def test_the_page_links_an_application_by_its_case_number(client, office_admin, county):
    from gongkai.appeals.models import Appeal
    from gongkai.applications.tests.helpers import register as register_application

    application = register_application(county["finance"], dt.date(2021, 3, 1))
    client.force_login(office_admin)
    data = {
        "kind": "reconsideration",
        "organ": county["finance"].pk,
        "claimant": "王某",
        "forum": "驻马店市人民政府",
        "subject": "不服答复",
        "filed_on": "2021-06-01",
        "application": application.reference,
    }
    assert client.post("/office/appeals/new/", data).status_code == 302
    assert Appeal.objects.get().application == application
    response = client.post("/office/appeals/new/", {**data, "application": "依申〔2021〕999999号"})
    assert "找不到申请" in response.content.decode()
