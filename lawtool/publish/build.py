"""``lawtool publish``: the corpus → Markdown pages and files → mkdocs-material → a static site.

Steps, each timed (``PublishResult.timings``):

1. ``index``   read every expression of law/ and bills/ (and, with ``corpus``, every text of a corpus
               build folder, its citations marked: lawtool.publish.corpus) and plan its pages
               (lawtool.publish.index);
2. ``pages``   write the pages in memory: documents, bill timeline, diffs, comparison, amendments,
               reports, home; the downloads (XML, DOCX, Atom feed, SVG charts, corpus zip);
3. ``write``   put them in the generated ``docs_dir`` (mkdocs.yml's, git-ignored);
4. ``mkdocs``  build the site with mkdocs-material in strict mode (a warning fails the build);
5. ``nowrap``  keep the dates and identifiers of every built page on one line (lawtool.publish.nowrap);
6. ``search``  the Pagefind index (lawtool.publish.search);
7. ``links``   check every internal link and anchor of the built HTML (lawtool.publish.links).

Nothing here prints: progress goes to the ``progress`` callback (messages) and the ``count`` callback
(``count(step, done, total)`` through the long steps: texts read, pages made and written, pages
built by mkdocs, search records, pages checked).
"""

from __future__ import annotations

import io
import logging
import os
import re
import shutil
import time
import zipfile
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import cast

from ..akn import without_foreign
from ..corpus import Corpus, cached
from ..diff.compare import render_comparison
from ..diff.render import render
from ..errors import LawtoolError
from ..htmlbuild import concat, elem, esc
from ..outputs import MARKER, MARKER_TEXT, Lock, check_replaceable, inside, new_folder_beside, regular_files, swap_in
from ..recipes import build_one, resolve_source
from .amendments import STATUS_AR, amendment_url, bill_amendments
from .bills import (
    BillData,
    amendments_pages,
    compare_page,
    compare_url,
    compared_articles,
    compute_diffs,
    diff_page,
    diff_pairs,
    diff_url,
    projection_pages,
    summary_text,
    timeline_html,
)
from .browse import browse_pages
from .charts import changes_per_chapter, coverage_matrix
from .corpus import CORPUS_URL
from .csp import check_pages
from .csp import policy as csp_policy
from .feed import atom_feed
from .home import ABOUT_URL, DOWNLOADS_URL, downloads_page, search_page, static_page
from .html import link
from .index import Count, Progress, SiteIndex, site_index
from .links import check_site
from .nowrap import keep_together_in
from .pages import Site, expression_pages, page_path, repairs_page, work_page
from .reports import GAPS_URL, PENALTIES_URL, gaps_page, load_reports, penalties_page, penalty_index
from .search import records, write_index
from .wording import arabic_parts

LOCK_WAIT = 120.0  # seconds a publish waits for another one of the same checkout
PROTECTED = {"law", "bills", "site", "docs", "lawtool", "tests", "reports", "bench", ".git", ".venv"}
FONT_PACKAGE = "fontpkg_noto_sans_arabic"
SYSTEM_FONTS = (
    Path("/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf"),
    Path("/usr/share/fonts/truetype/noto/NotoNaskhArabic-Bold.ttf"),
)


@dataclass
class PublishResult:
    site_dir: Path
    docs_dir: Path
    pages: int
    timings: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    search_index_bytes: int = 0
    details: dict[str, float] = field(default_factory=dict)  # parts of the steps (the corpus folder's, in index)

    @property
    def lawtool_seconds(self) -> float:
        return sum(v for k, v in self.timings.items() if k != "mkdocs")


def _step(timings: dict, name: str, start: float) -> float:
    now = time.perf_counter()
    timings[name] = timings.get(name, 0.0) + now - start
    return now


# -- the site in memory ------------------------------------------------------------------------------------


def make_site(index: SiteIndex, progress: Progress | None = None, count: Count | None = None) -> Site:
    """Every page and file of the site (see the module docstring, step 2)."""
    say = progress or (lambda message: None)
    root = index.root
    site = Site()
    data = BillData()
    gaps, penalties, reports_note = load_reports(root)
    _document_pages(index, site, say, count)
    docx_downloads = _bill_pages(index, site, data, penalty_index(penalties), say)
    for work in index.works.values():
        work_page(index, work, site, _work_extra(work, data))
    browse_pages(index, site)
    # reports
    if gaps is not None:
        gaps_page(index, site, gaps, reports_note)
        site.files["assets/charts/coverage.svg"] = _coverage_svg(index, gaps)
    else:
        site.notes.append(f"gap report: {reports_note}")
    if penalties is not None:
        penalties_page(index, site, penalties, reports_note)
    say("downloads: feed, charts, corpus zip")
    downloads_page(site, index, data, _downloads(index, site, data, docx_downloads, with_coverage=gaps is not None))
    # home, about, other languages
    sources = root / "site"
    static_page(site, index, data, sources / "home.md", "", "الرئيسية")
    static_page(site, index, data, sources / "about.md", ABOUT_URL, "حول الموقع")
    static_page(site, index, data, sources / "fr.md", "fr/", "بالفرنسية")
    static_page(site, index, data, sources / "en.md", "en/", "بالإنجليزية")
    search_page(site)
    site.nav = _nav(index, site, data)
    return site


def _document_pages(index: SiteIndex, site: Site, say: Progress, count: Count | None) -> None:
    """The pages of every expression, its XML download, and the repairs page of each law."""
    total = len(index.expressions)
    done = 0
    for work in index.works.values():
        for expression in work.expressions:
            done += 1
            if count:
                count("texts made into pages", done, total)
            if expression.kind != "corpus":
                say(f"pages of {expression.expression_uri} ({len(expression.pages)} pages)")
            expression_pages(index, expression, site)
            _xml_download(site, expression)
            if expression.kind == "law":
                report, why = _import_report(index, expression)
                repairs_page(index, expression, site, report, why)


def _xml_download(site: Site, expression) -> None:
    """The XML download, written again from the parsed document without foreign markup (an XHTML
    <script> would run in a browser opening the .xml)."""
    xml, dropped = without_foreign(expression.document.tree)
    site.files[expression.xml_url] = xml
    if dropped:
        site.notes.append(
            f"warning: {expression.path}: left out of the XML download ({len(dropped)}): "
            + "; ".join(dropped[:5])
            + (" ..." if len(dropped) > 5 else "")
        )


def _bill_pages(
    index: SiteIndex, site: Site, data: BillData, pen_index: dict, say: Progress
) -> list[tuple[str, str, str]]:
    """The pages of each bill: diffs, comparison with the law in force, amendments, projections;
    returns the DOCX downloads made on the way (URL, file name, label)."""
    docx_downloads: list[tuple[str, str, str]] = []
    for work in index.bills():
        say(f"comparing the versions of {work.uri}")
        compute_diffs(work, data)
        for old, new in diff_pairs(work):
            result = data.diffs[(old.expression_uri, new.expression_uri)]
            docx_url = _diff_docx(site, work, old, new, result)
            if docx_url:
                docx_downloads.append(
                    (docx_url, docx_url.rsplit("/", 1)[-1], f"الجدول المقارن {old.when} ← {new.when}")
                )
            diff_page(index, work, old, new, result, site, docx_url)
        for expression in work.expressions:
            items = compared_articles(index, expression)
            data.comparisons[expression.expression_uri] = items
            docx_urls = _compare_docx(site, expression, items)
            for docx_url, law_title in docx_urls:
                docx_downloads.append(
                    (
                        docx_url,
                        docx_url.rsplit("/", 1)[-1],
                        f"المقارنة بالنص الساري: {law_title} | الصيغة {expression.when}",
                    )
                )
            compare_page(index, work, expression, items, site, pen_index, docx_urls)
        amendments_pages(index, work, site)
        data.projections[work.uri] = projection_pages(index, work, site)
    return docx_downloads


def _work_extra(work, data: BillData) -> str:
    """What a work's page shows below its versions: a bill's timeline and the laws it projects."""
    timeline = timeline_html(work, data, work.url) if work.kind == "bill" else None
    projected = data.projections.get(work.uri) or []
    if not projected:
        return timeline or ""
    items = [elem("li", link(work.url, url, label)) for url, label in projected]
    return concat(timeline, "\n", elem("h2", "القوانين كما سيتركها المقترح (إسقاط)"), "\n", elem("ul", items), "\n")


def _downloads(
    index: SiteIndex, site: Site, data: BillData, docx_downloads: list, *, with_coverage: bool
) -> list[tuple[str, str, str]]:
    """The files of the downloads page (URL, file name, label), written into the site on the way:
    the DOCX tables, the feed, the charts, the corpus zip."""
    downloads = list(docx_downloads)
    site.files["feed.xml"] = _feed(index, data)
    downloads.append(("feed.xml", "feed.xml", "تغذية Atom لصيغ مقترحات القوانين"))
    for work in index.bills():
        name = f"assets/charts/{work.uri.strip('/').replace('/', '-')}-changes.svg"
        site.files[name] = _changes_svg(work, data)
        downloads.append((name, name.rsplit("/", 1)[-1], f"رسم: المواد المتغيرة في كل باب بين صيغ {work.title}"))
    if with_coverage:
        downloads.append(("assets/charts/coverage.svg", "coverage.svg", "رسم: مصفوفة تغطية المفاهيم"))
    site.files["downloads/lawtool-corpus.zip"] = corpus_zip(
        index.root, lambda message: site.notes.append(f"warning: corpus zip: {message}")
    )
    downloads.append(("downloads/lawtool-corpus.zip", "lawtool-corpus.zip", "المتن كاملا: law/ و bills/ و reports/"))
    return downloads


def _import_report(index: SiteIndex, expression) -> tuple[dict | None, str]:
    """The import report of a law, made again from its source (the source text may be absent
    from a plain copy of the repository: then say so)."""
    if not expression.spec or expression.yaml_path is None:
        return None, "لا يوجد ملف import.yaml لهذا النص."

    source = resolve_source(index.root, expression.yaml_path, expression.spec.get("source", ""))
    if not source.is_file():
        return None, (
            f"نص المصدر ({expression.spec.get('source')}) غير موجود في هذه النسخة، فلا يمكن إعادة "
            "إنتاج تقرير الاستيراد."
        )
    return _cached_import_report(index.root, expression, source), ""


def _cached_import_report(root: Path, expression, source: Path) -> dict:
    """Re-importing the large codes takes seconds: the report is cached (lawtool.corpus.cached),
    keyed on the source text, the import.yaml and lawtool's code."""

    def make() -> dict:
        _, _, report = build_one(root, expression.yaml_path, expression.spec)
        return {
            "uncertain": [dict(item) if isinstance(item, dict) else item for item in report.uncertain],
            "repairs": dict(report.repairs),
        }

    name = "import-" + expression.expression_uri.strip("/").replace("/", "-").replace("@", "-")
    return cached(root, name, [source, expression.yaml_path], make)


def _diff_docx(site: Site, work, old, new, result) -> str:

    data = render(result, "docx")
    url = f"downloads/{work.uri.strip('/').replace('/', '-')}-diff-{old.date}_{new.date}.docx"
    assert isinstance(data, bytes)  # docx is the one binary format
    site.files[url] = data
    return url


def _compare_docx(site: Site, expression, items) -> list[tuple[str, str]]:
    """The diff stage's DOCX of each comparison (law in force | bill | changes); (URL, law title) each."""

    made = []
    for item in items:
        try:
            data = render_comparison(item.comparison, "docx")
        except LawtoolError as exc:
            site.notes.append(f"DOCX comparison of {expression.expression_uri} with {item.law.expression_uri}: {exc}")
            continue
        name = "-".join(
            x.strip("/").replace("/", "-").replace("@", "-") for x in (expression.expression_uri, item.law.work_uri)
        )
        url = f"downloads/{name}-compare.docx"
        site.files[url] = data
        made.append((url, item.law.title))
    return made


def _feed(index: SiteIndex, data: BillData) -> bytes:
    entries = []
    for work in index.bills():
        previous = None
        for e in work.expressions:
            summary = (
                "الصيغة الأولى"
                if previous is None
                else "مقارنة بالصيغة السابقة: " + summary_text(data.diffs[(previous.expression_uri, e.expression_uri)])
            )
            summary += " — نص عمل كتب لمشروع lawtool، وليس نص الجمعية."
            entries.append(
                {
                    "uri": e.expression_uri,
                    "title": f"{e.title} — صيغة {e.date}",
                    "date": e.date,
                    "href": e.url,
                    "xml_href": e.xml_url,
                    "summary": summary,
                }
            )
            previous = e
        entries.extend(_amendment_entries(index, work))
    return atom_feed(entries, title="lawtool — صيغ مقترحات القوانين وتعديلاتها", feed_id="/feed/bills")


def _amendment_entries(index: SiteIndex, work) -> list[dict]:
    """A feed entry for each amendment of a bill (its id, title, status and proposer)."""

    entries = []
    for a in bill_amendments(index, work):
        title = arabic_parts(a.title or "")
        entries.append(
            {
                "uri": a.expression_uri,
                "date": str(a.date),
                "href": amendment_url(work, a.id),
                "title": f"تعديل {a.id} على {work.title}" + (f": {title}" if title else ""),
                "summary": f"{STATUS_AR.get(a.status, a.status)} — {arabic_parts(a.proposer)}"
                + (" — مثال صنع لمشروع lawtool" if a.example else ""),
            }
        )
    return entries


def _changes_svg(work, data: BillData) -> bytes:
    series = []
    for old, new in pairwise(work.expressions):
        result = data.diffs[(old.expression_uri, new.expression_uri)]
        counts: dict[str, int] = {}
        for change in result.changes(containers=False):
            unit = change.new[0] if change.new else change.old[0]
            chapter = unit.parent.describe() if unit.parent is not None else "خارج الأبواب"
            counts[chapter] = counts.get(chapter, 0) + 1
        ordered = {}
        for change in result.articles:
            unit = change.new[0] if change.new else change.old[0]
            chapter = unit.parent.describe() if unit.parent is not None else "خارج الأبواب"
            if chapter in counts and chapter not in ordered:
                ordered[chapter] = counts[chapter]
        series.append((f"{old.when} ← {new.when}", ordered))
    return changes_per_chapter(series, f"المواد المتغيرة في كل باب: {work.title}")


def _coverage_svg(index: SiteIndex, gaps: dict) -> bytes:
    documents = [d["document"] for d in gaps.get("documents", [])]
    columns = []
    for uri in documents:
        e = index.expression(uri)
        columns.append(f"{uri.split('/')[4]} {e.when}" if e else uri)
    rows = [
        (
            row.get("label") or row.get("concept") or "",
            [((row.get("documents") or {}).get(d) or {}).get("status", "missing") for d in documents],
        )
        for row in gaps.get("coverage", [])
    ]
    return coverage_matrix(rows, columns, "تغطية المفاهيم في النصوص")


def corpus_zip(root: Path, warn=None) -> bytes:
    """law/, bills/ and reports/ in one zip; the same files give the same bytes (fixed dates).  Only
    regular files inside the repository go in: a symbolic link (to /etc/hostname, to .git/config, to
    a folder) is never followed; it is skipped and reported through ``warn``."""
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "315532800"))
    stamp = time.gmtime(max(epoch, 315532800))[:6]
    buffer = io.BytesIO()
    base = root.resolve()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for top in ("law", "bills", "reports"):
            for path in regular_files(root / top, warn):
                if "__pycache__" in path.parts or not path.resolve().is_relative_to(base):
                    continue
                info = zipfile.ZipInfo(f"lawtool-corpus/{path.relative_to(root).as_posix()}", stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


def _nav(index: SiteIndex, site: Site, data: BillData) -> list:
    def entry(title: str, url: str):
        return {esc(title): page_path(url)}

    laws = []
    for work in index.laws():
        items = [page_path(work.url)]
        for e in reversed(work.expressions):  # the expression page only: its articles are reached from it
            items.append(entry(f"صيغة {e.date}", e.url))
        laws.append({esc(work.title): items})
    bills = []
    for work in index.bills():
        items = [page_path(work.url)]
        for e in reversed(work.expressions):
            items.append(entry(f"صيغة {e.when}", e.url))
        for old, new in diff_pairs(work):
            items.append(entry(f"مقارنة {old.when} ← {new.when}", diff_url(work, old, new)))
        items.append(entry("المقارنة بالنص الساري", compare_url(work.latest)))
        items.append(entry("التعديلات", f"{work.url}amendments/"))
        bills.append({esc(work.title): items})
    reports = [
        entry(p.title, p.url)
        for p in (site.pages.get(page_path(GAPS_URL)), site.pages.get(page_path(PENALTIES_URL)))
        if p is not None
    ]
    nav = [entry("الرئيسية", "")]
    if laws:
        nav.append({"القوانين السارية": laws})
    if bills:
        nav.append({"مقترحات القوانين": bills})
    nav += reports
    if index.corpus_works():  # the corpus's first page only: never its thousands of texts
        nav.append(entry("المتن الكامل", CORPUS_URL))
    nav += [
        entry("التنزيلات", DOWNLOADS_URL),
        entry("حول الموقع", ABOUT_URL),
        entry("بالفرنسية", "fr/"),
        entry("بالإنجليزية", "en/"),
    ]
    return nav


# -- writing and building ---------------------------------------------------------------------------------


def read_mkdocs_config(root: Path) -> dict:
    """mkdocs.yml as plain data (tags such as ``!!python/name`` are read as None)."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    path = root / "mkdocs.yml"
    if not path.is_file():
        raise LawtoolError("no mkdocs.yml", path=str(path), hint="run lawtool publish from the repository root")
    return yaml.load(path.read_text(encoding="utf-8"), Loader=Loader) or {}


def _check_folder(root: Path, folder: Path, what: str) -> None:
    """A folder lawtool may replace: not the repository or one of its source folders, and missing,
    empty or made by lawtool (it holds lawtool's marker, lawtool.outputs.MARKER)."""
    resolved = folder.resolve()
    root = root.resolve()
    if (
        resolved == root
        or resolved in root.parents
        or (resolved.is_relative_to(root) and resolved.relative_to(root).parts[0] in PROTECTED)
    ):
        raise LawtoolError(
            f"refusing to use {folder} as the {what}: it holds the repository's sources",
            hint="set another folder in mkdocs.yml or with --out",
        )
    check_replaceable(folder, what)


def _prepare_dir(root: Path, folder: Path, what: str) -> None:
    """Empty a generated folder (lawtool's own: see _check_folder) and mark it as lawtool's."""
    _check_folder(root, folder, what)
    resolved = folder.resolve()
    if resolved.exists():
        shutil.rmtree(resolved)
    resolved.mkdir(parents=True)
    (resolved / MARKER).write_text(MARKER_TEXT, encoding="utf-8")


def write_docs(root: Path, site: Site, docs_dir: Path, count: Count | None = None) -> None:
    """The pages and files into ``docs_dir``: every path is checked (lawtool.outputs.inside) to be made
    of safe parts and to stay inside it; only regular files of site/ are copied (no link followed)."""
    _prepare_dir(root, docs_dir, "generated docs_dir")
    for k, page in enumerate(site.pages.values(), 1):
        target = inside(docs_dir, page.path, what="page path")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown(), encoding="utf-8")
        if count:
            count("pages written", k, len(site.pages))
    for name, data in site.files.items():
        target = inside(docs_dir, name, what="file path")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    sources = root / "site"
    for folder in ("stylesheets", "javascripts", "images"):
        for path in regular_files(sources / folder, site.notes.append):
            target = inside(docs_dir, path.relative_to(sources).as_posix(), what="file path")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    used = set("".join(page.title + page.body for page in site.pages.values()))
    site.notes.extend(_install_font(docs_dir, used))


def _drop_unused_theme_files(site_dir: Path) -> None:
    """Material copies its lunr search (its language files and worker) and the source map of its bundle
    into every site; lawtool's site does not use them (its search is Pagefind's): 2 MB less."""
    scripts = site_dir / "assets" / "javascripts"
    for folder in ("lunr", "workers"):
        shutil.rmtree(scripts / folder, ignore_errors=True)
    for path in scripts.glob("*.map"):
        path.unlink()


# Always in the font: printable ASCII, the Arabic letters, marks and digits, Arabic punctuation (the
# theme's own Arabic strings use no other characters).
ALWAYS_GLYPHS = {chr(c) for c in range(0x20, 0x7F)} | {chr(c) for c in range(0x0621, 0x0670)} | set("،؛؟«»–—…")


def _subset_font(source: Path, target: Path, used: AbstractSet[str]) -> None:
    """``source`` cut down to the glyphs of ``used`` (and :data:`ALWAYS_GLYPHS`), with the Arabic shaping
    rules kept (initial, medial, final forms, ligatures), a variable font limited to the normal width
    and the weights 400 to 700 the site uses, written as WOFF2 (fontTools, brotli): 845 KB → 31 KB."""
    from fontTools import subset
    from fontTools.varLib import instancer

    options = subset.Options()
    options.layout_features = ["*"]
    options.notdef_outline = True
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(c) for c in used | ALWAYS_GLYPHS))
    subsetter.subset(font)
    if "fvar" in font:
        axes = {axis.axisTag for axis in font["fvar"].axes}
        limits = {tag: value for tag, value in (("wdth", 100), ("wght", (400, 700))) if tag in axes}
        font = instancer.instantiateVariableFont(font, limits)
    font.flavor = "woff2"
    font.save(str(target))


def _install_font(docs_dir: Path, used: AbstractSet[str] = frozenset()) -> list[str]:
    """An Arabic font for the site, subset to the characters of its pages (``used``) and written as WOFF2,
    and its @font-face rules (assets/fonts/fonts.css)."""
    fonts = docs_dir / "assets" / "fonts"
    fonts.mkdir(parents=True, exist_ok=True)
    rules = []
    notes = []
    try:
        import importlib

        package = importlib.import_module(FONT_PACKAGE)
        files = sorted((Path(package.ROOT) / "files").glob("*.ttf"))
    except ModuleNotFoundError:
        files = []
    if files:
        _subset_font(files[0], fonts / "lawtool-arabic.woff2", used)
        licence = Path(package.ROOT) / "LICENSE"
        if licence.is_file():
            shutil.copyfile(licence, fonts / "LICENSE-OFL.txt")
        rules.append(
            '@font-face{font-family:"Lawtool Arabic";src:url("lawtool-arabic.woff2") format("woff2");'
            "font-weight:400 700;font-style:normal;font-display:swap}"
        )
    elif all(p.is_file() for p in SYSTEM_FONTS):
        for p, weight in zip(SYSTEM_FONTS, (400, 700), strict=False):
            _subset_font(p, fonts / f"lawtool-arabic-{weight}.woff2", used)
            rules.append(
                f'@font-face{{font-family:"Lawtool Arabic";src:url("lawtool-arabic-{weight}.woff2") '
                f'format("woff2");font-weight:{weight};font-style:normal;font-display:swap}}'
            )
    else:
        notes.append(
            f"no Arabic font found (pip package {FONT_PACKAGE.replace('_', '-')} or Debian's fonts-noto-core): "
            "the site uses the reader's fonts"
        )
    (fonts / "fonts.css").write_text("\n".join(rules) + "\n", encoding="utf-8")
    return notes


class _Collect(logging.Handler):
    def __init__(self, progress: Progress | None):
        super().__init__(logging.DEBUG)
        self.progress = progress
        self.warnings: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if record.levelno >= logging.WARNING:
            self.warnings.append(message)
        if self.progress and record.levelno >= logging.INFO:
            self.progress(f"mkdocs: {message.splitlines()[0] if message else ''}")


class _Pages:
    """An mkdocs plugin made here (not installed) that counts the pages built, for ``count``."""

    def __init__(self, count: Count, total: int):
        self.count, self.total, self.done = count, total, 0

    def on_post_page(self, output, **kwargs):
        self.done += 1
        self.count("pages built by mkdocs", min(self.done, self.total), self.total)
        return output


# Block-level tags that open a raw HTML block in Python-Markdown (its own list, less those that can hold
# Markdown: none of lawtool's blocks do).
_BLOCK_TAGS = (
    "address",
    "article",
    "aside",
    "blockquote",
    "details",
    "div",
    "dl",
    "fieldset",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "ul",
)
_BLOCK = re.compile(r"<(" + "|".join(_BLOCK_TAGS) + r")[\s>]")


class _RawHtml:
    """An mkdocs plugin made here: the raw HTML blocks of lawtool's pages (article texts, tables,
    lists of links: most of each page) are set aside before Markdown reads the page and put back in the
    HTML it makes.  Python-Markdown would parse every one of them with its HTML parser only to copy it
    through unchanged: that took about a third of mkdocs's time.  A block set aside is a paragraph of
    lawtool's Markdown (between blank lines) that starts with a block-level tag and ends with its
    closing tag; the headings (Markdown, with their ids for the table of contents) are left to Markdown."""

    def __init__(self):
        self.blocks: dict[str, dict[str, str]] = {}

    def on_page_markdown(self, markdown, page, **kwargs):
        kept: dict[str, str] = {}
        parts = markdown.split("\n\n")
        for k, part in enumerate(parts):
            block = part.strip("\n")
            m = _BLOCK.match(block)
            if m and block.endswith(f"</{m.group(1)}>") and "\n\n" not in block:
                token = f"LTRAWHTML{len(kept)}X"
                kept[token] = block
                parts[k] = token
        self.blocks[page.file.src_uri] = kept
        return "\n\n".join(parts)

    def on_page_content(self, html, page, **kwargs):
        kept = self.blocks.pop(page.file.src_uri, {})
        if not kept:
            return html
        return re.sub(r"<p>(LTRAWHTML\d+X)</p>", lambda m: kept.get(m.group(1), m.group(0)), html)


def run_mkdocs(
    root: Path,
    docs_dir: Path,
    site_dir: Path,
    nav: list,
    progress: Progress | None = None,
    count: Count | None = None,
    pages: int = 0,
) -> None:
    """Build with mkdocs-material in strict mode; a warning (broken Markdown link, missing
    page ...) raises LawtoolError listing them.  ``count`` follows the ``pages`` pages."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError
    from mkdocs.plugins import BasePlugin

    handler = _Collect(progress)
    logger = logging.getLogger("mkdocs")
    old_level, old_propagate = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    cwd = os.getcwd()
    try:
        os.chdir(root)
        config = load_config(
            config_file=str(root / "mkdocs.yml"), docs_dir=str(docs_dir), site_dir=str(site_dir), nav=nav, strict=True
        )
        config.extra["lawtool_csp"] = csp_policy()  # printed in every page by site/overrides/main.html
        if os.environ.get("LAWTOOL_MARKDOWN_RAW") != "1":  # (=1: let Markdown parse every block, to compare)
            config.plugins["lawtool-raw-html"] = cast("BasePlugin", _RawHtml())
        if count and pages:
            config.plugins["lawtool-progress"] = cast("BasePlugin", _Pages(count, pages))
        build(config)
    except (Abort, ConfigurationError) as exc:
        detail = "; ".join(handler.warnings[:10]) or str(exc)
        raise LawtoolError(
            f"the mkdocs build failed in strict mode: {detail}",
            path="mkdocs.yml",
            hint="fix the pages or mkdocs.yml (every warning fails the build)",
        ) from None
    finally:
        os.chdir(cwd)
        logger.removeHandler(handler)
        logger.setLevel(old_level)
        logger.propagate = old_propagate


def publish(
    root: str | Path = ".",
    out: str | Path | None = None,
    *,
    progress: Progress | None = None,
    check_links: bool = True,
    docs_dir: str | Path | None = None,
    lock_wait: float = LOCK_WAIT,
    corpus: str | Path | None = None,
    count: Count | None = None,
) -> PublishResult:
    """Index the corpus of ``root``, write the pages into ``docs_dir`` (else mkdocs.yml's) and
    build the site into ``out`` (else mkdocs.yml's ``site_dir``).  Raises LawtoolError when the
    build or the link check fails.

    ``corpus``: a folder made by ``lawtool corpus import-all`` (build/corpus), whose texts are
    published too, with browse pages (lawtool.publish.corpus, lawtool.publish.browse); by default
    only law/ and bills/.  ``progress`` receives messages, ``count(step, done, total)`` the advance
    of the long steps; nothing is printed.

    The site is built in a new folder beside ``out`` and renamed into its place only when the build
    and the link check succeeded: a failed run leaves the old site whole.  Only a folder lawtool
    made (holding lawtool.outputs.MARKER) is replaced; any other non-empty folder is refused.  One
    run at a time per checkout (a lock in build/), a second one waits ``lock_wait`` seconds at most."""
    root = Path(root).resolve()
    say = progress or (lambda message: None)
    timings: dict[str, float] = {}
    config = read_mkdocs_config(root)
    docs_dir = Path(docs_dir).resolve() if docs_dir else (root / str(config.get("docs_dir") or "build/site")).resolve()
    site_dir = Path(out).resolve() if out else (root / str(config.get("site_dir") or "public")).resolve()
    for folder in ("law", "bills"):
        if not (root / folder).is_dir():
            raise LawtoolError(f"no {folder}/ folder in {root}", hint="run lawtool publish from the repository root")
    if site_dir.is_relative_to(docs_dir) or docs_dir.is_relative_to(site_dir):
        raise LawtoolError(
            f"the site folder {site_dir} and the generated docs_dir {docs_dir} overlap",
            hint="give --out a folder outside docs_dir",
        )
    _check_folder(root, site_dir, "site folder")
    _check_folder(root, docs_dir, "generated docs_dir")
    if corpus is not None:
        corpus = Path(corpus)
        if not (corpus / "report.json").is_file():
            raise LawtoolError(
                f"{corpus} is not a corpus build folder (it has no report.json)",
                hint="give the folder lawtool corpus import-all wrote (make corpus-all: build/corpus)",
            )
    with Lock(
        root / "build" / "publish.lock", wait=lock_wait, what="another lawtool publish of this checkout", on_wait=say
    ):
        start = time.perf_counter()
        say("indexing the corpus")
        index = site_index(Corpus(root, corpus), say, count)
        start = _step(timings, "index", start)
        details = {f"index: {k}": v for k, v in index.timings.items()}  # parts of "index", not added to it
        site = make_site(index, say, count)
        search_records = records(index)
        start = _step(timings, "pages", start)
        say(f"writing {len(site.pages)} pages and {len(site.files)} files to {docs_dir}")
        write_docs(root, site, docs_dir, count)
        start = _step(timings, "write", start)
        say("building the site with mkdocs-material (strict)")
        _check_folder(root, site_dir, "site folder")
        fresh = new_folder_beside(site_dir)
        try:
            run_mkdocs(root, docs_dir, fresh, site.nav, progress, count, len(site.pages))
            _drop_unused_theme_files(fresh)
            start = _step(timings, "mkdocs", start)
            keep_together_in(fresh)  # dates and identifiers on one line (lawtool.publish.nowrap)
            start = _step(timings, "nowrap", start)
            say(f"writing the search index of {len(search_records)} records (Pagefind)")
            search_bytes = write_index(search_records, fresh, count)
            start = _step(timings, "search", start)
            unsafe = check_pages(fresh)
            if unsafe:
                raise LawtoolError(
                    f"{len(unsafe)} page(s) break the Content-Security-Policy: " + "; ".join(unsafe[:5]),
                    path=str(site_dir),
                    hint="check site/overrides and lawtool/publish/csp.py "
                    "(a new mkdocs-material version may add inline scripts)",
                )
            if check_links:
                say("checking the links of the built site")
                broken = check_site(fresh, count=count)
                _step(timings, "links", start)
                if broken:
                    listed = "; ".join(str(b) for b in broken[:8])
                    raise LawtoolError(
                        f"{len(broken)} broken link(s) in the built site: {listed}",
                        path=str(site_dir),
                        hint="fix the page writers (lawtool/publish) or the site sources (site/)",
                    )
            _check_folder(root, site_dir, "site folder")
            swap_in(fresh, site_dir)
        except BaseException:
            shutil.rmtree(fresh, ignore_errors=True)
            raise
    return PublishResult(site_dir, docs_dir, len(site.pages), timings, site.notes, search_bytes, details)


def serve(site_dir: str | Path, port: int = 8000, host: str = "127.0.0.1"):
    """An HTTP server for the built site (call ``serve_forever()``; ``shutdown()`` to stop)."""
    import functools
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format, *args):  # noqa: A002 - the base class's signature
            pass

    handler = functools.partial(Quiet, directory=str(site_dir))
    return ThreadingHTTPServer((host, port), handler)
