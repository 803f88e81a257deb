"""Read a State Council holiday notice written as YAML (format: docs/workdays.md).

    year: 2026
    source: 国务院办公厅关于2026年部分节假日安排的通知
    holidays:
      - name: 春节
        from: 2026-02-15
        to: 2026-02-23
        makeup: [2026-02-14, 2026-02-28]

Every problem is reported with the line and field it is on, all at once, and nothing is
written unless the whole file is right (the service runs in one transaction).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from gongkai.core.errors import DomainError
from gongkai.workdays.sources import ExceptionDay, YearArrangement

TOP_KEYS = {"year", "source", "published", "holidays"}
HOLIDAY_KEYS = {"name", "from", "to", "makeup"}
WEEKDAY_ZH = "一二三四五六日"


@dataclass(frozen=True)
class NoticeProblem:
    line: int  # 1-based
    field: str
    message: str
    message_en: str

    def __str__(self) -> str:
        return f"第 {self.line} 行，{self.field}：{self.message} / line {self.line}, {self.field}: {self.message_en}"


class NoticeError(DomainError):
    """The notice file is wrong; `problems` lists every problem found."""

    code = "notice_invalid"

    def __init__(self, problems: list[NoticeProblem], name: str = "") -> None:
        self.problems = problems
        head = f"放假通知文件 {name} 有 {len(problems)} 处错误，未导入任何内容："
        head_en = f"The notice file {name} has {len(problems)} problem(s); nothing was imported:"
        super().__init__(
            "\n".join([head, *(f"  {p}" for p in problems)]),
            head_en,
        )


def _line(node: Node) -> int:
    return int(node.start_mark.line) + 1


def _weekday(day: date) -> str:
    return f"星期{WEEKDAY_ZH[day.weekday()]}"


class _Reader:
    def __init__(self) -> None:
        self.problems: list[NoticeProblem] = []

    def fail(self, node: Node, field: str, zh: str, en: str) -> None:
        self.problems.append(NoticeProblem(_line(node), field, zh, en))

    def mapping(self, node: Node, field: str, allowed: set[str]) -> dict[str, Node] | None:
        if not isinstance(node, MappingNode):
            self.fail(node, field, "应为“键: 值”的映射", "expected a mapping of key: value")
            return None
        result: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key not in allowed:
                self.fail(key_node, f"{field}.{key}" if field else key,
                          f"未知字段“{key}”，可用字段：{'、'.join(sorted(allowed))}",
                          f"unknown field {key!r}; expected one of {sorted(allowed)}")  # fmt: skip
            elif key in result:
                self.fail(key_node, key, "字段重复", "field given twice")
            else:
                result[key] = value_node
        return result

    def text(self, node: Node, field: str) -> str | None:
        if not isinstance(node, ScalarNode) or not str(node.value).strip():
            self.fail(node, field, "应为非空文字", "expected non-empty text")
            return None
        return str(node.value).strip()

    def integer(self, node: Node, field: str) -> int | None:
        raw = str(node.value).strip() if isinstance(node, ScalarNode) else ""
        if not raw.isdigit() or not 2000 <= int(raw) <= 2100:
            self.fail(node, field, "应为四位年份，如 2026", "expected a four-digit year, e.g. 2026")
            return None
        return int(raw)

    def day(self, node: Node, field: str) -> date | None:
        raw = str(node.value).strip() if isinstance(node, ScalarNode) else ""
        try:
            return date.fromisoformat(raw)
        except ValueError:
            self.fail(node, field, f"日期“{raw}”无效，应写作 YYYY-MM-DD，如 2026-10-01",
                      f"invalid date {raw!r}; write YYYY-MM-DD")  # fmt: skip
            return None


def parse_notice(text: str, *, name: str = "") -> YearArrangement:
    """Parse and check a notice; raise NoticeError listing every problem."""
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problem = NoticeProblem(line, "YAML", f"不是有效的 YAML：{getattr(exc, 'problem', exc)}",
                                f"not valid YAML: {getattr(exc, 'problem', exc)}")  # fmt: skip
        raise NoticeError([problem], name) from None
    reader = _Reader()
    if root is None:
        raise NoticeError([NoticeProblem(1, "文件", "文件是空的", "the file is empty")], name)
    top = reader.mapping(root, "", TOP_KEYS)
    if top is None:
        raise NoticeError(reader.problems, name)
    for required in ("year", "holidays"):
        if required not in top:
            reader.fail(root, required, f"缺少必填字段“{required}”", f"missing field {required!r}")
    year = reader.integer(top["year"], "year") if "year" in top else None
    source = reader.text(top["source"], "source") if "source" in top else None
    if "published" in top:
        reader.day(top["published"], "published")

    holidays: dict[date, tuple[str, Node]] = {}
    makeup: dict[date, tuple[str, Node]] = {}
    entries = top.get("holidays")
    if entries is not None and (not isinstance(entries, SequenceNode) or not entries.value):
        reader.fail(entries, "holidays", "应为一个或多个假期的列表（以“- ”开头）",
                    "expected a list of holidays (lines starting with '- ')")  # fmt: skip
    elif entries is not None:
        for index, entry in enumerate(entries.value, start=1):
            _read_holiday(reader, entry, f"holidays[{index}]", year, holidays, makeup)

    if reader.problems or year is None:
        raise NoticeError(reader.problems, name)
    return YearArrangement(
        year=year,
        holidays=tuple(ExceptionDay(d, n) for d, (n, _) in sorted(holidays.items())),
        makeup_workdays=tuple(ExceptionDay(d, n) for d, (n, _) in sorted(makeup.items())),
        source=source or f"国务院办公厅关于{year}年部分节假日安排的通知",
    )


def _read_holiday(reader: _Reader, entry: Node, where: str, year: int | None,
                  holidays: dict[date, tuple[str, Node]],
                  makeup: dict[date, tuple[str, Node]]) -> None:  # fmt: skip
    fields = reader.mapping(entry, where, HOLIDAY_KEYS)
    if fields is None:
        return
    for required in ("name", "from", "to"):
        if required not in fields:
            reader.fail(entry, f"{where}.{required}", f"缺少必填字段“{required}”",
                        f"missing field {required!r}")  # fmt: skip
    name = reader.text(fields["name"], f"{where}.name") if "name" in fields else None
    start = reader.day(fields["from"], f"{where}.from") if "from" in fields else None
    end = reader.day(fields["to"], f"{where}.to") if "to" in fields else None
    label = name or ""
    if start and end:
        if end < start:
            reader.fail(fields["to"], f"{where}.to", f"结束日期 {end} 早于开始日期 {start}",
                        f"end {end} is before start {start}")  # fmt: skip
        elif (end - start).days > 31:
            reader.fail(fields["to"], f"{where}.to", "一个假期不会超过 31 天，请检查日期",
                        "a holiday is never longer than 31 days; check the dates")  # fmt: skip
        else:
            day = start
            while day <= end:
                _add_holiday_day(reader, fields, where, year, day, label, holidays)
                day += timedelta(days=1)
    if "makeup" in fields:
        node = fields["makeup"]
        items = node.value if isinstance(node, SequenceNode) else None
        if items is None:
            reader.fail(node, f"{where}.makeup", "应为日期列表，如 [2026-02-14, 2026-02-28]",
                        "expected a list of dates, e.g. [2026-02-14, 2026-02-28]")  # fmt: skip
            return
        for item in items:
            parsed = reader.day(item, f"{where}.makeup")
            if parsed is None:
                continue
            day = parsed
            field = f"{where}.makeup"
            if day.weekday() < 5:
                reader.fail(item, field,
                            f"{day} 是{_weekday(day)}，本来就上班；调休上班日只能是星期六或星期日",
                            f"{day} is a weekday; make-up working days are Saturdays or Sundays")  # fmt: skip
            elif year is not None and day.year != year:
                reader.fail(item, field, f"{day} 不属于 {year} 年；请写入 {day.year} 年的通知文件",
                            f"{day} is not in {year}; put it in the {day.year} file")  # fmt: skip
            elif day in makeup or day in holidays:
                reader.fail(item, field, f"{day} 已在本文件中登记过", f"{day} is listed twice")
            else:
                makeup[day] = (f"{label}调休上班" if label else "调休上班", item)


def _add_holiday_day(reader: _Reader, fields: dict[str, Node], where: str, year: int | None,
                     day: date, label: str,
                     holidays: dict[date, tuple[str, Node]]) -> None:  # fmt: skip
    node = fields["from"]
    if day.weekday() >= 5:
        # A weekend inside the break is a rest day anyway; nothing to store. This is also how
        # a New Year break that begins on 31 December of the previous year is written.
        return
    if year is not None and day.year != year:
        reader.fail(node, f"{where}.from",
                    f"假期中的 {day}（{_weekday(day)}）不属于 {year} 年；请写入 {day.year} 年的通知文件",
                    f"{day} (a weekday) is not in {year}; put it in the {day.year} file")  # fmt: skip
        return
    if day in holidays:
        reader.fail(node, f"{where}.from", f"{day} 与“{holidays[day][0]}”的假期重叠",
                    f"{day} overlaps the holiday {holidays[day][0]!r}")  # fmt: skip
        return
    holidays[day] = (label, node)


def read_notice_file(path: Path) -> YearArrangement:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise DomainError(f"找不到文件 {path}。", f"No such file: {path}.") from None
    except UnicodeDecodeError:
        raise DomainError(
            f"文件 {path} 不是 UTF-8 编码，请另存为 UTF-8。", f"{path} is not UTF-8 text."
        ) from None
    return parse_notice(text, name=path.name)
