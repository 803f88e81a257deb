"""Structure rules of the audit (report-rules.md §6, §1, §8): sections, headings, tables,
labels, title, year, period, legacy outline, notice citation, overview sub-heads, blank cells,
units, mirrors, and what the importer could not read (flattened runs)."""

from __future__ import annotations

import re
from collections import defaultdict
from urllib.parse import urlparse

from gongkai.annual_report.findings import Finding, Severity
from gongkai.annual_report.parse.normalise import key, nfkc
from gongkai.annual_report.parse.report import Extraction
from gongkai.annual_report.parse.tables import TableInfo
from gongkai.annual_report.schema import (
    OVERVIEW_SUBHEADS,
    SECTIONS,
    T4_COLUMNS,
    T4_GROUPS,
    TABLE_TITLES,
    get_format,
)

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
_TABLE_SECTION = {"二": 2, "三": 3, "四": 4}
_TITLE_OK = re.compile(r"^.+?(20\d{2})\s*年(?:度)?政府信息公开工作年度报告$")
_NOTICE = re.compile(r"〔\s*(20\d{2})\s*〕\s*(\d+)\s*号|\[\s*(20\d{2})\s*\]\s*(\d+)\s*号")
_LEGACY = ("收费及减免", "载体建设", "减免情况")
_BOILER_YEAR = re.compile(
    r"(20\d{2})\s*年(?:度)?(?:本级|本镇|本机关|本单位)?政府信息公开(?:工作)?(?:年度)?报告"
)


def _f(rule: str, sev: Severity, zh: str, en: str, cells: tuple[str, ...] | list[str] = (),
       **details: object) -> Finding:  # fmt: skip
    return Finding(rule, sev, zh, en, tuple(cells), dict(details))


def structure_findings(ex: Extraction) -> list[Finding]:
    out: list[Finding] = []
    out += _sections(ex)
    out += _tables(ex)
    out += _title_year_period(ex)
    out += _text_rules(ex)
    out += _cells(ex)
    out += _source(ex)
    return out


def _sections(ex: Extraction) -> list[Finding]:
    out: list[Finding] = []
    by_number: dict[int, list[int]] = defaultdict(list)
    for h in ex.headings:
        by_number[h.number].append(h.cell.line or h.row + 1)
    for s in SECTIONS:
        if s.number not in by_number:
            out.append(_f("RPT-SECTIONS", E, f"缺少第{s.numeral}部分“{s.heading}”",
                          f"section {s.number} ({s.heading}) is missing", section=s.number))  # fmt: skip
    for number, lines in sorted(by_number.items()):
        if len(lines) > 1:
            s = SECTIONS[number - 1]
            where = "、".join(f"第{n}行" for n in lines)
            out.append(_f("RPT-SECTIONS", E,
                          f"标题“{s.heading}”重复出现 {len(lines)} 次（{where}）",
                          f"heading {s.heading} appears {len(lines)} times (lines {', '.join(map(str, lines))})",
                          section=number, lines=lines))  # fmt: skip
    order = [h.number for h in ex.headings]
    firsts = list(dict.fromkeys(order))
    if firsts != sorted(firsts):
        out.append(_f("RPT-SECTIONS", E,
                      "各部分顺序不对：" + "、".join(SECTIONS[n - 1].numeral for n in firsts),
                      "sections out of order: " + ", ".join(str(n) for n in firsts), order=firsts))  # fmt: skip
    seen: set[str] = set()
    for h in ex.headings:
        if h.exact or h.text in seen:
            continue
        seen.add(h.text)
        why_zh = "使用阿拉伯数字序号" if h.arabic else "措辞与格式不同"
        why_en = "Arabic ordinal" if h.arabic else "wording differs from the format"
        out.append(_f("RPT-HEADINGS", W, f"标题“{h.text}”{why_zh}，格式为“{h.canonical}”",
                      f"heading '{h.text}': {why_en}; the format has '{h.canonical}'",
                      printed=h.text, canonical=h.canonical))  # fmt: skip
    return out


def _cells_of(ex: Extraction, table: str) -> list[str]:
    return [
        k
        for k in ex.report.format.cell_keys
        if k.startswith("t" + {"二": "2", "三": "3", "四": "4"}[table] + ".")
    ]


def _tables(ex: Extraction) -> list[Finding]:
    out: list[Finding] = []
    fmt = ex.report.format
    headed = {h.number for h in ex.headings}
    for name, info in ex.tables.by_name().items():
        title = TABLE_TITLES[name]
        if not info.found:
            has_heading = _TABLE_SECTION[name] in headed
            zh = f"缺少表{name}（{title}）" + (
                "：有标题但没有表格，可能以图片发布" if has_heading else ""
            )
            en = f"table {name} is missing" + (
                " (its heading is there: a picture?)" if has_heading else ""
            )
            out.append(_f("RPT-TABLES", E, zh, en, _cells_of(ex, name), table=name))
            continue
        if not info.has_header or info.headerless:
            out.append(_f("RPT-TABLES", W, f"表{name}没有表头，按数值位置和勾稽关系识别",
                          f"table {name} has no header rows; read by position and its identities",
                          _cells_of(ex, name), table=name))  # fmt: skip
        out += _missing_parts(ex, info)
        for d in info.deviations:
            cells = row_cells(fmt.tag, name, d.row) if d.row else []
            out.append(_f("RPT-LABELS", W,
                          f"表{name}的标签“{d.printed}”与格式“{d.official}”不一致（相似度 {d.score:.2f}）",
                          f"table {name}: label '{d.printed}' differs from the official '{d.official}'",
                          cells, printed=d.printed, official=d.official,
                          where=d.cell.where() if d.cell else ""))  # fmt: skip
        for amb in info.ambiguous:
            cells = row_cells(fmt.tag, name, amb.row)
            listed = "；".join(" ".join(str(v) for v in c) for c in amb.candidates[:6])
            more = "……" if len(amb.candidates) > 6 or amb.truncated else ""
            out.append(_f("PARSE-AMBIGUOUS", W,
                          f"表{name}“{row_label(fmt.tag, name, amb.row)}”的数字连在一起（“{amb.raw}”），"
                          f"有 {len(amb.candidates)} 种拆法都符合勾稽关系：{listed}{more}；未取值",
                          f"table {name} row {amb.row}: digits run together ('{amb.raw}'); "
                          f"{len(amb.candidates)} splits fit the identities; left null",
                          cells, raw=amb.raw, candidates=[[str(v) for v in c] for c in amb.candidates[:50]],
                          where=amb.cell.where()))  # fmt: skip
        if info.recovered:
            labels = "、".join(f"“{label}”" for label, _raw, _cell in info.recovered[:6])
            more = f"等 {len(info.recovered)} 行" if len(info.recovered) > 6 else ""
            out.append(_f("PARSE-RECOVERED", INFO,
                          f"表{name}{labels}{more}的数字连在一起，按勾稽关系唯一拆分",
                          f"table {name}: run-together digits of {len(info.recovered)} row(s) split uniquely by the identities",
                          runs=[{"row": label, "raw": raw, "where": cell.where()} for label, raw, cell in info.recovered]))  # fmt: skip
        for label, raw, cell in info.unreadable:
            out.append(_f("PARSE-UNREADABLE", W,
                          f"表{name}“{label}”的数值无法读取（“{raw}”）",
                          f"table {name} row '{label}': values cannot be read ('{raw}')",
                          raw=raw, where=cell.where()))  # fmt: skip
    return out


def row_label(tag: str, table: str, row: str) -> str:
    fmt = get_format(tag)
    if table == "二":
        for r in fmt.t2_rows():
            if r.key == row:
                return r.label
    if table == "三":
        for r3 in fmt.t3_rows:
            if r3.key == row:
                return r3.label
    return "表四" if table == "四" else row


def row_cells(tag: str, table: str, row: str) -> list[str]:
    fmt = get_format(tag)
    if table == "四":
        return [f"t4.{g.key}.{c}" for g in T4_GROUPS for c, _ in T4_COLUMNS]
    prefix = f"t2.{row}." if table == "二" else f"{row}."
    return [k for k in fmt.cell_keys if k.startswith(prefix) and k.count(".") == prefix.count(".")]


def _missing_parts(ex: Extraction, info: TableInfo) -> list[Finding]:
    out: list[Finding] = []
    fmt = ex.report.format
    if info.version and info.version != fmt.tag:
        return out  # rows of the other version: RPT-FORMAT-VERSION says it
    name = info.name
    if name == "二":
        for block in fmt.t2_blocks:
            if block.header in info.blocks_missing:
                cells = [r.cell_key(c.key) for r in block.rows for c in r.columns]
                labels = "、".join(r.label for r in block.rows)
                out.append(_f("RPT-TABLES", E, f"表二缺少“{block.header}”栏目（{labels}）",
                              f"table 二 lacks the block {block.header} ({labels})", cells, block=block.header))  # fmt: skip
        for r in fmt.t2_rows():
            if r.key in info.rows_missing:
                out.append(_f("RPT-TABLES", E, f"表二缺少“{r.label}”行", f"table 二 lacks the row {r.label}",
                              [r.cell_key(c.key) for c in r.columns], row=r.label))  # fmt: skip
    elif name == "三":
        missing = [r for r in fmt.t3_data_rows if r.key in info.rows_missing]
        if missing:
            cells = [
                f"{r.key}.{c}"
                for r in missing
                for c in (
                    "natural_person",
                    "commercial",
                    "research",
                    "social",
                    "legal",
                    "other_org",
                    "total",
                )
            ]
            labels = "、".join(f"“{r.label}”" for r in missing[:8]) + (
                "等" if len(missing) > 8 else ""
            )
            out.append(_f("RPT-TABLES", E, f"表三缺少 {len(missing)} 行：{labels}",
                          f"table 三 lacks {len(missing)} rows", cells, rows=[r.key for r in missing]))  # fmt: skip
    return out


def _title_year_period(ex: Extraction) -> list[Finding]:
    out: list[Finding] = []
    year = ex.report.year
    t = ex.title
    if t is None:
        out.append(_f("RPT-TITLE", W, "没有找到报告标题", "no report title found"))
    elif not _TITLE_OK.match(key(t.text)):
        out.append(_f("RPT-TITLE", W,
                      f"标题“{t.text}”不是通常的“<机关名称>20XX年政府信息公开工作年度报告”",
                      f"title '{t.text}' is not the usual '<organ>20XX年政府信息公开工作年度报告'", title=t.text))  # fmt: skip
    if not year:
        out.append(_f("RPT-YEAR", E, "无法确定报告年度", "the report year cannot be determined"))
        return out
    p = ex.period
    if p is None:
        out.append(
            _f(
                "RPT-PERIOD-MISSING",
                W,
                "没有找到统计期限的说明",
                "no statement of the statistics period",
            )
        )
    elif p.start is None or p.end is None:
        out.append(_f("RPT-PERIOD", E, f"统计期限写法有误：“{p.raw}”", f"malformed statistics period: '{p.raw}'",
                      raw=p.raw))  # fmt: skip
    else:
        if p.start[0] != year or p.end[0] != year:
            out.append(_f("RPT-YEAR", E, f"统计期限“{p.raw}”的年份与报告年度 {year} 不符",
                          f"the period '{p.raw}' names a year other than {year}", raw=p.raw))  # fmt: skip
        elif p.start[1:] != (1, 1) or p.end[1:] != (12, 31):
            out.append(_f("RPT-PERIOD", E, f"统计期限“{p.raw}”不是 {year} 年1月1日至12月31日",
                          f"the period '{p.raw}' is not 1 January – 31 December {year}", raw=p.raw))  # fmt: skip
    for m in _BOILER_YEAR.finditer(
        nfkc(ex.preamble + "\n" + ex.report.sections.get("overview", "")[:600])
    ):
        named = int(m.group(1))
        if named != year:
            out.append(_f("RPT-YEAR", E, f"前言提到“{m.group(0)}”，与报告年度 {year} 不符",
                          f"the preamble names '{m.group(0)}', not {year}", raw=m.group(0)))  # fmt: skip
            break
    return out


def _text_rules(ex: Extraction) -> list[Finding]:
    out: list[Finding] = []
    year = ex.report.year
    whole = nfkc(ex.preamble + "\n" + "\n".join(ex.report.sections.values()))
    legacy = [w for w in _LEGACY if w in whole]
    if "概述" in whole[:1500] and "依申请公开政府信息情况" in whole:
        legacy.append("概述/依申请公开政府信息情况")
    if legacy:
        out.append(_f("RPT-LEGACY-OUTLINE", W, f"使用 2019 年以前的报告提纲（{'、'.join(legacy)}）",
                      f"uses the pre-2019 outline ({', '.join(legacy)})", terms=legacy))  # fmt: skip
    if year:
        for m in _NOTICE.finditer(whole):
            y = int(m.group(1) or m.group(3))
            num = int(m.group(2) or m.group(4))
            context = whole[max(0, m.start() - 12) : m.start()]
            if "公开办" not in context:
                continue
            if (y, num) == (2019, 60) and year >= 2021:
                out.append(_f("RPT-NOTICE-CITATION", W, f"{year} 年度报告引用了〔2019〕60号（应为〔2021〕30号）",
                              f"a {year} report cites 〔2019〕60号 (should be 〔2021〕30号)"))  # fmt: skip
            elif (y, num) == (2021, 30) and year <= 2020:
                out.append(_f("RPT-NOTICE-CITATION", W, f"{year} 年度报告引用了〔2021〕30号（应为〔2019〕60号）",
                              f"a {year} report cites 〔2021〕30号 (should be 〔2019〕60号)"))  # fmt: skip
    overview = ex.report.sections.get("overview", "")
    if overview:
        missing = [s for s in OVERVIEW_SUBHEADS if s not in key(overview)]
        if missing:
            out.append(_f("RPT-OVERVIEW-SUBHEADS", INFO, f"“总体情况”没有写到：{'、'.join(missing)}",
                          f"section 一 does not cover: {', '.join(missing)}", missing=missing))  # fmt: skip
    return out


def _cells(ex: Extraction) -> list[Finding]:
    out: list[Finding] = []
    fmt = ex.report.format
    blanks: dict[str, list[str]] = defaultdict(list)
    for k, prov in ex.report.provenance.items():
        if prov.blank:
            spec = fmt.cell(k)
            blanks[f"{spec.table}|{spec.row_label}"].append(k)
    for group, cells in blanks.items():
        table, row = group.split("|", 1)
        out.append(_f("CELL-BLANK", W, f"表{table}“{row}”有 {len(cells)} 个单元格空白，按 0 计",
                      f"table {table} row '{row}': {len(cells)} blank cell(s) read as 0", cells))  # fmt: skip
    for k, printed, expected in ex.unit_notes:
        out.append(_f("CELL-UNIT", W, f"单元格写有单位“{printed}”，与标签规定的“{expected}”不同",
                      f"the cell carries the unit '{printed}', the label fixes '{expected}'", [k]))  # fmt: skip
    return out


def _source(ex: Extraction) -> list[Finding]:
    out: list[Finding] = []
    doc = ex.document
    signs_zh, signs_en = [], []
    if doc.cleaning.get("readings"):
        signs_zh.append(f"插入了 {doc.cleaning['readings']} 处拼音注音")
        signs_en.append("inline pinyin readings")
    if doc.cleaning.get("traditional"):
        signs_zh.append("转换成了繁体字")
        signs_en.append("converted to traditional characters")
    if doc.encoding and "lossy" in doc.encoding:
        signs_zh.append("含有乱码")
        signs_en.append("mojibake")
    url = doc.url or ""
    host = urlparse(url).hostname or ""
    if host and not (host.endswith(".gov.cn") or host == "gov.cn"):
        signs_zh.append(f"来自非政府网站 {host}")
        signs_en.append(f"read from a non-government site {host}")
    if signs_zh:
        out.append(_f("SRC-MIRROR", INFO, "文本可能来自转载或被改动的副本：" + "；".join(signs_zh),
                      "the text looks like a mirror or an altered copy: " + "; ".join(signs_en), url=url))  # fmt: skip
    out.extend(doc.notes)
    return out
