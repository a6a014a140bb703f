"""One entry point for every output format of a diff."""

from __future__ import annotations

import json

import orjson

from .docx import render_docx
from .html import render_html
from .markdown import render_markdown
from .result import DiffResult
from .text import render_text


def to_json(data) -> str:
    """Stable JSON: UTF-8 text, two-space indentation, keys in the schema's order, written by
    orjson (the standard library's indented encoder is pure Python: a tenth of a 5,000-article
    diff's time).  The text is that of ``json.dumps(data, ensure_ascii=False, indent=2)`` but for
    floats: orjson writes 1e-05 as 0.00001, and a NaN or an infinity as null (the diff's scores
    are finite, rounded to three decimals).  What orjson refuses (an integer beyond 64 bits, a
    lone surrogate ...) goes to the standard library."""
    try:
        return orjson.dumps(data, option=orjson.OPT_INDENT_2).decode("utf-8") + "\n"
    except TypeError:  # orjson.JSONEncodeError
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render(
    result: DiffResult,
    fmt: str,
    *,
    typographic: bool = False,
    color: bool = False,
    bidi: str = "logical",
    width: int = 100,
    context: bool = False,
) -> str | bytes:
    """``result`` as ``text``, ``json``, ``html``, ``markdown`` (str) or ``docx`` (bytes)."""
    if fmt == "json":
        return to_json(result.to_dict(typographic=typographic))
    if fmt == "text":
        return render_text(result, typographic=typographic, color=color, bidi=bidi, width=width, context=context)
    if fmt == "html":
        return render_html(result, typographic=typographic)
    if fmt == "markdown":
        return render_markdown(result, typographic=typographic)
    if fmt == "docx":
        return render_docx(result, typographic=typographic)
    raise ValueError(f"unknown format {fmt!r}")
