"""The HTML audit report: one self-contained page a person would rather read than JSON.

Built from the audit JSON (so it works the same for results from worker processes). For each
document: its score, the findings that concern the document as a whole, and tables 二, 三, 四
with every value in place; a cell that a finding concerns is coloured by the worst severity and
numbered, and the findings of a row stand beside it in the row's last column. Hovering a value
shows where it was read (page, line, the raw text).
"""

from __future__ import annotations

import html
from collections import defaultdict
from datetime import UTC, datetime
from typing import Any

from gongkai.annual_report.schema import T3_COLUMNS, T4_COLUMNS, T4_GROUPS, TABLE_TITLES, get_format

_SEV_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
_RANK = {"error": 0, "warning": 1, "info": 2}
_CSS = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:0 auto;max-width:1400px;padding:1rem 1.5rem;color:#1a1a1a;line-height:1.5}
h1{font-size:1.5rem}h2{font-size:1.25rem;border-bottom:2px solid #b71c1c;padding-bottom:.25rem;margin-top:2.5rem}
h3{font-size:1.05rem;margin:1.5rem 0 .5rem}
table{border-collapse:collapse;margin:.25rem 0 1rem;font-size:.9rem}
th,td{border:1px solid #999;padding:.2rem .4rem;vertical-align:top}
th{background:#f1f1f1;font-weight:600;text-align:center}
td.v{text-align:right;min-width:2.5rem;font-variant-numeric:tabular-nums}
td.null{color:#888;text-align:center;background:repeating-linear-gradient(45deg,#fafafa,#fafafa 4px,#eee 4px,#eee 8px)}
td.blank{font-style:italic}
.error{background:#fde2e2}.warning{background:#fff3cd}.info{background:#e3f2fd}
td.notes{font-size:.8rem;min-width:16rem;max-width:34rem;text-align:left}
sup.m{color:#b71c1c;font-weight:700;margin-left:.15rem}
.badge{display:inline-block;padding:.1rem .5rem;border-radius:.75rem;font-weight:700;color:#fff}
.g-A{background:#2e7d32}.g-B{background:#558b2f}.g-C{background:#ef6c00}.g-D{background:#b71c1c}
ul.f{padding-left:1.2rem}ul.f li{margin:.2rem 0}
.sev{font-weight:700;margin-right:.3rem}.sev.error{color:#b71c1c;background:none}.sev.warning{color:#8a6d00;background:none}.sev.info{color:#0d47a1;background:none}
code{font-size:.85em;color:#555}
.meta{color:#555;font-size:.9rem}
"""


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def render_html(results: list[dict[str, Any]]) -> str:
    now = datetime.now(tz=UTC).strftime("%Y-%m-%d %H:%M UTC")
    parts = [
        "<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        "<title>政府信息公开工作年度报告审核结果</title>",
        f"<style>{_CSS}</style></head><body>",
        "<h1>政府信息公开工作年度报告审核结果 <small class='meta'>/ audit of published annual reports</small></h1>",
        f"<p class='meta'>生成时间 {now}；共 {len(results)} 份文件。单元格颜色表示问题的严重程度（红：错误，黄：警告，蓝：提示），"
        "斜纹表示文档中没有这个单元格（null），鼠标悬停可看到数值读取的位置和原文。</p>",
        _summary(results),
    ]
    for index, result in enumerate(results):
        parts.append(_document(index, result))
    parts.append("</body></html>")
    return "\n".join(parts)


def _summary(results: list[dict[str, Any]]) -> str:
    rows = ["<table><thead><tr><th>文件</th><th>机关</th><th>年度</th><th>格式</th><th>错误</th><th>警告</th>"
            "<th>提示</th><th>质量分</th></tr></thead><tbody>"]  # fmt: skip
    for i, r in enumerate(results):
        name = _e(r["source"].rsplit("/", 1)[-1])
        if r.get("error"):
            rows.append(
                f"<tr class='error'><td><a href='#doc{i}'>{name}</a></td><td colspan='7'>无法读取：{_e(r['error'])}</td></tr>"
            )
            continue
        counts: defaultdict[str, int] = defaultdict(int)
        for f in r["findings"]:
            counts[f["severity"]] += 1
        q = r.get("quality") or {}
        grade = q.get("grade", "D")
        rows.append(
            f"<tr><td><a href='#doc{i}'>{name}</a></td><td>{_e(r.get('organ') or '（未识别）')}</td>"
            f"<td>{_e(r.get('year') or '?')}</td><td>{_e(r.get('format_version'))}</td>"
            f"<td class='v'>{counts['error']}</td><td class='v'>{counts['warning']}</td><td class='v'>{counts['info']}</td>"
            f"<td><span class='badge g-{_e(grade)}'>{_e(q.get('score', ''))} {_e(grade)}</span></td></tr>"
        )
    rows.append("</tbody></table>")
    return "".join(rows)


class _Marks:
    """Numbers findings per document and answers which findings concern a cell."""

    def __init__(self, findings: list[dict[str, Any]]) -> None:
        self.findings = findings
        self.by_cell: dict[str, list[int]] = defaultdict(list)  # findings of one row
        self.wide_cell: dict[str, list[int]] = defaultdict(list)  # findings over many rows
        self.wide_by_table: dict[str, list[int]] = defaultdict(list)
        for i, f in enumerate(findings):
            cells = f.get("cells", [])
            rows = {_row_of(k) for k in cells}
            target = self.wide_cell if len(rows) > 1 else self.by_cell
            for k in cells:
                target[k].append(i)
            if len(rows) > 1:
                for table in sorted({k[:2] for k in cells}):
                    self.wide_by_table[table].append(i)
        self.placed: set[int] = set()

    def table_notes(self, table: str) -> str:
        idx = self.wide_by_table.get(table, [])
        self.placed.update(idx)
        if not idx:
            return ""
        return (
            "<ul class='f'>"
            + "".join(f"<li>{_finding_line(i, self.findings[i])}</li>" for i in idx)
            + "</ul>"
        )

    def cell_class(self, key: str) -> str:
        idx = self.by_cell.get(key, []) + self.wide_cell.get(key, [])
        if not idx:
            return ""
        return min((self.findings[i]["severity"] for i in idx), key=lambda s: _RANK[s])

    def marks(self, key: str) -> str:
        return "".join(f"<sup class='m'>{i + 1}</sup>" for i in self.by_cell.get(key, []))

    def notes(self, keys: list[str]) -> str:
        seen: list[int] = []
        for k in keys:
            for i in self.by_cell.get(k, []):
                if i not in seen:
                    seen.append(i)
        self.placed.update(seen)
        return "<br>".join(_finding_line(i, self.findings[i]) for i in seen)


def _row_of(key: str) -> str:
    """The table row a cell key belongs to (t2.licensing, t3.denied.third_party, t4.reconsideration)."""
    return key.rsplit(".", 1)[0]


def _finding_line(i: int, f: dict[str, Any]) -> str:
    sev = f["severity"]
    return (f"<span class='sev {sev}'>{i + 1}. {_SEV_ZH.get(sev, sev)}</span><code>{_e(f['rule'])}</code> "
            f"{_e(f['message'])}")  # fmt: skip


def _value_cell(r: dict[str, Any], key: str, marks: _Marks) -> str:
    value = r["cells"].get(key)
    prov = (r.get("provenance") or {}).get(key, {})
    cls = ["v", marks.cell_class(key)]
    title_bits = [key]
    if prov:
        where = []
        if prov.get("page"):
            where.append(f"第{prov['page']}页")
        if prov.get("line"):
            where.append(f"第{prov['line']}行")
        if where:
            title_bits.append("".join(where))
        if prov.get("raw"):
            title_bits.append(f"原文：{prov['raw']}")
        if prov.get("note"):
            title_bits.append(prov["note"])
    if value is None:
        cls.append("null")
        shown = "—"
    elif prov.get("blank"):
        cls.append("blank")
        shown = "0（空）"
    else:
        shown = _e(value)
    return f"<td class='{' '.join(c for c in cls if c)}' title='{_e(' · '.join(title_bits))}'>{shown}{marks.marks(key)}</td>"


def _document(index: int, r: dict[str, Any]) -> str:
    name = _e(r["source"])
    if r.get("error"):
        return f"<h2 id='doc{index}'>{name}</h2><p class='error'>无法读取 / cannot read：{_e(r['error'])}</p>"
    q = r.get("quality") or {}
    grade = q.get("grade", "D")
    out = [
        f"<h2 id='doc{index}'>{_e(r.get('organ') or '（机关未识别）')} {_e(r.get('year') or '?')} 年度</h2>",
        f"<p class='meta'>文件 <code>{name}</code>；读取方式 {_e(r.get('importer', ''))}；格式版本 {_e(r.get('format_version'))}"
        f"（各表识别：{_e(_versions(r))}）；质量分 <span class='badge g-{_e(grade)}'>{_e(q.get('score', ''))} {_e(grade)}</span>"
        f"（完整度 {_e(q.get('completeness', ''))}，扣分 {_e(q.get('penalty', ''))}）</p>",
    ]
    marks = _Marks(r["findings"])
    tables = [_t2(r, marks), _t3(r, marks), _t4(r, marks)]
    general = [i for i, f in enumerate(r["findings"]) if not f.get("cells")]
    if general:
        out.append("<h3>整体问题 / document</h3><ul class='f'>")
        out += [f"<li>{_finding_line(i, r['findings'][i])}</li>" for i in general]
        out.append("</ul>")
    out += tables
    rest = [i for i, f in enumerate(r["findings"]) if f.get("cells") and i not in marks.placed]
    if rest:
        out.append("<h3>其他问题 / other findings</h3><ul class='f'>")
        out += [f"<li>{_finding_line(i, r['findings'][i])}</li>" for i in rest]
        out.append("</ul>")
    return "\n".join(out)


def _versions(r: dict[str, Any]) -> str:
    detected = (r.get("extras") or {}).get("detected_versions") or {}
    return "，".join(f"表{k} {v}" for k, v in detected.items()) or "无"


def _t2(r: dict[str, Any], marks: _Marks) -> str:
    fmt = get_format(r["format_version"])
    width = max(len(row.columns) for row in fmt.t2_rows())
    out = [f"<h3>表二 {TABLE_TITLES['二']}</h3>", marks.table_notes("t2"), "<table>"]
    for block in fmt.t2_blocks:
        span = width // len(block.columns)
        out.append(f"<tr><th colspan='{width + 2}'>{_e(block.header)}</th></tr>")
        out.append("<tr><th>信息内容</th>"
                   + "".join(f"<th colspan='{span}'>{_e(c.label)}</th>" for c in block.columns)
                   + "<th>问题</th></tr>")  # fmt: skip
        for row in block.rows:
            keys = [row.cell_key(c.key) for c in row.columns]
            cells = "".join(
                _value_cell(r, k, marks).replace("<td ", f"<td colspan='{span}' ", 1) for k in keys
            )
            out.append(f"<tr><th style='text-align:left'>{_e(row.label)}</th>{cells}"
                       f"<td class='notes'>{marks.notes(keys)}</td></tr>")  # fmt: skip
    out.append("</table>")
    return "".join(out)


def _t3(r: dict[str, Any], marks: _Marks) -> str:
    fmt = get_format(r["format_version"])
    head = "".join(f"<th>{_e(c.label)}</th>" for c in T3_COLUMNS)
    out = [f"<h3>表三 {TABLE_TITLES['三']}</h3>", marks.table_notes("t3"),
           f"<table><tr><th>项目</th>{head}<th>问题</th></tr>"]  # fmt: skip
    for row in fmt.t3_rows:
        indent = "&nbsp;" * (4 * row.level)
        if row.key is None:
            out.append(
                f"<tr><th colspan='9' style='text-align:left'>{indent}{_e(row.label)}</th></tr>"
            )
            continue
        keys = [f"{row.key}.{c.key}" for c in T3_COLUMNS]
        out.append(f"<tr><th style='text-align:left;font-weight:400'>{indent}{_e(row.label)}</th>"
                   + "".join(_value_cell(r, k, marks) for k in keys)
                   + f"<td class='notes'>{marks.notes(keys)}</td></tr>")  # fmt: skip
    out.append("</table>")
    return "".join(out)


def _t4(r: dict[str, Any], marks: _Marks) -> str:
    head = "".join(f"<th>{_e(label)}</th>" for _k, label in T4_COLUMNS)
    out = [f"<h3>表四 {TABLE_TITLES['四']}</h3>", marks.table_notes("t4"),
           f"<table><tr><th></th>{head}<th>问题</th></tr>"]  # fmt: skip
    for g in T4_GROUPS:
        keys = [f"t4.{g.key}.{c}" for c, _l in T4_COLUMNS]
        label = f"{g.parent} › {g.label}" if g.parent else g.label
        out.append(f"<tr><th style='text-align:left'>{_e(label)}</th>"
                   + "".join(_value_cell(r, k, marks) for k in keys)
                   + f"<td class='notes'>{marks.notes(keys)}</td></tr>")  # fmt: skip
    out.append("</table>")
    return "".join(out)
