"""Reproducible OOXML packages: the same report gives byte-identical DOCX and XLSX files.

python-docx and openpyxl stamp every zip entry with the current time; rewriting the package
with a fixed timestamp (1 January of the year after the report year, when reports are
written; also as the document's "modified" date) makes the output a pure function of the report, so it can be cached, compared and
signed.
"""

from __future__ import annotations

import io
import re
import zipfile

_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def reproducible(data: bytes, *, year: int) -> bytes:
    stamp = (max(1980, min(year + 1, 2107)), 1, 1, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                # openpyxl sets "modified" to the clock while saving, whatever it was told.
                when = f"{stamp[0]:04d}-01-01T00:00:00Z".encode()
                data = _MODIFIED.sub(rb"\g<1>" + when + rb"\g<2>", data)
            dst.writestr(entry, data)
    return out.getvalue()
