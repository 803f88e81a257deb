"""JSON API for applicants' systems: submit an application (idempotent with an
`Idempotency-Key` header) and look up its progress with the query code and the last four digits
of the phone number. Mounted at /api/v1/applications."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Header, Router, Schema, Status

from gongkai.applications import throttle
from gongkai.applications.intake import FIELD_LABELS, ApplicantData, IntakeError
from gongkai.applications.models import Application
from gongkai.applications.public import public_outcome, public_status, public_steps
from gongkai.applications.selectors import find_by_query_code
from gongkai.applications.services import application_submit
from gongkai.core.errors import DomainError
from gongkai.orgs.models import Organ

router = Router(tags=["applications 依申请公开"])


class ApplicationIn(Schema):
    """Every field is checked by gongkai itself so that each problem comes back in Chinese
    naming its field; the ones marked 必填 are required."""

    organ_id: int | str = Field("", description="受理机关 id（必填）")
    applicant_type: str = Field(
        "",
        description="申请人类型（必填；年报表三的列）：natural_person 自然人；commercial 商业企业；"
        "research 科研机构；social 社会公益组织；legal 法律服务机构；other_org 其他组织",
    )
    name: str = Field("", description="姓名或单位名称（必填）")
    id_type: str = Field("", description="自然人证件类型：resident_id 居民身份证，passport …")
    id_number: str = Field("", description="证件号码（居民身份证校验 GB 11643）")
    credit_code: str = Field("", description="统一社会信用代码（法人或其他组织，GB 32100 校验）")
    contact_person: str = Field("", description="联系人（法人或其他组织）")
    phone: str = Field("", description="联系电话（必填；查询进度时核对后四位）")
    email: str = ""
    address: str = ""
    postcode: str = ""
    description: str = Field("", description="所需政府信息的名称、文号或其他特征性描述（必填）")
    purpose: str = ""
    info_form: str = Field("electronic", description="paper 纸质 / electronic 电子 / other")
    delivery: str = Field("email", description="post 邮寄 / email / pickup 当面领取 / online / fax")


class ApplicationOut(Schema):
    query_code: str
    reference: str
    organ: str
    received_on: date
    due_on: date | None = Field(None, description="答复期限；日历未载入时为空，另行告知")
    status: str


class FieldErrorOut(Schema):
    field: str
    label: str
    message: str
    message_en: str


class ErrorOut(Schema):
    code: str
    message: str
    message_en: str
    errors: list[FieldErrorOut] = []


class StepOut(Schema):
    on: date
    label: str


class StatusOut(Schema):
    reference: str
    organ: str
    received_on: date
    due_on: date | None
    status: str
    status_label: str
    outcome: str
    closed_on: date | None
    steps: list[StepOut]


def _out(app: Application) -> ApplicationOut:
    return ApplicationOut(
        query_code=app.query_code,
        reference=app.reference,
        organ=app.organ.name,
        received_on=app.received_on,
        due_on=app.due_on,
        status=app.status,
    )


def _error(code: str, zh: str, en: str, errors: list[FieldErrorOut] | None = None) -> ErrorOut:
    return ErrorOut(code=code, message=zh, message_en=en, errors=errors or [])


@router.post(
    "",
    response={
        201: ApplicationOut,
        200: ApplicationOut,
        404: ErrorOut,
        422: ErrorOut,
        429: ErrorOut,
    },
    summary="提交政府信息公开申请 / submit an application",
    description="同一 Idempotency-Key 的重复提交只产生一件申请，返回 200 与第一次的结果。"
    " A repeated Idempotency-Key returns the first result (200) and creates nothing.",
)
def submit(
    request: HttpRequest,
    payload: ApplicationIn,
    idempotency_key: str | None = Header(None, alias="Idempotency-Key"),
) -> Status[ApplicationOut | ErrorOut]:
    key = (
        f"api:{idempotency_key.strip()[:70]}"
        if idempotency_key and idempotency_key.strip()
        else None
    )
    if key is not None:
        existing = Application.objects.select_related("organ").filter(idempotency_key=key).first()
        if existing is not None:
            return Status(200, _out(existing))
    ip = throttle.client_ip(request)
    if throttle.submissions_exhausted(ip):
        return Status(429, _error("rate_limited", *throttle.RATE_MESSAGE))
    organ_id = str(payload.organ_id).strip()
    if not organ_id.isdigit():
        return Status(
            422,
            _error(
                "invalid_application",
                "申请未提交：请按提示修改。",
                "Not submitted; fix the fields listed.",
                [
                    FieldErrorOut(
                        field="organ_id",
                        label="受理机关",
                        message="请填写受理机关的编号（整数）。",
                        message_en="organ_id must be an integer.",
                    )
                ],
            ),
        )
    organ = Organ.objects.filter(pk=int(organ_id), is_active=True, outside_system=False).first()
    if organ is None:
        return Status(404, _error("organ_not_found", "没有这个受理机关。", "No such organ."))
    data = ApplicantData(**payload.dict(exclude={"organ_id"}))
    try:
        result = application_submit(
            organ=organ,
            applicant=data,
            submitted_on=timezone.localdate(),
            idempotency_key=key,
            submitter_ip=ip,
        )
    except IntakeError as exc:
        errors = [
            FieldErrorOut(field=f, label=FIELD_LABELS.get(f, f), message=zh, message_en=en)
            for f, (zh, en) in exc.errors.items()
        ]
        return Status(
            422,
            _error(
                exc.code,
                "申请未提交：请按提示修改。",
                "Not submitted; fix the fields listed.",
                errors,
            ),
        )
    except DomainError as exc:
        return Status(422, _error(exc.code, exc.message, exc.message_en))
    return Status((201 if result.created else 200), _out(result.application))


@router.get(
    "/{query_code}",
    response={200: StatusOut, 404: ErrorOut, 429: ErrorOut},
    summary="查询办理进度 / look up progress",
)
def lookup(request: HttpRequest, query_code: str, phone_last4: str) -> Status[StatusOut | ErrorOut]:
    ip = throttle.client_ip(request)
    if throttle.lookups_exhausted(ip):
        return Status(429, _error("rate_limited", *throttle.LOOKUP_RATE_MESSAGE))
    app = find_by_query_code(query_code, phone_last4)
    if app is None:
        throttle.note_failed_lookup(ip)
        return Status(
            404,
            _error(
                "not_found",
                "查询码与联系电话后四位不匹配。",
                "The query code and the phone's last four digits do not match.",
            ),
        )
    return Status(
        200,
        StatusOut(
            reference=app.reference,
            organ=app.organ.name,
            received_on=app.received_on,
            due_on=None if app.is_closed else app.due_on,
            status=app.status,
            status_label=public_status(app),
            outcome=public_outcome(app),
            closed_on=app.closed_on,
            steps=[StepOut(on=s.on, label=s.label) for s in public_steps(app)],
        ),
    )
