"""Dates and identifiers kept on one line.

Chromium breaks a line after a hyphen between digits: «(2018-» / «03-12)», «447-» / «1»,
«dv-» / «ex-01».  After mkdocs, every built page is read once and each such token of its text (an
ISO date, an article or dahir number with hyphens, an identifier such as «dv-ex-01» or «art_447-1»)
is wrapped in ``<span class="lt-nw">`` (``white-space: nowrap`` in site/stylesheets/lawtool.css).
A span changes neither the text nor its direction (a ``bdi`` would isolate it).  Only the text
between tags is touched, never a tag, an attribute, the ``<head>`` (the page title), a script or
a style.
"""

from __future__ import annotations

import re
from pathlib import Path

# a run of digits joined by hyphens (2018-03-12, 447-1, 1-59-413), or a Latin identifier with a
# hyphen (dv-ex-01, art_447-1); the Unicode isolates of lawtool.publish.html.ltr go inside the span
# («و447-2»: the conjunction glued to the number stays outside)
# (the headings' Markdown escapes write the hyphen «&#45;»)
HYPHEN = r"(?:-|&#45;)"
TOKEN = re.compile(
    rf"(?<![A-Za-z0-9_.;-])\u2066?(?:\d+(?:{HYPHEN}\d+)+|[A-Za-z][A-Za-z0-9_]*(?:{HYPHEN}[A-Za-z0-9_]+)+)"
    rf"\u2069?(?![A-Za-z0-9_-]|&#45;|\.\d)"
)
MAX_TOKEN = 32  # a longer identifier is better broken than overflowing a phone's screen
# tags, comments, and the elements whose text is not shown as text
PIECES = re.compile(
    r"(<!--.*?-->|<(?:head|script|style|svg|textarea|pre|code)\b.*?</(?:head|script|style|svg|textarea|pre|code)>"
    r"|<[^>]*>)",
    re.DOTALL | re.IGNORECASE,
)
OPEN, CLOSE = '<span class="lt-nw">', "</span>"


def _wrap(match: re.Match[str]) -> str:
    token = match.group(0)
    return f"{OPEN}{token}{CLOSE}" if len(token.replace("&#45;", "-")) <= MAX_TOKEN else token


def keep_together(html: str) -> str:
    """``html`` with the dates and identifiers of its text wrapped (tags and non-text elements as they are)."""
    parts = PIECES.split(html)
    for i in range(0, len(parts), 2):  # the even parts are text between tags
        if parts[i] and not (i and parts[i - 1] == OPEN):  # (a token already wrapped stays as it is)
            parts[i] = TOKEN.sub(_wrap, parts[i])
    return "".join(parts)


def keep_together_in(site_dir: Path) -> int:
    """Wrap the tokens of every HTML page of the built site; returns the number of pages changed."""
    changed = 0
    for page in sorted(site_dir.rglob("*.html")):
        if page.is_symlink() or not page.is_file():
            continue
        html = page.read_text(encoding="utf-8")
        new = keep_together(html)
        if new != html:
            page.write_text(new, encoding="utf-8")
            changed += 1
    return changed
