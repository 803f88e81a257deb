"""Reading an Art. 20 (5)(6)(8) statistics file (CSV or XLSX) into checked rows.

Columns (first row, Chinese or English headers):
    机关 / organ        the organ's full name, short name or unified social credit code
    年度 / year
    项目 / kind         行政许可 | 行政处罚 | 行政强制 | 行政事业性收费 (or licensing | penalty |
                        enforcement | fees)
    数值 / value        decisions: whole number of 件; fees: 万元, up to six decimals
    数据来源 / source

Every row is checked before anything is written; the file is refused whole with every problem
listed by line number and field (ImportRejected)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.contrib.auth.models import User

from gongkai.core.errors import DomainError
from gongkai.orgs.models import Organ
from gongkai.publications import permissions as perms
from gongkai.publications.models import DecisionKind

HEADERS = {
    "机关": "organ", "organ": "organ",
    "年度": "year", "year": "year",
    "项目": "kind", "kind": "kind",
    "数值": "value", "value": "value",
    "数据来源": "source", "来源": "source", "source": "source",
}  # fmt: skip
FIELD_LABELS = {
    "organ": "机关",
    "year": "年度",
    "kind": "项目",
    "value": "数值",
    "source": "数据来源",
}
KIND_NAMES = {
    "行政许可": DecisionKind.LICENSING, "licensing": DecisionKind.LICENSING,
    "行政处罚": DecisionKind.PENALTY, "penalty": DecisionKind.PENALTY,
    "行政强制": DecisionKind.ENFORCEMENT, "enforcement": DecisionKind.ENFORCEMENT,
    "行政事业性收费": DecisionKind.FEES, "fees": DecisionKind.FEES,
}  # fmt: skip
MAX_ROWS = 10_000


class ImportRejected(DomainError):
    code = "import_rejected"

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        head = "；".join(problems[:20]) + ("……" if len(problems) > 20 else "")
        super().__init__(
            f"文件未导入，请改正后重新上传：{head}", f"File refused: {len(problems)} problem(s)."
        )


@dataclass(frozen=True)
class StatRow:
    line: int
    organ: Organ
    year: int
    kind: str
    value: Decimal
    source: str


def _read_rows(filename: str, data: bytes) -> list[list[str]]:
    name = filename.lower()
    if data.startswith(b"PK\x03\x04"):
        from openpyxl import load_workbook

        try:
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception:
            raise ImportRejected(["无法读取 XLSX 文件"]) from None
        ws = wb.worksheets[0]
        rows = [
            ["" if v is None else str(v) for v in row] for row in ws.iter_rows(values_only=True)
        ]
        wb.close()
        return rows
    if name.endswith((".xlsx", ".xls")):
        raise ImportRejected(["文件扩展名是 Excel，但内容不是 XLSX 文件"])
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ImportRejected(["无法识别文件编码（应为 UTF-8 或 GB18030 的 CSV，或 XLSX）"])
    if "\x00" in text:
        raise ImportRejected(["文件不是 CSV 文本"])
    return list(csv.reader(io.StringIO(text)))


def _organ_lookup() -> dict[str, Organ]:
    found: dict[str, Organ] = {}
    for organ in Organ.objects.all():
        for key in (organ.name, organ.short_name, organ.credit_code):
            if key:
                found.setdefault(key.strip(), organ)
    return found


def parse_statistics_file(filename: str, data: bytes, *, actor: User | None) -> list[StatRow]:
    rows = _read_rows(filename, data)
    while rows and not any(c.strip() for c in rows[-1]):
        rows.pop()
    if not rows:
        raise ImportRejected(["文件为空"])
    header = [HEADERS.get(h.strip().lstrip("\ufeff"), "") for h in rows[0]]
    missing = [FIELD_LABELS[f] for f in FIELD_LABELS if f not in header]
    if missing:
        raise ImportRejected([f"第 1 行：缺少列“{'、'.join(missing)}”"])
    if len(rows) - 1 > MAX_ROWS:
        raise ImportRejected([f"一次最多导入 {MAX_ROWS} 行"])
    organs = _organ_lookup()
    problems: list[str] = []
    out: list[StatRow] = []
    seen: dict[tuple[int, int, str], int] = {}
    for line, raw in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in raw):
            continue
        cell = {f: (raw[i].strip() if i < len(raw) else "") for i, f in enumerate(header) if f}
        errs: list[str] = []
        organ = organs.get(cell["organ"])
        if organ is None:
            errs.append(f"第 {line} 行“机关”：找不到机关“{cell['organ'][:40]}”")
        elif actor is not None and not perms.can_enter_statistics_of(actor, organ):
            errs.append(f"第 {line} 行“机关”：您无权填报“{organ.name}”的数据")
        try:
            year = int(float(cell["year"]))
            if not 2000 <= year <= 2100:
                raise ValueError
        except ValueError:
            errs.append(f"第 {line} 行“年度”：“{cell['year'][:20]}”不是有效年度")
            year = 0
        kind = KIND_NAMES.get(cell["kind"])
        if kind is None:
            errs.append(
                f"第 {line} 行“项目”：“{cell['kind'][:20]}”不是行政许可、行政处罚、行政强制或行政事业性收费"
            )
        try:
            value = Decimal(cell["value"].replace(",", ""))
            if not value.is_finite() or value < 0:
                raise InvalidOperation
            if (
                kind is not None
                and kind != DecisionKind.FEES
                and value != value.to_integral_value()
            ):
                errs.append(f"第 {line} 行“数值”：处理决定数量应为整数")
        except InvalidOperation:
            errs.append(f"第 {line} 行“数值”：“{cell['value'][:20]}”不是非负数")
            value = Decimal(0)
        if not cell["source"]:
            errs.append(f"第 {line} 行“数据来源”：不能为空")
        if not errs and organ is not None and kind is not None:
            key = (organ.pk, year, kind)
            if key in seen:
                errs.append(f"第 {line} 行：与第 {seen[key]} 行重复（同一机关、年度、项目）")
            seen[key] = line
            out.append(StatRow(line, organ, year, kind, value, cell["source"][:200]))
        problems.extend(errs)
    if problems:
        raise ImportRejected(problems)
    if not out:
        raise ImportRejected(["文件中没有数据行"])
    return out
