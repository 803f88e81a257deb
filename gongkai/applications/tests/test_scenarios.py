"""Every path of a case, from registration to its table 三 cells (asserted exactly: every cell
not listed is 0)."""

from __future__ import annotations

from datetime import date as D
from decimal import Decimal

import pytest

from gongkai.applications.models import Outcome, Status
from gongkai.applications.selectors import (
    OUTCOME_ROW,
    new_applications_by_organ,
    processing_fees_collected,
    table3_cells,
)
from gongkai.applications.tests.helpers import org, register, step
from gongkai.core.errors import DomainError

pytestmark = pytest.mark.django_db


def nonzero(cells, *, refs=False):
    return {k: (f.records if refs else f.value) for k, f in cells.items() if f.value}


def t3(organ, year=2025, version="2021"):
    return nonzero(table3_cells(organ_ids=[organ.pk], year=year, format_version=version))


def one(row, col="natural_person"):
    return {f"t3.new.{col}": 1, "t3.new.total": 1, f"{row}.{col}": 1, f"{row}.total": 1,
            f"t3.total.{col}": 1, "t3.total.total": 1}  # fmt: skip


DECIDABLE = sorted(set(Outcome.values) - {"no_correction", "no_fee", "withdrawn", "still_unclear"})


@pytest.mark.parametrize("outcome", DECIDABLE)
def test_each_outcome_is_counted_in_exactly_its_one_row(cal, county, outcome):
    app = register(county["edu"], D(2025, 3, 3))
    step(app, "accept", D(2025, 3, 4))
    step(app, "decide", D(2025, 3, 20), outcome=outcome)
    assert t3(county["edu"]) == one(OUTCOME_ROW[outcome])


def test_partial_disclosure_counts_only_in_partial(cal, county):
    app = register(county["edu"], D(2025, 3, 3), org("research"))
    step(app, "decide", D(2025, 3, 20), outcome="partial")
    cells = t3(county["edu"])
    assert cells == one("t3.partial", "research")
    assert "t3.granted.research" not in cells


def test_correction_then_abandonment_is_other_no_correction(cal, county):
    app = register(county["edu"], D(2025, 3, 3))
    app = step(app, "request_correction", D(2025, 3, 5), items="请说明文件名称或文号",
               correction_due_on=D(2025, 3, 26))  # fmt: skip
    assert app.status == Status.CORRECTION_REQUESTED and app.due_on is None
    with pytest.raises(DomainError, match="尚未届满"):
        step(app, "abandon_no_correction", D(2025, 3, 26))
    step(app, "abandon_no_correction", D(2025, 3, 27))
    assert t3(county["edu"]) == one("t3.other.no_correction")
    # The 2019 trial format has a single 其他处理 row.
    assert t3(county["edu"], version="2019") == one("t3.other")


def test_correction_is_requested_only_once(cal, county):
    app = register(county["edu"], D(2025, 3, 3))
    app = step(app, "request_correction", D(2025, 3, 5), items="补充文号")
    app = step(app, "receive_correction", D(2025, 3, 10))
    with pytest.raises(DomainError, match="一次性"):
        step(app, "request_correction", D(2025, 3, 11), items="再补充")


def test_correction_then_restart_then_still_unclear(cal, county):
    app = register(county["edu"], D(2025, 3, 3))
    app = step(app, "request_correction", D(2025, 3, 5), items="请说明所需信息的名称")
    app = step(app, "receive_correction", D(2025, 3, 20))
    assert app.corrected_on == D(2025, 3, 20) and app.due_on == D(2025, 4, 18)
    step(app, "decide", D(2025, 4, 10), outcome="still_unclear")
    assert t3(county["edu"]) == one("t3.unable.still_unclear")


def test_still_unclear_is_refused_without_a_correction(cal, county):
    app = register(county["edu"], D(2025, 3, 3))
    with pytest.raises(DomainError, match="补正"):
        step(app, "decide", D(2025, 3, 10), outcome="still_unclear")


def test_third_party_consultation_pauses_then_denial_for_third_party_rights(cal, county):
    app = register(county["edu"], D(2025, 6, 3), org("legal"))
    due_before = app.due_on
    app = step(app, "open_consultation", D(2025, 6, 9), kind="third_party", party="某公司")
    assert app.status == Status.CONSULTING and app.due_on is None
    app = step(app, "answer_consultation", D(2025, 6, 13), opinion="object", reasons="商业秘密")
    assert app.due_on is not None and due_before is not None and app.due_on > due_before
    step(app, "decide", D(2025, 6, 30), outcome="denied_third_party")
    assert t3(county["edu"]) == one("t3.denied.third_party", "legal")


def test_consultation_may_time_out_only_after_fifteen_working_days(cal, county):
    app = register(county["edu"], D(2025, 6, 3))
    app = step(app, "open_consultation", D(2025, 6, 4), kind="other_organ", party="某县财政局")
    with pytest.raises(DomainError, match="尚未届满"):
        step(app, "consultation_timed_out", D(2025, 6, 25))  # the 15th WD
    app = step(app, "consultation_timed_out", D(2025, 6, 26))
    assert app.status == Status.UNDER_REVIEW


def test_extension_requested_and_approved_moves_the_due_date(cal, county, people):
    app = register(county["edu"], D(2025, 6, 3))
    base = app.due_on
    app = step(app, "request_extension", D(2025, 6, 25), people["handler"], reason="涉及档案检索")
    app = step(app, "approve_extension", D(2025, 6, 26), people["approver"], days=20)
    assert (
        app.due_on is not None
        and base is not None
        and app.due_on > base
        and app.status == Status.UNDER_REVIEW
    )
    with pytest.raises(DomainError):
        step(app, "request_extension", D(2025, 6, 27), people["handler"], reason="再次延期")
    step(app, "decide", D(2025, 7, 20), people["approver"], outcome="disclosed")
    assert t3(county["edu"]) == one("t3.granted")


def test_a_handler_cannot_approve_an_extension(cal, county, people):
    app = register(county["edu"], D(2025, 6, 3))
    app = step(app, "request_extension", D(2025, 6, 25), people["handler"], reason="检索量大")
    with pytest.raises(DomainError, match="权限"):
        step(app, "approve_extension", D(2025, 6, 26), people["handler"], days=20)
    app = step(app, "refuse_extension", D(2025, 6, 26), people["approver"])
    assert app.status == Status.UNDER_REVIEW


def test_fee_paid_then_disclosed_and_fees_collected(cal, county):
    app = register(county["edu"], D(2025, 6, 3))
    app = step(app, "issue_fee_notice", D(2025, 6, 5), method="per_page", units=150)
    assert app.fee_amount == Decimal("1700") and app.status == Status.FEE_PENDING
    app = step(app, "record_payment", D(2025, 6, 20), receipt_no="NO.0001")
    step(app, "decide", D(2025, 7, 1), outcome="disclosed")
    assert t3(county["edu"]) == one("t3.granted")
    fee = processing_fees_collected(organ_ids=[county["edu"].pk], year=2025)
    assert fee.value == Decimal("1700") and fee.records == [f"applications.application:{app.pk}"]


def test_fee_unpaid_in_twenty_working_days_is_other_no_fee(cal, county):
    app = register(county["edu"], D(2025, 6, 3))
    app = step(app, "issue_fee_notice", D(2025, 6, 10), method="per_page", units=40,
               notice_received_on=D(2025, 6, 11))  # fmt: skip
    with pytest.raises(DomainError, match="尚未届满"):
        step(app, "abandon_no_fee", D(2025, 7, 9))
    step(app, "abandon_no_fee", D(2025, 7, 10))
    assert t3(county["edu"]) == one("t3.other.no_fee")
    assert processing_fees_collected(organ_ids=[county["edu"].pk], year=2025).value == 0


def test_a_zero_fee_notice_is_refused(cal, county):
    app = register(county["edu"], D(2025, 6, 3))
    with pytest.raises(DomainError, match="0 元"):
        step(app, "issue_fee_notice", D(2025, 6, 10), method="per_page", units=30)


def test_withdrawal_is_other_other(cal, county):
    app = register(county["edu"], D(2025, 6, 3), org("social"))
    step(app, "withdraw", D(2025, 6, 5), reason="申请人来电撤回")
    assert t3(county["edu"]) == one("t3.other.other", "social")


def test_transfer_moves_the_case_and_its_count_to_the_other_organ(cal, county):
    app = register(county["edu"], D(2025, 6, 3))
    app = step(app, "transfer", D(2025, 6, 6), organ_id=county["civ"].pk, reason="属民政职责")
    assert app.organ == county["civ"] and app.received_on == D(2025, 6, 6)
    assert app.original_received_on == D(2025, 6, 3)
    step(app, "decide", D(2025, 6, 20), outcome="disclosed")
    assert t3(county["edu"]) == {}
    assert t3(county["civ"]) == one("t3.granted")
    both = nonzero(table3_cells(organ_ids=[county["edu"].pk, county["civ"].pk], year=2025))
    assert both == one("t3.granted")


def test_received_on_28_december_and_decided_in_january_is_carried_forward(cal, county):
    app = register(county["edu"], D(2024, 12, 28), org("other_org"), channel="registered_post")
    step(app, "decide", D(2025, 1, 15), outcome="not_exist")
    assert t3(county["edu"], 2024) == {
        "t3.new.other_org": 1, "t3.new.total": 1,
        "t3.carried_forward.other_org": 1, "t3.carried_forward.total": 1,
    }  # fmt: skip
    assert t3(county["edu"], 2025) == {
        "t3.carried_over.other_org": 1, "t3.carried_over.total": 1,
        "t3.unable.not_held.other_org": 1, "t3.unable.not_held.total": 1,
        "t3.total.other_org": 1, "t3.total.total": 1,
    }  # fmt: skip


def test_reopening_moves_the_closure_to_the_new_decision(cal, county, people):
    app = register(county["edu"], D(2025, 3, 3))
    app = step(app, "decide", D(2025, 3, 20), outcome="not_exist")
    app = step(app, "reopen", D(2025, 5, 6), people["office"], reason="复议决定责令重新答复")
    assert app.status == Status.UNDER_REVIEW and app.outcome == "" and app.due_on is not None
    step(app, "decide", D(2025, 5, 20), outcome="disclosed")
    assert t3(county["edu"]) == one("t3.granted")


def test_the_cells_carry_the_case_ids(cal, county):
    a = register(county["edu"], D(2025, 3, 3))
    b = register(county["edu"], D(2025, 3, 4), org())
    step(a, "decide", D(2025, 3, 10), outcome="disclosed")
    cells = table3_cells(organ_ids=[county["edu"].pk], year=2025)
    assert cells["t3.new.total"].records == [
        f"applications.application:{a.pk}",
        f"applications.application:{b.pk}",
    ]
    assert cells["t3.carried_forward.commercial"].records == [f"applications.application:{b.pk}"]
    by_organ = new_applications_by_organ(organ_ids=[county["edu"].pk, county["civ"].pk], year=2025)
    assert by_organ[county["edu"].pk].value == 2 and by_organ[county["civ"].pk].value == 0


def test_a_decision_outside_the_table_is_refused_with_the_reason(cal, county):
    app = register(county["edu"], D(2025, 3, 3))
    app = step(app, "decide", D(2025, 3, 10), outcome="disclosed")
    with pytest.raises(DomainError, match="当前状态为「已作出答复」"):
        step(app, "decide", D(2025, 3, 11), outcome="partial")
    with pytest.raises(DomainError, match="早于"):
        step(app, "deliver", D(2025, 3, 9), method="direct")
    app = step(app, "deliver", D(2025, 3, 12), method="post")
    app = step(app, "archive", D(2025, 3, 13))
    assert app.status == Status.ARCHIVED
    assert [e.action for e in app.events.order_by("seq")] == [
        "register",
        "decide",
        "deliver",
        "archive",
    ]
    assert t3(county["edu"]) == one("t3.granted")


def test_the_event_log_is_append_only(cal, county):
    app = register(county["edu"], D(2025, 3, 3))
    ev = app.events.get()
    with pytest.raises(ValueError):
        ev.save()
    with pytest.raises(ValueError):
        ev.delete()


def _corrected_across_the_year_end(county):
    app = register(county["edu"], D(2024, 12, 20))
    app = step(app, "request_correction", D(2024, 12, 23), items="请说明文号")
    app = step(app, "receive_correction", D(2025, 1, 6))
    step(app, "decide", D(2025, 1, 20), outcome="disclosed")


def test_corrected_across_the_year_end_counts_by_the_original_receipt_by_default(cal, county):
    _corrected_across_the_year_end(county)
    assert t3(county["edu"], 2024) == {
        "t3.new.natural_person": 1, "t3.new.total": 1,
        "t3.carried_forward.natural_person": 1, "t3.carried_forward.total": 1,
    }  # fmt: skip
    assert t3(county["edu"], 2025)["t3.carried_over.total"] == 1


def test_corrected_across_the_year_end_counts_by_the_correction_when_set(cal, county, settings):
    settings.GONGKAI_T3_NEW_BY = "corrected"
    _corrected_across_the_year_end(county)
    assert t3(county["edu"], 2024) == {}
    assert t3(county["edu"], 2025) == one("t3.granted")


def test_article_35_sets_a_later_reply_date(cal, county, people):
    app = register(county["edu"], D(2025, 6, 3))
    with pytest.raises(DomainError, match="权限"):
        step(
            app,
            "set_later_date",
            D(2025, 6, 5),
            people["handler"],
            reply_on=D(2025, 8, 29),
            reason="x",
        )
    with pytest.raises(DomainError, match="应晚于"):
        step(
            app,
            "set_later_date",
            D(2025, 6, 5),
            people["approver"],
            reply_on=D(2025, 6, 10),
            reason="大量申请",
        )
    app = step(app, "set_later_date", D(2025, 6, 5), people["approver"], reply_on=D(2025, 8, 29),
               reason="同一申请人本月提出 60 件申请")  # fmt: skip
    assert app.due_on == D(2025, 8, 29) and app.status == Status.REGISTERED
    step(app, "decide", D(2025, 8, 20), outcome="disclosed")
    assert t3(county["edu"]) == one("t3.granted")
