"""Narrative against tables (report-rules.md §7): the figures the text states — applications
received, carried over, concluded, carried forward, outcomes, applicant types,
reconsideration and litigation counts, normative documents, proactive-disclosure totals and
their category/channel breakdowns — compared with the cells and with their own parts.

Rules: TEXT-TABLE, TEXT-CONTRADICTION, TEXT-ARITH, TEXT-MISSING-NUMBER, TEXT-APPROX,
TEXT-BOILERPLATE; AUDIT-NOT-EVALUATED when the cells a figure restates are null.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from gongkai.annual_report.findings import Finding, Severity
from gongkai.annual_report.model import AnnualReport, CellValue
from gongkai.annual_report.parse.normalise import nfkc, squeeze
from gongkai.annual_report.schema import T3_COLUMN_KEYS

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
_SENT = re.compile(r"[^。；;!！?？\n]+[。；;!！?？]?")
N = r"(?P<n>\d+)\s*(?P<approx>余|多)?\s*"

ORG_COLUMNS = ("commercial", "research", "social", "legal", "other_org")


@dataclass
class Claim:
    """A figure the narrative states, and the cells it restates."""

    kind: str  # received, carried_over, …
    value: int
    approx: bool
    phrase: str
    cells: tuple[str, ...]  # summed to compare
    label: str  # Chinese name of the figure

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "value": self.value, "approx": self.approx, "phrase": self.phrase,
                "cells": list(self.cells)}  # fmt: skip


def _t3(row: str) -> tuple[str, ...]:
    return (f"{row}.total",)


# kind, pattern, cells (function of the report's version), label
_PATTERNS: list[tuple[str, re.Pattern[str], Callable[[str], tuple[str, ...]], str]] = [
    ("received", re.compile(rf"(?:新收|收到|受理|接收|共收|收悉)(?:各类|的)?(?:政府信息公开|依申请公开|信息公开)?申请(?:共计|共|合计|总计|总数)?(?:为)?\s*{N}件"),
     lambda v: ("t3.new.total",), "收到申请"),
    ("carried_over", re.compile(rf"上(?:一)?年(?:度)?结转(?:的)?(?:政府信息公开)?(?:申请)?\s*{N}件"),
     lambda v: ("t3.carried_over.total",), "上年结转"),
    ("concluded", re.compile(rf"(?:办结|答复)(?:政府信息公开)?(?:申请)?(?:共计|共)?\s*{N}件"),
     lambda v: ("t3.total.total",), "办结"),
    ("carried_forward", re.compile(rf"结转(?:至)?下(?:一)?年(?:度)?(?:继续办理)?(?:的)?(?:申请)?\s*{N}件"),
     lambda v: ("t3.carried_forward.total",), "结转下年度"),
    ("granted", re.compile(rf"(?<!部分)予以公开(?:的)?\s*{N}件"), lambda v: ("t3.granted.total",), "予以公开"),
    ("partial", re.compile(rf"部分公开(?:的)?\s*{N}件"), lambda v: ("t3.partial.total",), "部分公开"),
    ("denied", re.compile(rf"不予公开(?:的)?\s*{N}件"),
     lambda v: tuple(f"t3.denied.{r}.total" for r in ("state_secret", "law_forbidden", "three_safety", "third_party", "internal_affairs", "process_info", "enforcement_file", "query_matter")),
     "不予公开"),
    ("unable", re.compile(rf"无法提供(?:的)?\s*{N}件"),
     lambda v: tuple(f"t3.unable.{r}.total" for r in ("not_held", "needs_creation", "still_unclear")), "无法提供"),
    ("not_processed", re.compile(rf"不予处理(?:的)?\s*{N}件"),
     lambda v: tuple(f"t3.not_processed.{r}.total" for r in ("petition", "repeat", "publication", "excessive", "confirmation")),
     "不予处理"),
    ("natural_person", re.compile(rf"自然人(?:申请|提出)?(?:的)?\s*{N}件"), lambda v: ("t3.new.natural_person",), "自然人申请"),
    ("organisations", re.compile(rf"法人(?:或|和|及)其他组织(?:申请|提出)?(?:的)?\s*{N}件"),
     lambda v: tuple(f"t3.new.{c}" for c in ORG_COLUMNS), "法人或其他组织申请"),
    ("commercial", re.compile(rf"商业企业(?:申请|提出)?(?:的)?\s*{N}件"), lambda v: ("t3.new.commercial",), "商业企业申请"),
    ("reconsideration", re.compile(rf"行政复议(?:案件|申请)?(?:共)?\s*{N}(?:件|起)"),
     lambda v: ("t4.reconsideration.total",), "行政复议"),
    ("litigation", re.compile(rf"行政诉讼(?:案件)?(?:共)?\s*{N}(?:件|起)"),
     lambda v: ("t4.litigation_direct.total", "t4.litigation_after_reconsideration.total"), "行政诉讼"),
    ("nd_issued", re.compile(rf"(?:制发|印发|出台|制定)(?:了)?(?:的)?(?:行政)?规范性文件\s*{N}件"),
     lambda v: ("t2.normative_documents.issued",) if v == "2021" else ("t2.normative_documents.made",), "制发规范性文件"),
    ("nd_in_force", re.compile(rf"现行有效(?:的)?(?:行政)?规范性文件\s*{N}件"),
     lambda v: ("t2.normative_documents.in_force",) if v == "2021" else (), "现行有效规范性文件"),
    ("nd_repealed", re.compile(rf"废止(?:了)?(?:的)?(?:行政)?规范性文件\s*{N}件"),
     lambda v: ("t2.normative_documents.repealed",) if v == "2021" else (), "废止规范性文件"),
]  # fmt: skip

_PROACTIVE_TOTAL = re.compile(
    rf"主动(?:公开|发布)(?:各类|各项)?(?:政府)?信息(?:共计|共|总计|合计)?\s*{N}条"
)
_CATEGORY = re.compile(r"([\u4e00-\u9fff（）()]{1,14}?)(?:类)?信息\s*(\d+)\s*条")
_CHANNEL = re.compile(
    r"通过([\u4e00-\u9fff]{2,12}?)(?:公开|发布)(?:政府)?(?:信息)?\s*(\d+)\s*条|([\u4e00-\u9fff]{2,6})方式公开\s*(\d+)\s*条"
)
_PAREN_PARTS = re.compile(r"(\d+)\s*(件|条)\s*[（(]([^）)]{4,200})[）)]")
_MISSING = re.compile(
    r"(?:共|累计|合计)?(?:主动公开|公开|收到|受理|办结|发布|答复)(?:政府信息公开申请|政府信息|信息|申请)?(条|件)(?=[，。；、,;])"
)
_ALL_UPHELD = re.compile(r"均(?:获|是|为|被)?(?:结果)?维持|全部(?:被)?维持")
_ALL_CLOSED = re.compile(r"均已(?:结案|审结)")
_BOILERPLATE = ("各地区、各部门", "各地区各部门要", "篇幅原则上不超过", "不能遗漏，也不宜泛化", "不能遗漏,也不宜泛化",
                "本格式", "参照本格式", "请各地区", "内容雷同", "敷衍塞责")  # fmt: skip


@dataclass
class Narrative:
    claims: list[Claim] = field(default_factory=list)
    proactive: dict[str, Any] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)


def _f(rule: str, sev: Severity, zh: str, en: str, cells: tuple[str, ...] | list[str] = (),
       **details: object) -> Finding:  # fmt: skip
    return Finding(rule, sev, zh, en, tuple(cells), dict(details))


def sentences(text: str) -> list[str]:
    """Sentences, with line breaks inside them removed (PDF lines wrap mid-sentence)."""
    joined = squeeze(text.replace("\r", "").replace("\n", ""))
    return [s.strip() for s in _SENT.findall(joined) if s.strip()]


def extract_claims(text: str, version: str) -> list[Claim]:
    claims: list[Claim] = []
    for sent in sentences(text):
        for kind, pattern, cells, label in _PATTERNS:
            for m in pattern.finditer(sent):
                c = cells(version)
                if not c:
                    continue
                claims.append(Claim(kind, int(m.group("n")), bool(m.group("approx")),
                                    m.group(0), c, label))  # fmt: skip
    return claims


def _sum(report: AnnualReport, cells: tuple[str, ...]) -> CellValue:
    total: int | Decimal = 0
    for k in cells:
        v = report.cells.get(k)
        if v is None:
            return None
        total += v
    return total


def check_narrative(report: AnnualReport, text: str) -> Narrative:
    result = Narrative()
    text = nfkc(text)  # once: the helpers below work on normalised text
    result.claims = extract_claims(text, report.format_version)
    seen_claims: dict[str, set[int]] = {}
    for claim in result.claims:
        seen_claims.setdefault(claim.kind, set()).add(claim.value)
        result.findings += _compare(report, claim)
    for kind, values in seen_claims.items():
        if len(values) > 1 and kind in (
            "received",
            "carried_over",
            "reconsideration",
            "litigation",
        ):
            label = next(c.label for c in result.claims if c.kind == kind)
            vals = "、".join(str(v) for v in sorted(values))
            result.findings.append(_f("TEXT-ARITH", W, f"叙述中“{label}”前后给出不同数字：{vals}",
                                      f"the narrative gives different figures for '{label}': {vals}"))  # fmt: skip
    result.proactive, arith = _proactive(text)
    result.findings += arith
    result.findings += _parts(text)
    result.findings += _contradictions(report, text)
    result.findings += _missing_numbers(text)
    result.findings += _boilerplate(text)
    return result


def _other_cell(report: AnnualReport, value: int, exclude: tuple[str, ...]) -> str | None:
    """A cell (table 三 new/total rows or table 四) holding `value`, to name in the message."""
    if value == 0:
        return None
    candidates = [f"t3.new.{c}" for c in T3_COLUMN_KEYS] + [f"t3.total.{c}" for c in T3_COLUMN_KEYS]
    candidates += [k for k in report.cells if k.startswith("t4.") or k.endswith(".total")]
    for k in candidates:
        if k in exclude:
            continue
        if report.cells.get(k) == value:
            return k
    return None


def _compare(report: AnnualReport, claim: Claim) -> list[Finding]:
    table_value = _sum(report, claim.cells)
    if table_value is None:
        missing = [k for k in claim.cells if report.cells.get(k) is None]
        table = {"t2": "二", "t3": "三", "t4": "四"}[missing[0][:2]]
        return [_f("AUDIT-NOT-EVALUATED", INFO,
                   f"叙述中的“{claim.phrase}”无法核对：表{table}缺少相应数据",
                   f"the narrative figure '{claim.phrase}' cannot be checked: table {table} lacks the cells",
                   claim.cells, for_rule="TEXT-TABLE", phrase=claim.phrase, value=claim.value)]  # fmt: skip
    if claim.approx:
        if table_value < claim.value:
            return [_f("TEXT-TABLE", W,
                       f"叙述称“{claim.phrase}”，表中只有 {table_value}",
                       f"the narrative says '{claim.phrase}' but the table has {table_value}", claim.cells)]  # fmt: skip
        return [_f("TEXT-APPROX", INFO, f"叙述用约数“{claim.phrase}”，表中为 {table_value}，只能作下限比较",
                   f"approximate figure '{claim.phrase}' (table: {table_value}), compared as a lower bound",
                   claim.cells)]  # fmt: skip
    if table_value == claim.value:
        return []
    extra_zh, extra_en = "", ""
    if claim.kind == "received":
        carried = report.cells.get("t3.carried_over.total")
        if carried is not None and table_value + carried == claim.value:
            extra_zh, extra_en = (
                "（叙述数字包含了上年结转的申请）",
                " (the narrative includes the carried-over applications)",
            )
    if not extra_zh:
        other = _other_cell(report, claim.value, claim.cells)
        if other:
            spec = report.format.cell(other)
            extra_zh = f"（叙述数字等于“{spec.label}”）"
            extra_en = f" (the narrative figure equals {other})"
    return [_f("TEXT-TABLE", W,
               f"叙述称“{claim.phrase}”，表中为 {table_value}{extra_zh}",
               f"the narrative says '{claim.phrase}', the table has {table_value}{extra_en}",
               claim.cells, narrative=claim.value, table=str(table_value))]  # fmt: skip


def _proactive(text: str) -> tuple[dict[str, Any], list[Finding]]:
    out: dict[str, Any] = {}
    findings: list[Finding] = []
    t = nfkc(text)
    m = _PROACTIVE_TOTAL.search(t)
    if not m:
        return out, findings
    total = int(m.group("n"))
    out["total"] = total
    out["phrase"] = m.group(0)
    out["approx"] = bool(m.group("approx"))
    # the breakdown follows in the next two sentences
    after = t[m.end() : m.end() + 400]
    stop = [i for i in (after.find("\n"),) if i >= 0]
    if stop:
        after = after[: stop[0]]
    sents = _SENT.findall(after)[:3]
    categories: dict[str, int] = {}
    channels: dict[str, int] = {}
    for s in sents:
        for cm in _CHANNEL.finditer(s):
            name = cm.group(1) or cm.group(3)
            channels[name] = int(cm.group(2) or cm.group(4))
        if "其中" in s or "类" in s:
            for cat in _CATEGORY.finditer(_CHANNEL.sub("", s)):
                name = re.sub(r"^(?:其中|，|,|、)+", "", cat.group(1)).strip("，,、")
                if name and not name.startswith("通过"):
                    categories[name] = int(cat.group(2))
    if categories:
        out["categories"] = categories
    if channels:
        out["channels"] = channels
    for label_zh, label_en, parts in (
        ("分类", "categories", categories),
        ("渠道", "channels", channels),
    ):
        if len(parts) >= 2 and not out["approx"]:
            s = sum(parts.values())
            if s != total:
                findings.append(_f("TEXT-ARITH", W,
                                   f"主动公开信息按{label_zh}相加为 {s} 条，与总数 {total} 条不符",
                                   f"proactive disclosure by {label_en} adds up to {s}, the stated total is {total}",
                                   parts=parts, total=total))  # fmt: skip
    return out, findings


def _parts(text: str) -> list[Finding]:
    out: list[Finding] = []
    for m in _PAREN_PARTS.finditer(nfkc(text)):
        total = int(m.group(1))
        unit = m.group(2)
        parts = [int(x) for x in re.findall(rf"(\d+)\s*{unit}", m.group(3))]
        if len(parts) >= 2 and sum(parts) != total and "其中" not in m.group(3):
            out.append(_f("TEXT-ARITH", W, f"“{m.group(0)[:60]}”：各部分相加为 {sum(parts)}，与 {total} 不符",
                          f"parts add up to {sum(parts)}, not the stated {total}", parts=parts, total=total))  # fmt: skip
    return out


def _contradictions(report: AnnualReport, text: str) -> list[Finding]:
    out: list[Finding] = []
    for s in sentences(text):
        groups: list[str] = []
        if "复议" in s:
            groups.append("reconsideration")
        if "诉讼" in s:
            groups += ["litigation_direct", "litigation_after_reconsideration"]
        if not groups:
            continue
        for pattern, cols, zh in ((_ALL_UPHELD, ("corrected", "other", "pending"), "均维持"),
                                  (_ALL_CLOSED, ("pending",), "均已审结")):  # fmt: skip
            if not pattern.search(s):
                continue
            cells = [f"t4.{g}.{c}" for g in groups for c in cols]
            values = [report.cells.get(k) for k in cells]
            bad = [k for k, v in zip(cells, values, strict=True) if v]
            if bad:
                out.append(_f("TEXT-CONTRADICTION", W, f"叙述称“{zh}”（“{s[:50]}”），但表四有纠正、其他结果或未审结的案件",
                              f"the narrative says all were {'upheld' if zh == '均维持' else 'closed'}, table 四 disagrees",
                              bad, sentence=s[:120]))  # fmt: skip
    return out


def _missing_numbers(text: str) -> list[Finding]:
    out = []
    for m in _MISSING.finditer(nfkc(text)):
        out.append(_f("TEXT-MISSING-NUMBER", E, f"句中缺少数字：“{m.group(0)}”",
                      f"a counting phrase without its number: '{m.group(0)}'", phrase=m.group(0)))  # fmt: skip
    return out


def _boilerplate(text: str) -> list[Finding]:
    t = nfkc(text)
    found = [p for p in _BOILERPLATE if nfkc(p) in t]
    if not found:
        return []
    return [_f("TEXT-BOILERPLATE", INFO, f"含有格式通知中的套话：{'、'.join(found)}",
               f"contains boilerplate from the format notice: {', '.join(found)}", phrases=found)]  # fmt: skip
