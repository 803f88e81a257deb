import pytest

from gongkai.appeals.models import AppealEvent
from gongkai.applications.models import ApplicationEvent
from gongkai.core.models import AppendOnlyError, AppendOnlyModel
from gongkai.orgs.accounts.models import AuthEvent
from gongkai.publications.models import CatalogueEvent
from gongkai.reporting.models import ReportEvent, ReportVersion
from gongkai.workdays.models import CalendarChange, CalendarChangeKind

LOG_MODELS = [
    AuthEvent,
    ApplicationEvent,
    AppealEvent,
    ReportVersion,
    ReportEvent,
    CatalogueEvent,
    CalendarChange,
]


@pytest.mark.parametrize("model", LOG_MODELS, ids=lambda m: m.__name__)
def test_every_log_model_is_append_only(model):
    assert issubclass(model, AppendOnlyModel)
    assert model.log_name_zh != AppendOnlyModel.log_name_zh


@pytest.mark.django_db
def test_a_log_row_is_written_once_then_never_changed_nor_deleted():
    row = CalendarChange.objects.create(year=2026, kind=CalendarChangeKind.values[0], detail="x")
    row.detail = "rewritten"
    with pytest.raises(AppendOnlyError, match="日历修改记录只能追加，不能修改"):
        row.save()
    with pytest.raises(AppendOnlyError, match="不能删除"):
        row.delete()
    assert CalendarChange.objects.get(pk=row.pk).detail == "x"


@pytest.mark.django_db
def test_a_catalogue_event_is_append_only_too():
    event = CatalogueEvent.objects.create(subject="publications.publication:1", action="save")
    with pytest.raises(AppendOnlyError, match="操作记录"):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    assert CatalogueEvent.objects.filter(pk=event.pk).exists()
