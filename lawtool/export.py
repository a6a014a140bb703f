"""AKN → text in the official layout, or Markdown.

The text export is what the importer reads: importing it gives back the same structure and
text (tests/test_roundtrip.py).  Editorial notes (Adala's footnotes) are left out: they are not
law text.  Quoted articles of an amending article are written as «الفصل 404. - ...» blocks.
"""

from __future__ import annotations


from .akn import Document, local_name, text_of

DIVISIONS = {"book", "part", "title", "chapter", "section", "subsection", "hcontainer", "subchapter",
             "subtitle", "subpart", "division", "subdivision"}


def _child(el, name):
    for c in el:
        if local_name(c) == name:
            return c
    return None


def _inline_text(el) -> str:
    return text_of(el) if el is not None else ""


def to_text(document: Document) -> str:
    out: list[str] = []
    main = document.main
    preface = _child(main, "preface")
    if preface is not None:
        for p in preface:
            if "lawtool-notice" in (p.get("class") or ""):
                continue
            out.append(_inline_text(p))
    preamble = _child(main, "preamble")
    if preamble is not None:
        for p in preamble:
            out.append(_inline_text(p))
    body = document.body
    if body is not None:
        for el in body:
            _hier_text(el, out)
    return "\n".join(line for line in out if line is not None) + "\n"


def _heading_line(el) -> str:
    num = _inline_text(_child(el, "num"))
    heading = _inline_text(_child(el, "heading"))
    if num and heading:
        return f"{num}: {heading}"
    return num or heading


def _hier_text(el, out: list[str], quoted: str | None = None) -> None:
    """``quoted``: None in the body; "«" for a quoted article framed by guillemets; "" for one
    quoted without them (Adala's layout: the heading alone on its line)."""
    name = local_name(el)
    if name in DIVISIONS:
        out.append(_heading_line(el))
        if _child(el, "subheading") is not None:
            out.append(_inline_text(_child(el, "subheading")))
        for child in el:
            if local_name(child) == "wrapUp":   # a promulgating dahir's signature, after its articles
                out.extend(_inline_text(p) for p in child)
            elif local_name(child) not in ("num", "heading", "subheading", "content"):
                _hier_text(child, out, quoted)
        return
    if name == "article":
        lines: list[str] = []
        for child in el:
            if local_name(child) in ("paragraph", "content"):
                _block_text(child, lines)
        num = _inline_text(_child(el, "num"))
        if quoted == "«":
            first = lines.pop(0) if lines else ""
            out.append(f"«{num}. - {first}".rstrip())
            out.extend(lines)
            out[-1] = out[-1] + "»"
        else:
            out.append(num)
            heading = _child(el, "heading")
            if heading is not None:
                out.append(_inline_text(heading))
            out.extend(lines)
        return


def _block_text(el, lines: list[str]) -> None:
    name = local_name(el)
    if name == "content":
        for p in el:
            _p_text(p, lines)
        return
    if name == "paragraph":
        for child in el:
            cname = local_name(child)
            if cname in ("content", "intro", "wrapUp"):
                for p in child:
                    _p_text(p, lines)
            elif cname == "point":
                num = _inline_text(_child(child, "num"))
                content = _child(child, "content")
                text = " ".join(_inline_text(p) for p in content) if content is not None else ""
                lines.append(f"{_item_label(num)} {text}".strip())


def _item_label(num: str) -> str:
    if not num:
        return "-"
    return f"{num})" if not num[0].isdigit() else f"{num}-"


def _p_text(p, lines: list[str]) -> None:
    mod = None
    for child in p:
        if local_name(child) == "mod":
            mod = child
    if mod is None:
        lines.append(_inline_text(p))
        return
    # the announcing sentence: the mod's text and its inline children (noteRef, ref, term ...), not the quotations
    parts = [mod.text or ""]
    for child in mod:
        if local_name(child) not in ("quotedText", "quotedStructure"):
            parts += [_inline_text(child) if local_name(child) != "noteRef" else "", child.tail or ""]
    lines.append(" ".join("".join(parts).split()))
    for child in mod:
        if local_name(child) == "quotedText":
            lines.append(_inline_text(child))
        elif local_name(child) == "quotedStructure":
            for quoted in child:
                _hier_text(quoted, lines, quoted=child.get("startQuote") or "")


def to_markdown(document: Document) -> str:
    out: list[str] = []
    title = document.title or ""
    out.append(f"# {title}\n")
    body = document.body
    if body is not None:
        for el in body:
            _hier_md(el, out, 2)
    return "\n".join(out).rstrip() + "\n"


def _hier_md(el, out: list[str], level: int) -> None:
    name = local_name(el)
    if name in DIVISIONS:
        out.append(f"{'#' * min(level, 5)} {_heading_line(el)}\n")
        for child in el:
            if local_name(child) not in ("num", "heading", "content"):
                _hier_md(child, out, level + 1)
    elif name == "article":
        out.append(f"{'#' * min(level, 6)} {_inline_text(_child(el, 'num'))} {{#{el.get('eId')}}}\n")
        lines: list[str] = []
        for child in el:
            if local_name(child) in ("paragraph", "content"):
                _block_text(child, lines)
        out.extend(line + "\n" for line in lines)
