"""A document as PDF (``lawtool export --to pdf``): the text in the official layout
(``lawtool.export.to_text``) as an Arabic, right-to-left HTML page, printed by ``lawtool.pdf``
with the working-text notice of a bill at the top of every page."""

from __future__ import annotations

import re

from .akn import Document
from .export import to_text
from .htmlbuild import elem, page
from .pdf import html_to_pdf

_HEADING = re.compile(r"^(?:المادة|الفصل|الباب|القسم|الفرع|الجزء|الكتاب|الملحق)\s")


CSS = (
    "body{line-height:1.7;margin:0}h1{font-size:1.3em}h2{font-size:1.05em;margin:1em 0 .3em}"
    "p{margin:.2em 0;text-align:justify}.notice{color:#700;border:1px solid #b00;padding:.3em}"
)


def to_html(document: Document) -> str:
    notice, title = document.notice, document.title
    body = [elem("h1", title)]
    if notice:
        body.append(elem("p", notice, class_="notice"))
    skip = {notice, title}
    for line in to_text(document).split("\n"):
        line = line.strip()
        if not line:
            continue
        if line in skip:
            skip.discard(line)  # the title and the notice, written above
            continue
        body.append(elem("h2" if _HEADING.match(line) and len(line) < 120 else "p", line))
    return page(title, CSS, body)


def to_pdf(document: Document) -> bytes:
    return html_to_pdf(to_html(document), notice=document.notice)
