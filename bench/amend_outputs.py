"""The outputs of the amendment workflow for the repository's bill, in one process (the
benchmark's «amendment list + PDFs» row): the amendment list (JSON, HTML, DOCX, PDF), the
comparative table with the Penal Code as PDF, the diff v2 → v3 as PDF, and each version of the
bill as PDF, printed by one Chromium (lawtool.pdf.html_to_pdfs)."""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from lawtool.akn import Document  # noqa: E402
from lawtool.amend import load_amendments  # noqa: E402
from lawtool.amend.listing import build_list, to_docx, to_html  # noqa: E402
from lawtool.diff import diff_documents  # noqa: E402
from lawtool.diff.compare import compare, render_comparison  # noqa: E402
from lawtool.diff.render import render  # noqa: E402
from lawtool.export_pdf import to_html as export_html  # noqa: E402
from lawtool.pdf import html_to_pdfs  # noqa: E402

BILL = REPO / "bills/ma/bill/2024/digital-violence"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="lawtool-amend-"))
    start = time.perf_counter()
    versions = [Document.load(p) for p in sorted(BILL.glob("ara@*.xml"))]
    v2, v3 = versions[1], versions[2]
    data = build_list(v2, load_amendments(sorted((BILL / "amendments").glob("*.yaml"))))
    import json

    (out / "list.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    list_html = to_html(data)
    (out / "list.html").write_text(list_html, encoding="utf-8")
    (out / "list.docx").write_bytes(to_docx(data))
    law = Document.load(REPO / "law/ma/act/1962/1-59-413/ara@2024-08-22.xml")
    pages = [
        ("list.pdf", list_html, data["notice"]),
        ("compare.pdf", render_comparison(compare(v3, law), "html"), v3.notice),
        ("diff.pdf", render(diff_documents(v2, v3), "html"), v3.notice),
    ]
    pages += [(f"bill-{v.expression_date}.pdf", export_html(v), v.notice) for v in versions]
    for (name, _, _), pdf in zip(pages, html_to_pdfs([(page, notice) for _, page, notice in pages]), strict=True):
        (out / name).write_bytes(pdf)
    print(f"{len(pages)} PDFs and the list in {time.perf_counter() - start:.2f} s → {out}")


if __name__ == "__main__":
    main()
