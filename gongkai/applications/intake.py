"""What an application must contain (Art. 29), checked once for the form, the API, staff
registration and scripts. Every problem names its field, in Chinese first."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, fields

from gongkai.applications.models import ApplicantType, Delivery, IdDocType, InfoForm
from gongkai.core.errors import DomainError
from gongkai.core.validators import resident_id_error
from gongkai.orgs.validators import credit_code_problem

PHONE_RE = re.compile(r"^\+?[0-9][0-9\- ]{5,18}[0-9]$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

FIELD_LABELS = {
    "applicant_type": "申请人类型",
    "name": "姓名或名称",
    "id_type": "证件类型",
    "id_number": "证件号码",
    "credit_code": "统一社会信用代码",
    "contact_person": "联系人",
    "phone": "联系电话",
    "email": "电子邮箱",
    "address": "通信地址",
    "postcode": "邮政编码",
    "description": "所需信息描述",
    "purpose": "用途",
    "info_form": "信息的提供载体形式",
    "delivery": "获取信息的方式",
}


@dataclass
class ApplicantData:
    """The applicant's part of an application (Art. 29 (一)–(三))."""

    applicant_type: str
    name: str
    phone: str
    description: str
    info_form: str = InfoForm.ELECTRONIC
    delivery: str = Delivery.EMAIL
    id_type: str = ""
    id_number: str = ""
    credit_code: str = ""
    contact_person: str = ""
    email: str = ""
    address: str = ""
    postcode: str = ""
    purpose: str = ""

    def cleaned(self) -> ApplicantData:
        values = {f.name: str(getattr(self, f.name) or "").strip() for f in fields(self)}
        values["id_number"] = values["id_number"].upper().replace(" ", "")
        values["credit_code"] = values["credit_code"].upper().replace(" ", "")
        if values["applicant_type"] == ApplicantType.NATURAL_PERSON:
            values["credit_code"] = ""
        else:
            values["id_type"] = values["id_type"] if values["id_number"] else ""
        return ApplicantData(**values)

    def as_fields(self) -> dict[str, str]:
        return asdict(self)


class IntakeError(DomainError):
    """An application that cannot be registered as given; `errors` maps field → (zh, en)."""

    code = "invalid_application"

    def __init__(self, errors: dict[str, tuple[str, str]]) -> None:
        self.errors = errors
        first_field, (zh, en) = next(iter(errors.items()))
        label = FIELD_LABELS.get(first_field, first_field)
        super().__init__(f"{label}：{zh}", en, field=first_field)


def intake_errors(data: ApplicantData) -> dict[str, tuple[str, str]]:
    """Every problem with `data` (already cleaned), keyed by field."""
    e: dict[str, tuple[str, str]] = {}
    if data.applicant_type not in ApplicantType.values:
        e["applicant_type"] = ("请选择申请人类型。", "Choose the applicant type.")
    if not data.name:
        e["name"] = ("请填写申请人姓名或单位名称。", "Enter the applicant's name.")
    elif len(data.name) > 200:
        e["name"] = ("不超过 200 个字。", "At most 200 characters.")
    if data.applicant_type == ApplicantType.NATURAL_PERSON:
        if data.id_type not in IdDocType.values:
            e["id_type"] = ("请选择证件类型。", "Choose the ID document type.")
        if not data.id_number:
            e["id_number"] = (
                "请填写证件号码（第二十九条：申请人的身份证明）。",
                "Enter the ID number.",
            )
        elif data.id_type == IdDocType.RESIDENT_ID and (err := resident_id_error(data.id_number)):
            e["id_number"] = err
        elif len(data.id_number) > 40:
            e["id_number"] = ("证件号码过长。", "The ID number is too long.")
    elif data.applicant_type in ApplicantType.values:
        if not data.credit_code:
            e["credit_code"] = ("请填写统一社会信用代码。", "Enter the unified social credit code.")
        elif err := credit_code_problem(data.credit_code):
            e["credit_code"] = err
        if not data.contact_person:
            e["contact_person"] = ("请填写联系人姓名。", "Enter a contact person.")
    if not data.phone:
        e["phone"] = ("请填写联系电话，用于确认申请和查询办理进度。", "Enter a phone number.")
    elif not PHONE_RE.match(data.phone):
        e["phone"] = ("联系电话格式不正确，只能包含数字、空格、“-”和“+”。", "Invalid phone number.")
    if data.email and not EMAIL_RE.match(data.email):
        e["email"] = ("电子邮箱格式不正确。", "Invalid e-mail address.")
    if data.postcode and not (len(data.postcode) == 6 and data.postcode.isdigit()):
        e["postcode"] = ("邮政编码应为 6 位数字。", "A postcode has 6 digits.")
    if len(data.description) < 5:
        e["description"] = (
            "请描述所需政府信息的名称、文号或便于查询的其他特征（至少 5 个字）。",
            "Describe the information sought (at least 5 characters).",
        )
    elif len(data.description) > 5000:
        e["description"] = ("不超过 5000 个字。", "At most 5000 characters.")
    if data.info_form not in InfoForm.values:
        e["info_form"] = ("请选择信息的提供载体形式。", "Choose the form of the information.")
    if data.delivery not in Delivery.values:
        e["delivery"] = ("请选择获取信息的方式。", "Choose how to obtain the information.")
    elif data.delivery == Delivery.EMAIL and not data.email:
        e["email"] = ("选择电子邮件方式获取时，请填写电子邮箱。", "Enter an e-mail address.")
    elif data.delivery == Delivery.POST and not data.address:
        e["address"] = ("选择邮寄方式获取时，请填写通信地址。", "Enter a postal address.")
    return e


def applicant_identity(data: ApplicantData) -> str:
    """Who the applicant is, for counting requests per applicant per month (fees)."""
    if data.applicant_type == ApplicantType.NATURAL_PERSON and data.id_number:
        return f"id:{data.id_number}"
    if data.credit_code:
        return f"org:{data.credit_code}"
    return f"name:{data.name}:{data.phone}"
