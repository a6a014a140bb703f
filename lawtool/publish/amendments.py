"""The amendments page of a bill: amendments grouped under the article they touch.

The amendments are the YAML files of ``bills/<work>/amendments/`` (the amend stage's format).
Until ``lawtool.amend`` offers a loader, each file is read as plain YAML and its fields shown as
they are, escaped; the article an amendment touches is read from its ``eid``/``target``/
``article`` field.
"""

from __future__ import annotations

from pathlib import Path

from ..corpus import load_yaml
from .html import esc, link
from .index import CorpusIndex, Work
from .pages import Site, SitePage, breadcrumbs, heading, notice_html, page_path

TARGET_KEYS = ("eid", "target", "article", "destination")


def amendments_folder(index: CorpusIndex, work: Work) -> Path:
    return index.root / work.latest.path.parent / "amendments"


def read_amendments(folder: Path) -> list[dict]:
    out = []
    if not folder.is_dir():
        return out
    for path in sorted(folder.glob("*.y*ml")):
        data = load_yaml(path)
        items = data.get("amendments") if isinstance(data, dict) and "amendments" in data else data
        if isinstance(items, dict):
            items = [items]
        for k, item in enumerate(items or [], 1):
            if isinstance(item, dict):
                item = dict(item)
                item.setdefault("id", f"{path.stem}-{k}" if len(items) > 1 else path.stem)
                item["_file"] = path.name
                out.append(item)
    return out


def _target(item: dict) -> str:
    for key in TARGET_KEYS:
        value = item.get(key)
        if isinstance(value, str) and value:
            return value.rpartition("~")[2] if "~" in value else value
    return ""


def _value_html(value) -> str:
    if isinstance(value, dict):
        rows = "".join(f"<tr><th scope=\"row\">{esc(k)}</th><td>{_value_html(v)}</td></tr>" for k, v in value.items())
        return f"<table>{rows}</table>"
    if isinstance(value, list):
        return "<ul>" + "".join(f"<li>{_value_html(v)}</li>" for v in value) + "</ul>"
    return esc(value).replace("\n", "<br>")


def amendment_pages(index: CorpusIndex, work: Work, site: Site) -> list[SitePage]:
    url = f"{work.url}amendments/"
    title = f"التعديلات المقترحة: {work.title}"
    latest = work.latest
    out = [breadcrumbs([(work.url, work.title)], url), heading(1, "التعديلات المقترحة") + "\n", notice_html(latest) + "\n"]
    items = read_amendments(amendments_folder(index, work))
    if not items:
        out.append("<p>لم يقدم أي تعديل على هذا المقترح بعد. تحفظ التعديلات في المجلد "
                   f"<code>{esc(str(amendments_folder(index, work).relative_to(index.root)))}</code>.</p>\n")
    groups: dict[str, list[dict]] = {}
    for item in items:
        groups.setdefault(_target(item), []).append(item)
    for target in sorted(groups, key=lambda t: (t == "", t)):
        place = index.place(latest, target) if target else None
        label = place.label if place else (target or "تعديلات لا تحدد مادة")
        anchor = f"amend-{target}" if target and all(c.isascii() and (c.isalnum() or c in "_-") for c in target) else None
        out.append(heading(2, label, anchor) + "\n")
        if place is not None:
            out.append(f"<p>{link(url, f'{place.url}#{place.eid}', 'نص المادة في الصيغة ' + latest.date, title=place.text)}</p>\n")
        for item in groups[target]:
            rows = "".join(f"<tr><th scope=\"row\">{esc(k)}</th><td>{_value_html(v)}</td></tr>"
                           for k, v in item.items() if not str(k).startswith("_"))
            out.append(f'<div class="lt-amendment"><p class="lt-label">{esc(item.get("id"))} '
                       f'<span class="lt-status">{esc(item.get("status") or "")}</span></p>'
                       f'<table class="lt-meta"><tbody>{rows}</tbody></table></div>\n')
    return [site.add(SitePage(page_path(url), url, title, "\n".join(out), notice=True))]
