"""The demo data set loaded by `gongkai demo`: the 遂平县 2021 scenario.

`load_demo()` is the single entry point; it runs on an empty database only (the command
refuses a database that already holds data). Everything is written through the apps'
services (bulk services where there are thousands of records), so the demo's records are
exactly what an office working in gongkai would have, and the county's consolidated 2021
report computed from them reproduces every figure of the seed report
(/work/shared/seed/000_8623df53ed3162fb.txt):

- 7,589 proactive items: by category 64 / 1,262 / 45 / 6,218 (概括类、政务（动态）类、
  法规公文类、其他), by channel 4,882 / 1,515 / 1,060 / 132 (网站、微博、微信、其他);
- 15 行政规范性文件 issued in 2021, none repealed, 118 in force on 31 December;
- 73,021 licensing and 3,137 penalty decisions;
- 26 applications received in 2021 — 县政府 6, 县政府办公室 1, 县财政局 2, 县发改委 4,
  县住建局 4, 县自然资源局 8 and 县生态环境分局 1 (outside the system, entered by hand) — and 1
  carried over from 2020, all concluded in 2021; no 信息处理费;
- 1 reconsideration and 1 suit after reconsideration, both upheld (the county government was
  the reconsideration organ and co-defendant, so only 县自然资源局 counts the suit);
- 159.1474万元 of litigation fees collected by 县法院, outside the system.
"""

from __future__ import annotations

import random
import secrets
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

YEAR = 2021

# (key, full name, short name, kind, outside the system?, note)
ORGANS: tuple[tuple[str, str, str, str, bool, str], ...] = (
    ("gov", "遂平县人民政府", "县政府", "peoples_government", False, ""),
    ("office", "遂平县人民政府办公室", "县政府办公室", "department", False, ""),
    ("finance", "遂平县财政局", "县财政局", "department", False, ""),
    ("ndrc", "遂平县发展和改革委员会", "县发改委", "department", False, ""),
    ("housing", "遂平县住房和城乡建设局", "县住建局", "department", False, ""),
    ("land", "遂平县自然资源局", "县自然资源局", "department", False, ""),
    ("education", "遂平县教育局", "县教育局", "department", False, ""),
    ("market", "遂平县市场监督管理局", "县市场监管局", "department", False, ""),
    ("ecology", "驻马店市生态环境局遂平分局", "县生态环境分局", "dispatched_body", True,
     "市局派出机构，未纳入县年报填报系统，数据由其报送后手工填报"),
    ("court", "遂平县人民法院", "县法院", "other", True,
     "审判机关，未纳入年报填报系统；诉讼费计入全县行政事业性收费"),
)  # fmt: skip

# Proactive items: category code → count; channel → count (seed section 一（一）).
CATEGORY_COUNTS = {"general": 64, "news": 1262, "documents": 45, "other": 6218}
CATEGORY_NAMES = {
    "general": "概括类",
    "news": "政务（动态）类",
    "documents": "法规公文类",
    "other": "其他",
}
CHANNEL_COUNTS = {"website": 4882, "weibo": 1515, "wechat": 1060, "other": 132}
# Which organ publishes how many of the 7,589 items (the seed gives only the total).
PUBLISHERS = {"gov": 2100, "office": 1489, "finance": 620, "ndrc": 540, "housing": 760,
              "land": 910, "education": 650, "market": 520}  # fmt: skip

# Art. 20 (5)(6) decisions per organ (seed table 二: 73,021 and 3,137).
LICENSING = {"land": 9120, "housing": 12480, "ndrc": 3021, "education": 1400, "market": 47000}
PENALTY = {"land": 412, "housing": 655, "market": 2070}
NORMATIVE_ISSUED = {"gov": 9, "office": 6}  # 15 行政规范性文件 in 2021
NORMATIVE_EARLIER = {"gov": 61, "office": 42}  # still in force: 61 + 42 + 15 = 118
NORMATIVE_REPEALED_EARLIER = 7  # issued before 2021 and repealed in 2020: not in force

# Applications received in 2021 (seed section 六) with their outcomes. Applicant: "p" natural
# person, "c" business, "l" legal-services body.
APPLICATIONS: dict[str, list[tuple[str, str]]] = {
    "land": [("p", "disclosed"), ("p", "not_exist"), ("c", "disclosed"), ("p", "disclosed"),
             ("p", "partial"), ("c", "partial"), ("p", "disclosed"), ("p", "needs_creation")],
    "gov": [("p", "disclosed"), ("p", "disclosed"), ("p", "already_public"), ("p", "partial"),
            ("p", "not_exist"), ("c", "disclosed")],
    "office": [("p", "disclosed")],
    "finance": [("p", "disclosed"), ("p", "denied_process")],
    "ndrc": [("p", "disclosed"), ("c", "disclosed"), ("p", "not_responsible"), ("p", "partial")],
    "housing": [("p", "disclosed"), ("l", "disclosed"), ("p", "denied_third_party"),
                ("p", "repeat")],
}  # fmt: skip

SUBJECTS = (
    "征收补偿安置方案", "集体土地征收批复文件", "城区棚户区改造项目立项批复", "年度财政预算执行情况",
    "某路段道路拓宽工程规划许可", "农村危房改造补助名单", "某小区建设工程规划条件",
    "企业投资项目备案信息", "学校划片招生方案", "自然资源执法处罚决定书",
)  # fmt: skip


@dataclass
class DemoAccount:
    username: str
    password: str
    role: str


@dataclass
class DemoResult:
    accounts: list[DemoAccount] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)


def _password() -> str:
    return "gk-" + secrets.token_urlsafe(9)


def _resident_id(rng: random.Random) -> str:
    from gongkai.core.validators import resident_id_check_char

    born = date(1960, 1, 1) + timedelta(days=rng.randrange(0, 40 * 365))
    first17 = f"411728{born:%Y%m%d}{rng.randrange(100, 999)}"
    return first17 + resident_id_check_char(first17)


def _credit_code(rng: random.Random) -> str:
    from gongkai.orgs.validators import credit_code_check_char

    body = "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(9))
    first17 = f"91411728{body}"
    return first17 + credit_code_check_char(first17)


def _working_day(day: date) -> date:
    from gongkai.workdays.selectors import work_calendar

    cal = work_calendar()
    while not cal.is_working_day(day):
        day += timedelta(days=1)
    return day


def load_demo() -> DemoResult:
    """Load the 遂平县 2021 scenario; return the accounts (with passwords) and a summary."""
    started = time.monotonic()
    steps: list[str] = []

    def step(label: str, since: float) -> float:
        now = time.monotonic()
        steps.append(f"{label} {now - since:.1f}s")
        return now

    rng = random.Random(2021)
    result = DemoResult()
    organs = _organs()
    users = _accounts(organs, result)
    _calendar()
    mark = step("机关/账号/日历", started)
    _proactive(organs, users, rng)
    mark = step("主动公开", mark)
    _normative_and_statistics(organs, users)
    apps = _applications(organs, users, rng)
    _appeals(organs, users, apps)
    _outside_figures(organs, users)
    mark = step("文件/申请/复议诉讼", mark)
    report = _report(organs, users)
    step("年报生成与发布", mark)
    result.summary += [
        f"机关 {len(organs)} 个（含系统外单位 2 个），{YEAR} 年主动公开信息 7589 条",
        f"依申请公开 {len(apps)} 件（{YEAR} 年新收 25 件 + 上年结转 1 件；县生态环境分局 1 件为手工填报）",
        "行政复议 1 件、复议后行政诉讼 1 件（均结果维持）",
        f"已发布：{report.title} → /reports/{report.pk}/",
        f"载入用时 {time.monotonic() - started:.1f} 秒（{'，'.join(steps)}）",
    ]
    return result


def _organs() -> dict[str, Any]:
    from gongkai.orgs.services import organ_create

    organs: dict[str, Any] = {}
    for order, (key, name, short, kind, outside, note) in enumerate(ORGANS):
        organs[key] = organ_create(
            actor=None, name=name, kind=kind, parent=organs.get("gov"), short_name=short,
            outside_system=outside, outside_note=note, sort_order=order,
        )  # fmt: skip
    return organs


def _accounts(organs: dict[str, Any], result: DemoResult) -> dict[str, Any]:
    from django.contrib.auth import get_user_model

    from gongkai.orgs.models import Role
    from gongkai.orgs.services import membership_grant

    user_model = get_user_model()
    users: dict[str, Any] = {}
    password = _password()
    users["admin"] = user_model.objects.create_superuser(
        username="admin", password=password, email=""
    )
    result.accounts.append(DemoAccount("admin", password, "系统管理员 / system administrator"))
    staff = (
        ("office", "县政府办公室公开办", "gov", Role.OFFICE_ADMIN, "公开办管理员（全县）/ disclosure office"),
        ("preparer", "年报统计员", "gov", Role.PREPARER, "统计员（县政府年报）/ report preparer"),
        ("approver", "分管负责人", "gov", Role.APPROVER, "审核人（县政府年报）/ report approver"),
        ("land-handler", "自然资源局承办人", "land", Role.HANDLER, "承办人（县自然资源局）/ case handler"),
        ("land-approver", "自然资源局负责人", "land", Role.APPROVER, "审核人（县自然资源局）/ case approver"),
        ("land-preparer", "自然资源局统计员", "land", Role.PREPARER, "统计员（县自然资源局）/ preparer"),
    )  # fmt: skip
    for username, full_name, organ_key, role, label in staff:
        password = _password()
        user = user_model.objects.create_user(
            username=username, password=password, first_name=full_name
        )
        membership_grant(actor=None, user=user, organ=organs[organ_key], role=role)
        users[username] = user
        result.accounts.append(DemoAccount(username, password, label))
    return users


def _calendar() -> None:
    """Every year from 2020 to this year (and next, when the package has it), so that both the
    2021 scenario and applications filed on the demo site today get their deadlines."""
    from django.utils import timezone

    from gongkai.workdays.services import calendar_load_year
    from gongkai.workdays.sources import covered_years

    covered = covered_years()
    last = timezone.localdate().year + 1
    for year in range(2020, last + 1):
        if year in covered:
            calendar_load_year(actor=None, year=year)


def _proactive(organs: dict[str, Any], users: dict[str, Any], rng: random.Random) -> None:
    """7,589 items, each with one category and one primary channel, dated through 2021."""
    from gongkai.publications.services import (
        PublicationInput,
        category_save,
        publication_bulk_create,
    )

    # The county's categories in its own wording (the seed writes 政务（动态）类信息).
    for order, (code, name) in enumerate(CATEGORY_NAMES.items(), start=1):
        category_save(actor=None, code=code, name=name, sort_order=order)
    categories = [c for c, n in CATEGORY_COUNTS.items() for _ in range(n)]
    channels = [c for c, n in CHANNEL_COUNTS.items() for _ in range(n)]
    rng.shuffle(categories)
    rng.shuffle(channels)
    titles = {
        "general": "机构职能与领导分工", "news": "政务动态", "documents": "政策文件",
        "other": "公示公告",
    }  # fmt: skip
    position = 0
    for organ_key, count in PUBLISHERS.items():
        organ = organs[organ_key]
        items = []
        for i in range(count):
            category = categories[position]
            published = date(YEAR, 1, 4) + timedelta(days=(position * 359) // 7589)
            items.append(
                PublicationInput(
                    title=f"{organ.short_name}{titles[category]}（{published:%m月%d日}第{i + 1}号）",
                    formed_on=published - timedelta(days=2),
                    published_on=published,
                    category_code=category,
                    primary_channel=channels[position],
                    body_html=f"<p>{organ.name}{published:%Y年%m月%d日}发布的{titles[category]}。</p>",
                )
            )
            position += 1
        publication_bulk_create(actor=None, organ=organ, items=items, reviewer=users["office"])


def _normative_and_statistics(organs: dict[str, Any], users: dict[str, Any]) -> None:
    from gongkai.publications.models import DecisionKind, NormativeKind
    from gongkai.publications.services import (
        decision_statistics_record,
        normative_document_register,
    )

    def register(organ_key: str, n: int, issued: date, repealed: date | None = None) -> None:
        organ = organs[organ_key]
        for i in range(n):
            normative_document_register(
                actor=None, organ=organ, kind=NormativeKind.NORMATIVE_DOCUMENT,
                title=f"{organ.name}关于规范有关事项的办法（{issued.year}-{i + 1}）",
                document_number=f"遂{'政' if organ_key == 'gov' else '政办'}〔{issued.year}〕{i + 1}号",
                issued_on=issued + timedelta(days=7 * i), repealed_on=repealed,
            )  # fmt: skip

    for organ_key, n in NORMATIVE_EARLIER.items():
        register(organ_key, n, date(2015, 3, 1))
    register("office", NORMATIVE_REPEALED_EARLIER, date(2014, 5, 1), repealed=date(2020, 6, 30))
    for organ_key, n in NORMATIVE_ISSUED.items():
        register(organ_key, n, date(YEAR, 2, 1))
    for kind, table in ((DecisionKind.LICENSING, LICENSING), (DecisionKind.PENALTY, PENALTY)):
        for organ_key, value in table.items():
            decision_statistics_record(
                actor=None, organ=organs[organ_key], year=YEAR, kind=kind, value=Decimal(value),
                source="政务服务网行政许可和行政处罚系统年度统计",
            )  # fmt: skip


def _applicant(kind: str, n: int, rng: random.Random) -> Any:
    from gongkai.applications.intake import ApplicantData

    subject = SUBJECTS[n % len(SUBJECTS)]
    if kind == "p":
        surname = "王李张刘陈杨赵黄周吴"[n % 10]
        return ApplicantData(
            applicant_type="natural_person", name=f"{surname}某{'甲乙丙丁戊己庚辛壬癸'[n // 10 % 10]}", id_type="resident_id",
            id_number=_resident_id(rng), phone=f"1390396{n:04d}", description=f"申请公开{subject}",
            address="河南省驻马店市遂平县", email=f"applicant{n}@example.cn",
        )  # fmt: skip
    return ApplicantData(
        applicant_type="commercial" if kind == "c" else "legal",
        name="遂平某某置业有限公司" if kind == "c" else "河南某某律师事务所",
        credit_code=_credit_code(rng), contact_person="联系人", phone="0396-4920000",
        description=f"申请公开{subject}", email=f"org{n}@example.cn",
    )  # fmt: skip


def _applications(organs: dict[str, Any], users: dict[str, Any], rng: random.Random) -> list[Any]:
    """25 applications received in 2021 by organs in the system, and 1 received on
    28 December 2020 and answered in January 2021 (上年结转). All answered within the
    20-working-day limit (Art. 33)."""
    from gongkai.applications.services import application_decide, application_register
    from gongkai.workdays.compute import add_working_days
    from gongkai.workdays.selectors import work_calendar

    cal = work_calendar()
    created = []
    n = 0

    def one(organ: Any, kind: str, outcome: str, received: date, days: int) -> Any:
        nonlocal n
        n += 1
        app = application_register(
            actor=None, organ=organ, channel="in_person" if n % 4 else "registered_post",
            applicant=_applicant(kind, n, rng), received_on=received, arrived_on=received,
            calendar=cal,
        )  # fmt: skip
        decided = add_working_days(received, days, cal)
        return application_decide(
            application=app, actor=None, on=decided, outcome=outcome,
            summary="依据《中华人民共和国政府信息公开条例》作出答复",
        )  # fmt: skip

    created.append(one(organs["gov"], "p", "disclosed", date(2020, 12, 28), 9))
    slot = 0
    for organ_key, cases in APPLICATIONS.items():
        for kind, outcome in cases:
            received = _working_day(date(YEAR, 1, 11) + timedelta(days=(slot * 331) // 25))
            created.append(one(organs[organ_key], kind, outcome, received, 8 + slot % 9))
            slot += 1
    return created


def _appeals(organs: dict[str, Any], users: dict[str, Any], apps: list[Any]) -> None:
    """The applicant of a 县自然资源局 case (no such information held) applied for
    reconsideration to the county government, which upheld the reply; the suit that followed
    named both (the government as reconsideration organ, 行政诉讼法第二十六条第二款) and the
    court upheld. Only 县自然资源局 counts the suit (report-rules.md §3)."""
    from gongkai.appeals.models import AppealKind, AppealResult
    from gongkai.appeals.services import appeal_record_result, appeal_register

    land = organs["land"]
    case = next(a for a in apps if a.organ_id == land.pk and a.outcome == "not_exist")
    actor = users["office"]
    recon = appeal_register(
        actor=actor, kind=AppealKind.RECONSIDERATION, organ=land, application=case,
        filed_on=case.closed_on + timedelta(days=20), claimant=case.name,
        forum="遂平县人民政府", case_number="遂政复〔2021〕8号",
        subject="不服县自然资源局政府信息公开答复（本机关不掌握相关政府信息）",
    )  # fmt: skip
    appeal_record_result(actor=actor, appeal=recon, expected_version=0,
                         result=AppealResult.UPHELD, decided_on=recon.filed_on + timedelta(days=55),
                         note="复议决定维持原答复")  # fmt: skip
    suit = appeal_register(
        actor=actor, kind=AppealKind.LITIGATION_AFTER_RECONSIDERATION, organ=land,
        application=case, reconsideration=recon, codefendant_organ=organs["gov"],
        filed_on=recon.filed_on + timedelta(days=70), claimant=case.name,
        forum="遂平县人民法院", case_number="（2021）豫1728行初17号",
        subject="诉县自然资源局政府信息公开答复及县人民政府行政复议决定",
    )  # fmt: skip
    appeal_record_result(actor=actor, appeal=suit, expected_version=0,
                         result=AppealResult.UPHELD, decided_on=date(YEAR, 12, 10),
                         note="判决驳回原告诉讼请求")  # fmt: skip


def _outside_figures(organs: dict[str, Any], users: dict[str, Any]) -> None:
    from gongkai.reporting.outside import outside_figure_set

    preparer = users["preparer"]
    outside_figure_set(actor=preparer, organ=organs["court"], year=YEAR, key="t2.fees.amount",
                       text="159.1474", unit="万元", note="收取诉讼费")  # fmt: skip
    note = "县生态环境分局报送：自然人申请1件，予以公开"
    for key in ("t3.new.natural_person", "t3.new.total", "t3.granted.natural_person",
                "t3.granted.total", "t3.total.natural_person", "t3.total.total"):  # fmt: skip
        outside_figure_set(actor=preparer, organ=organs["ecology"], year=YEAR, key=key, text="1",
                           unit="件", note=note)  # fmt: skip


# The narrative paragraphs only people can write, as the county wrote them (seed 一（三）–（五）, 五).
_MANAGEMENT = (
    "一是强化规范性文件动态更新。进一步健全政府信息公开属性的源头认定机制，严格按照程序进行保密审查，"
    "明确界定文件的公开属性。建立规范性文件清理长效机制，开展规范性文件定期清理和专项清理。"
    "二是严格落实政府信息审查机制，按照“谁审查谁负责”的原则，规范政府信息采集、审核、发布等相关工作流程。"
)
_PLATFORMS = (
    "一是充分发挥县政府门户网站信息公开第一平台作用，设置“政府信息公开平台”，全面公开法定主动公开内容。"
    "二是充分利用业务系统平台，集中公开办事指南、办理流程、办理时限、申请材料、咨询监督电话等信息，"
    "全面提升服务水平和服务质量。三是依托县、乡、村三级便民服务体系，开设“政务公开体验区”，"
    "在县档案馆、图书馆设置政府信息公开查询点。四是县政府网站实行IPv6改造，已于2021年8月完成改造。"
    "五是加强政务新媒体管理，实行政务新媒体季度检查通报制度。"
)
_SUPERVISION = (
    "一是深入部门、乡镇开展调研，对政务公开工作日常落实和基层政务公开标准化规范化推进情况进行摸排了解。"
    "二是强化政府网站和政务新媒体监管，实行季度通报制度，全年印发《政务新媒体和县政府门户网站信息保障检查情况的通报》4期。"
    "三是将政务公开纳入领导干部学法、党校公务员培训。四是对各乡镇（街道、管委会）、县政府各部门下发目标责任书，"
    "将政务公开工作纳入年度目标考核，根据《遂平县人民政府信息公开责任追究制度》对工作不力的单位及其负责人严肃追究责任。"
)
_PROBLEMS = (
    "2021年，我县政务公开工作仍存在公开理念不够到位、制度建设不够健全、部分单位工作人员变动频繁、"
    "对主动公开、依申请公开等规则和程序理解不透彻、专业素养不过硬等问题。\n\n"
    "2022年，遂平县将围绕县委县政府中心工作，坚持以人民为中心的发展理念，继续完善公开制度，深化公开内容，"
    "拓展公开形式，健全监督机制，全面提升政务公开水平。\n\n"
    "一是持续推进基层政务公开与村（居）务公开协同发展机制，丰富村（居）务公开载体，全面公开社区财务、社保、"
    "医保、惠民政策等内容。二是进一步加强县人民政府门户网站的管理维护，积极推进政府网站、政务新媒体适老化与"
    "无障碍改造工作，充分发挥政府网站信息公开第一平台作用。"
)


def complete_narrative(overview: str) -> str:
    """Replace the generated draft's prompts in section 一 with the county's own text."""
    from gongkai.reporting.narrative import PROMPT_MARK

    paragraphs = overview.split("\n\n")
    out = []
    for paragraph in paragraphs:
        if PROMPT_MARK in paragraph:
            if "管理" in paragraph:
                paragraph = paragraph.split(PROMPT_MARK)[0].strip() + _MANAGEMENT
            elif "平台" in paragraph:
                paragraph = _PLATFORMS
            else:
                paragraph = _SUPERVISION
        out.append(paragraph)
    return "\n\n".join(out)


def _report(organs: dict[str, Any], users: dict[str, Any]) -> Any:
    """The county's consolidated 2021 report: computed, narrative completed by the preparer,
    submitted, approved and published by the approver."""
    from gongkai.reporting import services
    from gongkai.reporting.models import ReportScope

    preparer, approver = users["preparer"], users["approver"]
    report = services.report_create(actor=preparer, organ=organs["gov"], year=YEAR,
                                    scope=ReportScope.CONSOLIDATED)  # fmt: skip
    sections = report.content["sections"]
    services.report_save_narrative(
        actor=preparer, report=report, expected_version=report.lock_version,
        sections={"overview": complete_narrative(sections["overview"]), "problems": _PROBLEMS},
    )  # fmt: skip
    services.report_submit(actor=preparer, report=report, expected_version=report.lock_version)
    services.report_approve(actor=approver, report=report, expected_version=report.lock_version)
    services.report_publish(actor=approver, report=report, expected_version=report.lock_version)
    return report
