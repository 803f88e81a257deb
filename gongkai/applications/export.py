"""CSV and XLSX export of a case list. ID numbers and phones are masked unless the user's role
at the case's organ needs them (orgs.permissions.can_see_personal_data)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.styles import Font

from gongkai.applications import permissions as perms
from gongkai.applications.masking import mask_id, mask_phone
from gongkai.applications.models import Application
from gongkai.applications.selectors import outcome_row
from gongkai.orgs.permissions import User

HEADERS = [
    "申请编号", "受理机关", "申请方式", "申请人类型", "申请人", "证件号码或统一社会信用代码",
    "联系电话", "所需信息", "收到申请之日", "答复期限", "状态", "答复类型", "办结日期",
    "年报表三栏目", "查询码",
]  # fmt: skip


def export_rows(cases: Iterable[Application], user: User) -> list[list[str]]:
    rows: list[list[str]] = []
    allowed: dict[int, bool] = {}
    for app in cases:
        if app.organ_id not in allowed:
            allowed[app.organ_id] = perms.can_see_personal_data_of(user, app)
        full = allowed[app.organ_id]
        ident = app.id_number or app.credit_code
        if not full and app.id_number:
            ident = mask_id(app.id_number)
        rows.append(
            [
                app.reference,
                app.organ.name,
                app.get_channel_display(),
                app.get_applicant_type_display(),
                app.name,
                ident,
                app.phone if full else mask_phone(app.phone),
                app.description[:500],
                app.received_on.isoformat(),
                app.due_on.isoformat() if app.due_on else "",
                app.get_status_display(),
                app.get_outcome_display() if app.outcome else "",
                app.closed_on.isoformat() if app.closed_on else "",
                outcome_row(app.outcome) if app.outcome else "",
                app.query_code if full else "",
            ]
        )
    return rows


def _safe(cell: str) -> str:
    # Spreadsheet formula injection: a cell starting with = + - @ is text, not a formula.
    return "'" + cell if cell[:1] in {"=", "+", "-", "@"} else cell


def to_csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    writer.writerows([[_safe(c) for c in r] for r in rows])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # BOM: Excel opens UTF-8 correctly


def to_xlsx(rows: list[list[str]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "政府信息公开申请"
    ws.append(HEADERS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r in rows:
        ws.append([_safe(c) for c in r])
    ws.freeze_panes = "A2"
    for col, width in zip(
        "ABCDEFGHIJKLMNO", (16, 20, 14, 12, 16, 22, 16, 40, 12, 12, 10, 30, 12, 28, 12), strict=True
    ):
        ws.column_dimensions[col].width = width
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
