"""gongkai sweep: reminders and the digest, derived from due dates, sent once."""

from __future__ import annotations

from datetime import date as D
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from gongkai.applications.models import Reminder
from gongkai.applications.tests.helpers import register, step

pytestmark = pytest.mark.django_db


@pytest.fixture
def staffed(cal, county, people):
    for key in ("handler", "office"):
        people[key].email = f"{key}@example.gov.cn"
        people[key].save()
    return people


def run(today):
    out = StringIO()
    call_command("sweep", today=today, stdout=out)
    return out.getvalue()


def test_it_reminds_the_handler_of_overdue_and_due_soon_cases_and_digests_the_office(
    staffed, county
):
    overdue = register(county["edu"], D(2025, 5, 6), handler=staffed["handler"])
    soon = register(county["edu"], D(2025, 6, 3), handler=staffed["handler"])
    calm = register(county["edu"], D(2025, 6, 30), handler=staffed["handler"])
    assert soon.due_on == D(2025, 7, 1)
    out = run("2025-06-27")  # Friday; 1 July is 2 working days away
    subjects = sorted(m.subject for m in mail.outbox)
    assert f"【已超期】{overdue.reference}" in subjects
    assert f"【即将到期】{soon.reference}" in subjects
    assert not any(calm.reference in s for s in subjects)
    digest = [m for m in mail.outbox if m.subject.startswith("政府信息公开申请日报")]
    assert len(digest) == 1 and digest[0].to == ["office@example.gov.cn"]
    assert "已超期 1 件" in digest[0].body and "即将到期 1 件" in digest[0].body
    assert "共发送 3 封" in out


def test_running_it_twice_sends_nothing_twice(staffed, county):
    register(county["edu"], D(2025, 5, 6), handler=staffed["handler"])
    run("2025-06-27")
    first = len(mail.outbox)
    out = run("2025-06-27")
    assert len(mail.outbox) == first and "跳过 2 封" in out
    assert Reminder.objects.count() == first
    run("2025-06-30")  # a new day: overdue again, and a new digest
    assert len(mail.outbox) == first + 2


def test_it_says_when_a_paused_period_has_lapsed(staffed, county):
    app = register(county["edu"], D(2025, 6, 3), handler=staffed["handler"])
    step(
        app, "request_correction", D(2025, 6, 4), items="补充文号", correction_due_on=D(2025, 6, 20)
    )
    run("2025-06-20")
    assert not [m for m in mail.outbox if app.reference in m.subject]
    run("2025-06-23")
    lapsed = [m for m in mail.outbox if app.reference in m.subject]
    assert len(lapsed) == 1 and "逾期未补正" in lapsed[0].body


def test_a_bad_date_is_refused_with_a_message():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("sweep", today="27/06/2025")
