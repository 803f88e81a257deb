"""`gongkai calendar load|import|add-workdays|between|status`: the working-day calendar.

Exit status: 0 done; 1 refused (a malformed notice, a year already loaded); 2 a date in a
year that is not loaded, or an argument that is not a date or a number.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandParser

from gongkai.core.errors import DomainError
from gongkai.workdays.compute import CalendarMissingError, add_working_days, working_days_between

EXIT_REFUSED = 1
EXIT_MISSING = 2


def _iso_date(raw: str) -> date:
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"“{raw}”不是日期，应写作 YYYY-MM-DD / not a date (YYYY-MM-DD): {raw!r}"
        ) from None


def _count(raw: str) -> int:
    if not raw.isdigit():
        raise argparse.ArgumentTypeError(
            f"“{raw}”不是非负整数 / not a non-negative whole number: {raw!r}"
        )
    return int(raw)


class Command(BaseCommand):
    # Scripts read stdout/stderr: no system-check chatter (the next-year warning is for
    # `serve`, `migrate` and `check`; `calendar status` shows coverage).
    requires_system_checks: list[str] = []
    help = "工作日历：载入、导入放假通知、计算工作日。 / The working-day calendar."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="命令")
        load = sub.add_parser(
            "load", help="从 chinese-calendar 载入一年 / seed a year from chinese-calendar"
        )
        load.add_argument("--year", type=int, required=True, help="年份，如 2026")
        load.add_argument("--replace", action="store_true", help="替换已载入的该年日历")
        imp = sub.add_parser(
            "import", help="导入国务院办公厅放假通知（YAML）/ import a State Council notice"
        )
        imp.add_argument("file", type=Path, help="通知 YAML 文件，格式见 docs/workdays.md")
        imp.add_argument("--replace", action="store_true", help="替换已载入的该年日历")
        add = sub.add_parser(
            "add-workdays", help="某日之后第 N 个工作日 / the Nth working day after a date"
        )
        add.add_argument("date", type=_iso_date, help="起算日（当日不计入），YYYY-MM-DD")
        add.add_argument("n", type=_count, help="工作日数")
        between = sub.add_parser(
            "between", help="两日之间的工作日数 / working days in (start, end]"
        )
        between.add_argument("start", type=_iso_date, help="起算日（不计入）")
        between.add_argument("end", type=_iso_date, help="截止日（计入）")
        sub.add_parser("status", help="列出已载入的年份 / list the loaded years")

    def _fail(self, error: DomainError, code: int) -> NoReturn:
        self.stderr.write(error.message)
        if error.message_en:
            self.stderr.write(error.message_en)
        sys.exit(code)

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        try:
            getattr(self, "do_" + action.replace("-", "_"))(options)
        except CalendarMissingError as error:
            self._fail(error, EXIT_MISSING)
        except DomainError as error:
            self._fail(error, EXIT_REFUSED)

    def do_load(self, options: dict[str, Any]) -> None:
        from gongkai.workdays.services import calendar_load_year

        calendar_year = calendar_load_year(
            actor=None, year=options["year"], replace=options["replace"]
        )
        self._report(calendar_year.year, calendar_year.source)

    def do_import(self, options: dict[str, Any]) -> None:
        from gongkai.workdays.notice import read_notice_file
        from gongkai.workdays.services import calendar_import_notice

        arrangement = read_notice_file(options["file"])
        calendar_year = calendar_import_notice(
            actor=None, arrangement=arrangement, replace=options["replace"]
        )
        self._report(calendar_year.year, calendar_year.source)

    def _report(self, year: int, source: str) -> None:
        from gongkai.workdays.models import CalendarDay, DayKind

        days = CalendarDay.objects.filter(date__year=year)
        holidays = days.filter(kind=DayKind.HOLIDAY).count()
        makeup = days.filter(kind=DayKind.MAKEUP_WORKDAY).count()
        self.stdout.write(
            f"已载入 {year} 年日历（来源：{source}）：{holidays} 个节假日（工作日放假），"
            f"{makeup} 个调休上班日。 / Loaded {year}: {holidays} holidays, {makeup} make-up "
            f"working days."
        )

    def do_add_workdays(self, options: dict[str, Any]) -> None:
        from gongkai.workdays.selectors import work_calendar

        result = add_working_days(options["date"], options["n"], work_calendar())
        self.stdout.write(result.isoformat())

    def do_between(self, options: dict[str, Any]) -> None:
        from gongkai.workdays.selectors import work_calendar

        count = working_days_between(options["start"], options["end"], work_calendar())
        self.stdout.write(str(count))

    def do_status(self, options: dict[str, Any]) -> None:
        from gongkai.workdays.models import CalendarYear
        from gongkai.workdays.sources import covered_years, package_version

        years = covered_years()
        for calendar_year in CalendarYear.objects.all():
            self.stdout.write(f"{calendar_year.year}\t{calendar_year.source}")
        if not CalendarYear.objects.exists():
            self.stdout.write("尚未载入任何年份。 / No year is loaded.")
        self.stdout.write(
            f"chinese-calendar {package_version()} 含 {years.start}–{years.stop - 1} 年。"
            f" / covers {years.start}–{years.stop - 1}."
        )
        from gongkai.workdays.checks import check_next_year_loaded

        for warning in check_next_year_loaded(None):
            self.stdout.write(f"注意：{warning.msg}")
            self.stdout.write(f"  {warning.hint}")
