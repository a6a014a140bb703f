"""One entry point for every output format of a diff."""

from __future__ import annotations

import json
import math
from json.encoder import encode_basestring

from .docx import render_docx
from .html import render_html
from .markdown import render_markdown
from .result import DiffResult
from .text import render_text


def to_json(data) -> str:
    """Stable JSON: UTF-8 text, two-space indentation, keys in the schema's order.  The text of
    ``json.dumps(data, ensure_ascii=False, indent=2)``, written here because the standard
    library's indented encoder is its slow pure-Python one (a third of a 5,000-article diff's
    time); anything but plain JSON values goes to the standard library."""
    out: list[str] = []
    try:
        _write_json(data, "\n", out)
    except _NotPlain:
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    out.append("\n")
    return "".join(out)


class _NotPlain(Exception):
    """A value ``_write_json`` leaves to the standard library."""


def _write_json(value, newline: str, out: list[str]) -> None:
    """Append ``value`` to ``out``; ``newline`` is the line break and indentation of its level.
    The types are tested in the standard library's order (a ``bool`` is an ``int``; lxml's
    strings are ``str``)."""
    if isinstance(value, str):
        out.append(encode_basestring(value))
    elif value is None:
        out.append("null")
    elif value is True or value is False:
        out.append("true" if value else "false")
    elif isinstance(value, int):
        out.append(int.__repr__(value))
    elif isinstance(value, float) and math.isfinite(value):
        out.append(float.__repr__(value))
    elif isinstance(value, (list, tuple)):
        _write_items(value, newline, out)
    elif isinstance(value, dict):
        _write_members(value, newline, out)
    else:
        raise _NotPlain


def _write_members(value: dict, newline: str, out: list[str]) -> None:
    if not value:
        out.append("{}")
        return
    inner = newline + "  "
    sep = "{" + inner
    for key, item in value.items():
        if not isinstance(key, str):
            raise _NotPlain
        out.append(sep)
        out.append(encode_basestring(key))
        out.append(": ")
        _write_json(item, inner, out)
        sep = "," + inner
    out.append(newline + "}")


def _write_items(value: list | tuple, newline: str, out: list[str]) -> None:
    if not value:
        out.append("[]")
        return
    inner = newline + "  "
    sep = "[" + inner
    for item in value:
        out.append(sep)
        _write_json(item, inner, out)
        sep = "," + inner
    out.append(newline + "]")


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
