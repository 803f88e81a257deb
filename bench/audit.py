"""Benchmark of `gongkai audit`: reports per second for text, HTML, DOCX and PDF.

    python -m bench.audit [--n 40]

For each format it builds N distinct report files (the sample reports of the audit tests, with
the organ name and figures varied per file; plus the real examples of that format), then
measures, on this machine:

- floor: only reading the file and extracting its text (decode; lxml parse + text; zip + XML
  parse + text; pdfium text layer) — what any importer must pay;
- audit, one core: `audit_file` on each file in one process (import, tables, rules, narrative,
  score), with the normalisation caches cleared before each file so that repeated boilerplate
  across the corpus does not flatter the figure;
- audit, --jobs 2: the CLI's worker pool (`gongkai audit --jobs 2 --json`), wall time.

Prints reports/s for each and the ratio audit/floor.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

from gongkai.annual_report.audit import audit_file
from gongkai.annual_report.commands import audit_main
from gongkai.annual_report.parse.normalise import clear_caches
from gongkai.annual_report.tests import sample_reports as sample

EXAMPLES = Path(__file__).resolve().parent.parent / "gongkai" / "annual_report" / "tests" / "data"


def _vary(text: str, i: int) -> str:
    """A distinct but realistic variant: another organ, other (consistent) figures."""
    organ = f"第{i}号县人民政府"
    out = text.replace(sample.ORGAN, organ)
    return out.replace("1203", str(1000 + i)).replace("820条", f"{800 + i}条")


def build_corpus(root: Path, n: int) -> dict[str, list[Path]]:
    corpus: dict[str, list[Path]] = {"text": [], "html": [], "docx": [], "pdf": []}
    base_text = sample.as_text()
    base_pipes = sample.as_pipes()
    base_html = sample.as_html()
    docx_bytes = sample.as_docx()
    pdf_bytes = sample.as_pdf()
    for i in range(n):
        p = root / f"t{i}.txt"
        p.write_text(_vary(base_text if i % 2 else base_pipes, i), encoding="utf-8")
        corpus["text"].append(p)
        h = root / f"h{i}.html"
        h.write_text(_vary(base_html, i), encoding="utf-8")
        corpus["html"].append(h)
        d = root / f"d{i}.docx"
        d.write_bytes(_vary_docx(docx_bytes, i))
        corpus["docx"].append(d)
        f = root / f"p{i}.pdf"
        f.write_bytes(pdf_bytes)
        corpus["pdf"].append(f)
    # the real examples, once per format present
    for src in [*sorted((EXAMPLES / "reports").glob("*.txt")), EXAMPLES / "seed-suiping-2021.txt"]:
        shutil.copy(src, root / src.name)
        corpus["text"].append(root / src.name)
    real_pdf = EXAMPLES / "reports" / "hongze-2024.pdf"
    shutil.copy(real_pdf, root / real_pdf.name)
    corpus["pdf"].append(root / real_pdf.name)
    return corpus


def _vary_docx(data: bytes, i: int) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "word/document.xml":
                body = _vary(body.decode("utf-8"), i).encode("utf-8")
            out.writestr(info, body)
    return buf.getvalue()


# --- floors: only reading the text --------------------------------------------------------------


def floor_text(path: Path) -> int:
    data = path.read_bytes()
    try:
        return len(data.decode("utf-8"))
    except UnicodeDecodeError:
        return len(data.decode("gb18030"))


def floor_html(path: Path) -> int:
    import lxml.html

    root = lxml.html.document_fromstring(path.read_bytes())
    return len(root.text_content())


def floor_docx(path: Path) -> int:
    from lxml import etree

    with zipfile.ZipFile(path) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    return len("".join(root.itertext()))


def floor_pdf(path: Path) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path.read_bytes())
    total = 0
    for i in range(len(pdf)):
        page = pdf[i]
        tp = page.get_textpage()
        total += len(tp.get_text_range())
        tp.close()
        page.close()
    pdf.close()
    return total


FLOORS: dict[str, Callable[[Path], int]] = {
    "text": floor_text,
    "html": floor_html,
    "docx": floor_docx,
    "pdf": floor_pdf,
}


def rate(
    files: list[Path], fn: Callable[[Path], object], *, clear: bool = False
) -> tuple[float, float]:
    """(files per wall-clock second, files per CPU second of this process)."""
    fn(files[0])  # warm imports
    started = time.perf_counter()
    cpu = time.process_time()
    for f in files:
        if clear:
            clear_caches()
        fn(f)
    wall = time.perf_counter() - started
    return len(files) / wall, len(files) / max(time.process_time() - cpu, 1e-9)


def _audit(path: Path) -> object:
    result = audit_file(path)
    if result.error:
        raise SystemExit(f"{path}: {result.error}")
    return result


def rate_jobs(files: list[Path], jobs: int) -> float:
    out, err = io.StringIO(), io.StringIO()
    started = time.perf_counter()
    code = audit_main([*map(str, files), "--json", "--quiet", "--jobs", str(jobs)], out, err)
    elapsed = time.perf_counter() - started
    if code != 0:
        raise SystemExit(err.getvalue())
    return len(files) / elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=40, help="generated files per format (default 40)")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes for the parallel run")
    args = parser.parse_args(argv)
    print(
        f"bench.audit: {args.n} generated files per format + the real examples; CPU cores here: {os.cpu_count()}"
    )
    print("(per CPU-second figures count only this process's CPU time: fair on a shared machine)")
    print(f"{'format':<6} {'files':>5} {'floor/CPU-s':>12} {'audit/CPU-s':>12} {'audit/s wall':>13} "
          f"{'wall --jobs ' + str(args.jobs):>15} {'floor÷audit':>12}")  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="gk-bench-audit-") as tmp:
        corpus = build_corpus(Path(tmp), args.n)
        for fmt, files in corpus.items():
            _floor_wall, floor = rate(files, FLOORS[fmt])
            one_wall, one = rate(files, _audit, clear=True)
            many = rate_jobs(files, args.jobs)
            print(f"{fmt:<6} {len(files):>5} {floor:>12.0f} {one:>12.1f} {one_wall:>13.1f} {many:>15.1f} "
                  f"{floor / one:>11.1f}×")  # fmt: skip
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
