"""The browse pages of the corpus (``lawtool publish --corpus DIR``): its texts by kind, by subject
(the Adala folder), by year and by number, each list cut into pages of at most :data:`PER_PAGE`
texts.  The site's navigation lists only the corpus's first page (``corpus/``), never its texts.

URLs: ``corpus/`` (counts and the lists), ``corpus/kind/decree/``, ``corpus/subject/labor/``,
``corpus/year/`` (the years) and ``corpus/year/1975/``, ``corpus/number/``; the following pages of a
list are ``…/2/``, ``…/3/``.
"""

from __future__ import annotations

import re

from ..htmlbuild import Html, elem, table
from .corpus import CORPUS_URL, kind_ar, kind_names, kind_url, subject_ar, subject_names, subject_url
from .html import link, ltr
from .index import SiteIndex, Work
from .pages import Site, SitePage, breadcrumbs, heading, page_path

PER_PAGE = 100
NO_YEAR = "none"


def year_url(year: str) -> str:
    return f"{CORPUS_URL}year/{year or NO_YEAR}/"


NUMBER_URL = f"{CORPUS_URL}number/"
YEARS_URL = f"{CORPUS_URL}year/"


def _number_key(work: Work) -> tuple:
    """Texts by number as a reader looks them up: 1.58.376 before 2.75.3 before 13.83, the
    numbers read as sequences of integers; texts without a number last."""
    number = work.latest.corpus_text.number
    parts = [int(p) for p in re.findall(r"\d+", number)]
    return (not parts, parts, number, work.uri)


def _rows(works: list[Work], url: str) -> Html:
    rows = []
    for w in works:
        text = w.latest.corpus_text
        rows.append(
            elem(
                "tr",
                elem("td", ltr(text.number) if text.number else "—"),
                elem("td", link(url, w.latest.url, w.title)),
                elem("td", kind_ar(text.kind)),
                elem("td", text.year or "—"),
            )
        )
    return table(["الرقم", "النص", "النوع", "السنة"], rows, class_="lt-table-list lt-corpus-list")


def _pager(base: str, url: str, k: int, pages: int) -> Html | str:
    if pages <= 1:
        return ""
    items = []
    for n in range(1, pages + 1):
        target = base if n == 1 else f"{base}{n}/"
        items.append(
            elem("li", elem("strong", n), aria_current="page") if n == k else elem("li", link(url, target, str(n)))
        )
    return elem("nav", elem("ol", items), class_="lt-pager", aria_label="صفحات القائمة")


def _list_pages(site: Site, base: str, title: str, works: list[Work], intro: str = "") -> None:
    """The list ``works`` at ``base`` and its following pages."""
    pages = max(1, -(-len(works) // PER_PAGE))
    for k in range(1, pages + 1):
        url = base if k == 1 else f"{base}{k}/"
        chunk = works[(k - 1) * PER_PAGE : k * PER_PAGE]
        first, last = (k - 1) * PER_PAGE + 1, (k - 1) * PER_PAGE + len(chunk)
        page_title = title if pages == 1 else f"{title} ({k} من {pages})"
        out = [breadcrumbs([(CORPUS_URL, "المتن الكامل")], url), heading(1, page_title)]
        if intro:
            out.append(elem("p", intro))
        out.append(elem("p", f"{len(works)} نصا" + (f"؛ في هذه الصفحة من {first} إلى {last}." if pages > 1 else ".")))
        pager = _pager(base, url, k, pages)
        out += [pager, _rows(chunk, url), pager]
        site.add(SitePage(page_path(url), url, page_title, "\n\n".join(p for p in out if p) + "\n", search=False))


def _counts(groups: dict[str, list[Work]], url_of, name_of, url: str) -> Html:
    items = [
        elem("li", link(url, url_of(key), name_of(key)), " ", elem("span", f"({len(works)})", class_="lt-count"))
        for key, works in groups.items()
    ]
    return elem("ul", items, class_="lt-columns")


def _years_line(years: dict[str, list[Work]], url: str) -> Html | str:
    dated = [y for y in years if y]
    if not dated:
        return ""
    return elem("p", link(url, YEARS_URL, f"{len(dated)} سنة، من {min(dated)} إلى {max(dated)}"))


def browse_pages(index: SiteIndex, site: Site) -> None:
    """The browse pages of the corpus texts of ``index`` (none when it has none)."""
    works = index.corpus_works()
    if not works:
        return
    by_number = sorted(works, key=_number_key)
    kinds: dict[str, list[Work]] = {k: [] for k in kind_names()}
    subjects: dict[str, list[Work]] = {}
    years: dict[str, list[Work]] = {}
    for w in by_number:
        text = w.latest.corpus_text
        kinds.setdefault(text.kind if text.kind in kind_names() else "text", []).append(w)
        subject = text.subject if text.subject in subject_names() and text.subject else ""
        subjects.setdefault(subject, []).append(w)
        years.setdefault(text.year, []).append(w)
    kinds = {k: v for k, v in kinds.items() if v}
    subjects = dict(sorted(subjects.items(), key=lambda kv: (not kv[0], subject_ar(kv[0]))))
    years = dict(sorted(years.items(), key=lambda kv: (not kv[0], kv[0])))

    for kind, listed in kinds.items():
        _list_pages(site, kind_url(kind), f"المتن: {kind_ar(kind)}", listed)
    for subject, listed in subjects.items():
        _list_pages(
            site, subject_url(subject), f"المتن: {subject_ar(subject)}", listed, "الموضوع هو مجلد النص في بوابة عدالة."
        )
    for year, listed in years.items():
        _list_pages(site, year_url(year), f"المتن: نصوص سنة {year}" if year else "المتن: نصوص بلا سنة", listed)
    _list_pages(site, NUMBER_URL, "المتن حسب الرقم", by_number)

    def year_name(year: str) -> str:
        return year or "بلا سنة"

    decades: dict[str, dict[str, list[Work]]] = {}
    for year, listed in years.items():
        decades.setdefault(year[:3] + "0" if year else "", {})[year] = listed
    parts = [breadcrumbs([(CORPUS_URL, "المتن الكامل")], YEARS_URL), heading(1, "المتن حسب السنة")]
    for decade, group in decades.items():
        parts.append(elem("h2", decade + "–" + decade[:3] + "9" if decade else "بلا سنة"))
        parts.append(_counts(group, year_url, year_name, YEARS_URL))
    site.add(SitePage(page_path(YEARS_URL), YEARS_URL, "المتن حسب السنة", "\n\n".join(parts) + "\n", search=False))

    articles = sum(len(w.latest.articles()) for w in works)
    url = CORPUS_URL
    out = [
        heading(1, "المتن الكامل: نصوص بوابة عدالة"),
        elem(
            "p",
            f"{len(works)} نصا ({articles} مادة) من بوابة عدالة (وزارة العدل): ظهائر وقوانين ومراسيم وقرارات "
            "واتفاقيات، مستوردة آليا بـ lawtool. لكل نص صفحاته، وروابط إلى النصوص التي يحيل إليها، وقائمة النصوص "
            "التي تحيل إليه. النص المنشور في الجريدة الرسمية هو وحده المرجع.",
        ),
        elem("p", link(url, NUMBER_URL, "كل النصوص حسب الرقم"), " — ", link(url, YEARS_URL, "حسب السنة")),
        elem("h2", "حسب النوع", id="kinds"),
        _counts(kinds, kind_url, kind_ar, url),
        elem("h2", "حسب الموضوع", id="subjects"),
        elem("p", "الموضوع هو مجلد النص في بوابة عدالة."),
        _counts(subjects, subject_url, subject_ar, url),
        elem("h2", "حسب السنة", id="years"),
        _years_line(years, url),
    ]
    site.add(SitePage(page_path(url), url, "المتن الكامل", "\n\n".join(p for p in out if p) + "\n", search=False))
