"""`gongkai orgs import FILE.csv`: an organ tree from a spreadsheet (format: docs/orgs.md).

The whole file is checked before anything is written, and written in one transaction: a
missing parent, a cycle, a duplicate or an invalid credit code is reported with its line and
column, and nothing is imported. Every problem in the file is listed, not just the first.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from gongkai.core.errors import DomainError
from gongkai.orgs.models import Organ, OrganKind
from gongkai.orgs.validators import credit_code_problem, normalise_credit_code

# Column names accepted in the header row: the English key or the Chinese label.
COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("name", "名称"),
    "short_name": ("short_name", "简称"),
    "kind": ("kind", "类型"),
    "parent": ("parent", "上级机关"),
    "credit_code": ("credit_code", "统一社会信用代码"),
    "index_code": ("index_code", "索引号前缀"),
    "outside_system": ("outside_system", "未纳入年报填报系统"),
    "outside_note": ("outside_note", "说明"),
    "sort_order": ("sort_order", "排序"),
}
REQUIRED = ("name", "kind")
TRUE_WORDS = {"是", "1", "true", "yes", "y", "√"}
FALSE_WORDS = {"否", "0", "false", "no", "n", ""}


@dataclass(frozen=True)
class CsvProblem:
    line: int
    column: str
    message: str
    message_en: str

    def __str__(self) -> str:
        return (
            f"第 {self.line} 行，{self.column} 列：{self.message}"
            f" / line {self.line}, column {self.column}: {self.message_en}"
        )


class OrganImportError(DomainError):
    code = "organ_import_invalid"

    def __init__(self, problems: list[CsvProblem], name: str = "") -> None:
        self.problems = problems
        super().__init__(
            "\n".join(
                [f"机关表 {name} 有 {len(problems)} 处错误，未导入任何机关："]
                + [f"  {p}" for p in problems]
            ),
            f"The organ file {name} has {len(problems)} problem(s); nothing was imported.",
        )


@dataclass
class OrganRow:
    line: int
    name: str
    kind: str
    parent_ref: str
    short_name: str = ""
    credit_code: str = ""
    index_code: str = ""
    outside_system: bool = False
    outside_note: str = ""
    sort_order: int = 0
    parent_key: str | None = field(default=None)  # name of a parent in the file


def _kind(raw: str) -> str | None:
    value = raw.strip()
    for choice in OrganKind:
        if value in (choice.value, choice.label):
            return str(choice.value)
    return None


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), or GB 18030 — what Excel on a Chinese Windows saves."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DomainError(
        "文件既不是 UTF-8 也不是 GB18030 编码。", "The file is neither UTF-8 nor GB18030."
    )


def parse_rows(text: str) -> tuple[list[OrganRow], list[CsvProblem]]:
    """Read and check each row on its own (the tree is checked by `check_tree`)."""
    problems: list[CsvProblem] = []
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader)
    except StopIteration:
        return [], [CsvProblem(1, "表头", "文件是空的", "the file is empty")]
    positions: dict[str, int] = {}
    for index, raw in enumerate(header):
        name = raw.strip()
        key = next((k for k, names in COLUMNS.items() if name in names), None)
        if key is None:
            problems.append(CsvProblem(1, name or f"第{index + 1}列", "未知的列名",
                                       f"unknown column {name!r}"))  # fmt: skip
        elif key in positions:
            problems.append(CsvProblem(1, name, "列名重复", "column given twice"))
        else:
            positions[key] = index
    for key in REQUIRED:
        if key not in positions:
            problems.append(CsvProblem(1, key, f"缺少必需的列 {key}（{COLUMNS[key][1]}）",
                                       f"missing required column {key!r}"))  # fmt: skip
    if problems:
        return [], problems

    rows: list[OrganRow] = []
    line = reader.line_num
    for record in reader:
        start_line, line = line + 1, reader.line_num
        if not any(cell.strip() for cell in record):
            continue

        def cell(key: str, record: list[str] = record) -> str:
            index = positions.get(key)
            return record[index].strip() if index is not None and index < len(record) else ""

        row_problems: list[CsvProblem] = []

        def fail(column: str, zh: str, en: str, line: int = start_line,
                 sink: list[CsvProblem] = row_problems) -> None:  # fmt: skip
            sink.append(CsvProblem(line, column, zh, en))

        name = cell("name")
        if not name:
            fail("name", "机关名称不能为空", "the name is required")
        elif len(name) > 200:
            fail("name", "机关名称超过 200 字", "the name is longer than 200 characters")
        kind = _kind(cell("kind"))
        if kind is None:
            allowed = "、".join(f"{c.value}（{c.label}）" for c in OrganKind)
            fail(
                "kind",
                f"类型“{cell('kind')}”无效，可用：{allowed}",
                f"unknown kind {cell('kind')!r}",
            )
        code = normalise_credit_code(cell("credit_code"))
        if code:
            problem = credit_code_problem(code)
            if problem:
                fail("credit_code", problem[0], problem[1])
        outside_raw = cell("outside_system").lower()
        if outside_raw not in TRUE_WORDS | FALSE_WORDS:
            fail("outside_system", f"应填“是”或“否”，实际为“{cell('outside_system')}”",
                 "expected yes or no")  # fmt: skip
        outside = outside_raw in TRUE_WORDS
        note = cell("outside_note")
        if outside and not note:
            fail("outside_note", "未纳入年报填报系统的机关须填写说明",
                 "an organ outside the system needs a note")  # fmt: skip
        order_raw = cell("sort_order") or "0"
        if not order_raw.isdigit():
            fail("sort_order", f"排序应为非负整数，实际为“{order_raw}”", "expected a whole number")
        for key, limit in (("short_name", 60), ("index_code", 40), ("outside_note", 300)):
            if len(cell(key)) > limit:
                fail(key, f"超过 {limit} 字", f"longer than {limit} characters")
        problems += row_problems
        rows.append(
            OrganRow(
                line=start_line,
                name=name,
                kind=kind or "",
                parent_ref=cell("parent"),
                short_name=cell("short_name"),
                credit_code=code,
                index_code=cell("index_code"),
                outside_system=outside,
                outside_note=note,
                sort_order=int(order_raw) if order_raw.isdigit() else 0,
            )
        )
    if not rows and not problems:
        problems.append(CsvProblem(2, "name", "文件中没有机关", "the file lists no organ"))
    return rows, problems


def check_tree(rows: list[OrganRow]) -> tuple[dict[str, Organ], list[CsvProblem]]:
    """Duplicates, parents and cycles. Returns the existing organs parents refer to."""
    problems: list[CsvProblem] = []
    by_name: dict[str, OrganRow] = {}
    by_code: dict[str, OrganRow] = {}
    for row in rows:
        if row.name in by_name:
            problems.append(CsvProblem(row.line, "name", f"与第 {by_name[row.name].line} 行重名",
                                       f"same name as line {by_name[row.name].line}"))  # fmt: skip
        elif row.name:
            by_name[row.name] = row
        if row.credit_code and row.credit_code in by_code:
            first = by_code[row.credit_code].line
            problems.append(CsvProblem(row.line, "credit_code", f"与第 {first} 行的统一社会信用代码相同",
                                       f"same credit code as line {first}"))  # fmt: skip
        elif row.credit_code:
            by_code[row.credit_code] = row

    existing_names = set(Organ.objects.filter(name__in=by_name).values_list("name", flat=True))
    existing_codes = dict(
        Organ.objects.filter(credit_code__in=by_code).values_list("credit_code", "name")
    )
    for row in rows:
        if row.name in existing_names:
            problems.append(CsvProblem(row.line, "name", f"数据库中已有机关“{row.name}”",
                                       f"an organ named {row.name!r} already exists"))  # fmt: skip
        if row.credit_code in existing_codes:
            problems.append(CsvProblem(row.line, "credit_code",
                                       f"该代码已属于数据库中的“{existing_codes[row.credit_code]}”",
                                       "this credit code already belongs to an organ"))  # fmt: skip

    refs = {r.parent_ref for r in rows if r.parent_ref}
    db_parents: dict[str, Organ] = {}
    for organ in Organ.objects.filter(name__in=refs):
        db_parents[organ.name] = organ
    for organ in Organ.objects.filter(credit_code__in={normalise_credit_code(r) for r in refs}):
        db_parents[organ.credit_code] = organ
    for row in rows:
        ref = row.parent_ref
        if not ref:
            continue
        code_ref = normalise_credit_code(ref)
        if ref in by_name:
            row.parent_key = ref
        elif code_ref in by_code:
            row.parent_key = by_code[code_ref].name
        elif ref not in db_parents and code_ref not in db_parents:
            problems.append(CsvProblem(row.line, "parent",
                                       f"找不到上级机关“{ref}”（既不在本文件中，也不在数据库中）",
                                       f"parent {ref!r} is neither in this file nor in the database"))  # fmt: skip
        if row.parent_key == row.name:
            problems.append(CsvProblem(row.line, "parent", "上级机关不能是自己",
                                       "an organ cannot be its own parent"))  # fmt: skip
    problems += _cycles(rows, by_name)
    return db_parents, problems


def _cycles(rows: list[OrganRow], by_name: dict[str, OrganRow]) -> list[CsvProblem]:
    problems: list[CsvProblem] = []
    reported: set[str] = set()
    for row in rows:
        seen: list[str] = []
        current: OrganRow | None = row
        while current is not None and current.parent_key and current.name not in seen:
            seen.append(current.name)
            current = by_name.get(current.parent_key)
        if current is not None and current.name in seen and current.parent_key:
            loop = seen[seen.index(current.name) :]
            if not reported & set(loop):
                reported |= set(loop)
                lines = "、".join(str(by_name[n].line) for n in loop)
                chain = " → ".join([*loop, loop[0]])
                problems.append(CsvProblem(by_name[loop[0]].line, "parent",
                                           f"上级关系形成循环：{chain}（第 {lines} 行）",
                                           f"the parents form a cycle: {chain}"))  # fmt: skip
    return problems


def organs_import_csv(*, text: str, name: str = "") -> list[Organ]:
    """Check everything, then create every organ (parents first) in one transaction."""
    rows, problems = parse_rows(text)
    if problems:
        raise OrganImportError(problems, name)
    db_parents, problems = check_tree(rows)
    if problems:
        raise OrganImportError(sorted(problems, key=lambda p: p.line), name)
    created: dict[str, Organ] = {}
    pending = list(rows)
    with transaction.atomic():
        while pending:
            ready = [r for r in pending if r.parent_key is None or r.parent_key in created]
            for row in ready:
                parent = None
                if row.parent_key is not None:
                    parent = created[row.parent_key]
                elif row.parent_ref:
                    ref = row.parent_ref
                    parent = db_parents.get(ref) or db_parents[normalise_credit_code(ref)]
                created[row.name] = Organ.objects.create(
                    name=row.name,
                    short_name=row.short_name,
                    kind=row.kind,
                    parent=parent,
                    credit_code=row.credit_code,
                    index_code=row.index_code,
                    outside_system=row.outside_system,
                    outside_note=row.outside_note,
                    sort_order=row.sort_order,
                )
            pending = [r for r in pending if r not in ready]
    return list(created.values())


def organs_import_file(path: Path) -> list[Organ]:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DomainError(f"找不到文件 {path}。", f"No such file: {path}.") from None
    return organs_import_csv(text=decode(data), name=path.name)
