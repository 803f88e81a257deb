"""Audit of a published annual report: import + rules + structure + narrative + score.

    result = audit_file("report.pdf")          # AuditResult (never raises for bad input)
    result.to_json()                           # the audit contract of docs/architecture.md

The result is the report JSON (`schema`, `format_version`, `organ`, `year`, `cells` with
exactly that version's keys — null where the document lacks the cell, 0 with provenance
`blank: true` where a present table left it blank) plus `source`, `findings` and `quality`.
A file that cannot be read at all gives `error` instead (exit status 2 in the CLI).

Quality score (docs/audit.md):  score = max(0, 100 × C − P), where C is the share of the
version's cells the document provides (not null) and P = Σ over rule ids of
weight(severity) × min(number of findings of that rule, 3), weights error 6, warning 2,
info 0.5 (AUDIT-NOT-EVALUATED and PARSE-RECOVERED weigh 0: they describe reading, not the
report). Grade A ≥ 90, B ≥ 75, C ≥ 60, else D.
"""

from __future__ import annotations

import importlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gongkai.annual_report.audit_narrative import Claim, check_narrative, extract_claims
from gongkai.annual_report.audit_structure import row_cells, row_label, structure_findings
from gongkai.annual_report.findings import Finding, Severity
from gongkai.annual_report.model import AnnualReport, Provenance, ProvenanceSource
from gongkai.annual_report.parse import DocumentError, ParsedDocument, read_document
from gongkai.annual_report.parse.normalise import nfkc
from gongkai.annual_report.parse.report import Extraction, extract, narrative_text

WEIGHTS = {Severity.ERROR: 6.0, Severity.WARNING: 2.0, Severity.INFO: 0.5}
UNWEIGHTED = {"AUDIT-NOT-EVALUATED", "PARSE-RECOVERED"}
PER_RULE_CAP = 3
_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass
class Quality:
    score: float
    grade: str
    completeness: float
    penalty: float

    def to_json(self) -> dict[str, Any]:
        return {"score": self.score, "grade": self.grade, "completeness": self.completeness,
                "penalty": self.penalty}  # fmt: skip


@dataclass
class AuditResult:
    source: str
    report: AnnualReport | None = None
    findings: list[Finding] = field(default_factory=list)
    quality: Quality | None = None
    error: str | None = None  # the file could not be read at all (zh / en)
    importer: str = ""
    extraction: Extraction | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def counts(self) -> Counter[str]:
        return Counter(f.severity.value for f in self.findings)

    def to_json(self, *, provenance: bool = True) -> dict[str, Any]:
        if self.report is None:
            return {"source": self.source, "error": self.error, "findings": []}
        out = self.report.to_dict()
        if not provenance:
            out.pop("provenance", None)
        out["source"] = self.source
        out["importer"] = self.importer
        out["findings"] = [f.to_json() for f in self.findings]
        if self.quality:
            out["quality"] = self.quality.to_json()
        return out


def quality(report: AnnualReport, findings: list[Finding]) -> Quality:
    keys = report.format.cell_keys
    present = sum(1 for k in keys if report.cells.get(k) is not None)
    completeness = present / len(keys) if keys else 0.0
    per_rule: Counter[tuple[str, Severity]] = Counter()
    for f in findings:
        if f.rule not in UNWEIGHTED:
            per_rule[(f.rule, f.severity)] += 1
    penalty = sum(WEIGHTS[sev] * min(n, PER_RULE_CAP) for (_rule, sev), n in per_rule.items())
    score = max(0.0, round(100 * completeness - penalty, 1))
    grade = "A" if score >= 90 else "B" if score >= 75 else "C" if score >= 60 else "D"
    return Quality(score, grade, round(completeness, 3), round(penalty, 1))


def core_rules(report: AnnualReport, previous: AnnualReport | None = None) -> list[Finding]:
    """The annual-report core's rules (gongkai.annual_report.rules.check), if present."""
    try:
        rules = importlib.import_module("gongkai.annual_report.rules")
    except ModuleNotFoundError as exc:
        if exc.name == "gongkai.annual_report.rules":
            return []
        raise
    return list(rules.check(report, previous=previous))


def audit_document(doc: ParsedDocument, *, previous: AnnualReport | None = None) -> AuditResult:
    ex = extract(doc)
    report = ex.report
    text = narrative_text(ex)
    resolve_with_narrative(ex, extract_claims(nfkc(text), report.format_version))
    findings: list[Finding] = []
    findings += structure_findings(ex)
    narrative = check_narrative(report, text)
    findings += narrative.findings
    if narrative.proactive:
        report.extras["proactive"] = narrative.proactive
    if narrative.claims:
        report.extras["narrative_figures"] = [c.to_json() for c in narrative.claims]
    findings += core_rules(report, previous)
    findings = _dedupe(findings)
    findings.sort(key=lambda f: _SEVERITY_ORDER[f.severity])
    return AuditResult(
        source=doc.source,
        report=report,
        findings=findings,
        quality=quality(report, findings),
        importer=doc.importer,
        extraction=ex,
    )


def resolve_with_narrative(ex: Extraction, claims: list[Claim]) -> None:
    """Choose among the cuts of an ambiguous flattened row with the figures the narrative
    states for exactly those cells (e.g. 制发规范性文件88件 and 现行有效698件 pick 88/55/698 out
    of `8855698`). Only when exactly one cut agrees with every such figure; the finding then
    says that the narrative decided it. Otherwise the row stays null and ambiguous."""
    report = ex.report
    for info in ex.tables.by_name().values():
        if info.version and info.version != report.format_version:
            continue
        for amb in list(info.ambiguous):
            if amb.truncated or not amb.candidates:
                continue
            cells = row_cells(report.format_version, info.name, amb.row)
            if len(cells) != len(amb.candidates[0]):
                continue
            pins = {
                c.cells[0]: c.value
                for c in claims
                if len(c.cells) == 1 and c.cells[0] in cells and not c.approx
            }
            if not pins:
                continue
            fits = [
                cand
                for cand in amb.candidates
                if all(cand[cells.index(k)] == v for k, v in pins.items())
            ]
            if len(fits) != 1:
                continue
            for k, v in zip(cells, fits[0], strict=True):
                report.cells[k] = v
                report.provenance[k] = Provenance(
                    source=ProvenanceSource.DOCUMENT, note=NARRATIVE_NOTE, page=amb.cell.page,
                    line=amb.cell.line, table=info.name, row=amb.cell.row, column=amb.cell.column, raw=amb.raw,
                )  # fmt: skip
            info.ambiguous.remove(amb)
            figures = "、".join(
                f"{report.format.cell(k).column_label} {v}" for k, v in pins.items()
            )
            label = row_label(report.format_version, info.name, amb.row)
            info.recovered.append((f"{label}（依据叙述中的 {figures}）", amb.raw, amb.cell))


NARRATIVE_NOTE = (
    "连写的数字串有多种拆法，按叙述中的数字确定 / split chosen by the narrative's own figures"
)


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple[str, str, tuple[str, ...]]] = set()
    out = []
    for f in findings:
        k = (f.rule, f.message, f.cells)
        if k in seen:
            continue
        seen.add(k)
        out.append(f)
    return out


def audit_file(path: str | Path, *, max_bytes: int | None = None) -> AuditResult:
    """Audit one file. Bad input gives a result with `error`, never an exception."""
    source = str(path)
    try:
        doc = read_document(path) if max_bytes is None else read_document(path, max_bytes=max_bytes)
    except DocumentError as exc:
        return AuditResult(source=source, error=f"{exc.message} / {exc.message_en}")
    try:
        return audit_document(doc)
    except RecursionError:
        return AuditResult(
            source=source, error="文档结构过深，无法处理 / document nested too deeply"
        )
    except MemoryError:
        return AuditResult(
            source=source, error="文档过大，内存不足 / out of memory reading the document"
        )
