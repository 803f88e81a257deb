"""Builders shared by the applications tests."""

from __future__ import annotations

from datetime import date
from typing import Any

from gongkai.applications.intake import ApplicantData
from gongkai.applications.models import Application
from gongkai.applications.services import application_register, application_transition
from gongkai.orgs.models import Organ

VALID_ID = "11010519491231002X"
VALID_CREDIT = "91350100M000100Y43"


def person(**kw: Any) -> ApplicantData:
    values: dict[str, Any] = {
        "applicant_type": "natural_person",
        "name": "张三",
        "id_type": "resident_id",
        "id_number": VALID_ID,
        "phone": "13800001234",
        "email": "zhang@example.cn",
        "description": "2024年城区义务教育学校招生划片方案",
        "info_form": "electronic",
        "delivery": "email",
    }
    values.update(kw)
    return ApplicantData(**values)


def org(kind: str = "commercial", **kw: Any) -> ApplicantData:
    values: dict[str, Any] = {
        "applicant_type": kind,
        "name": "某某科技有限公司",
        "credit_code": VALID_CREDIT,
        "contact_person": "李四",
        "phone": "0571-88880000",
        "email": "li@example.cn",
        "description": "某项目环境影响评价批复文件",
        "info_form": "paper",
        "delivery": "email",
    }
    values.update(kw)
    return ApplicantData(**values)


def register(
    organ: Organ, on: date, applicant: ApplicantData | None = None, **kw: Any
) -> Application:
    return application_register(
        actor=None,
        organ=organ,
        channel=kw.pop("channel", "in_person"),
        applicant=applicant or person(),
        arrived_on=on,
        **kw,
    )


def step(app: Application, action: str, on: date, actor: Any = None, **data: Any) -> Application:
    return application_transition(application=app, action=action, actor=actor, on=on, data=data)
