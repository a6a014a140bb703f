"""``lawtool publish --corpus``: a sample of 30 Adala texts, some citing each other, imported with
``lawtool corpus import-all`` and published beside law/ and bills/ (the whole corpus is a benchmark,
``make site-corpus``, not a test)."""

from __future__ import annotations

import functools
import json
import os
import posixpath
import re
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import html as lxml_html
from publish_support import REPO, corpus_site
from test_publish_site import _english_words

from lawtool.corpus import subject_of, year_of
from lawtool.publish import check_site
from lawtool.publish.browse import year_url
from lawtool.publish.corpus import kind_ar, subject_ar

SHARED = Path(os.environ.get("LAWTOOL_SHARED", REPO.parent / "shared"))
CORPUS = SHARED / "sources/adala/corpus"
# A law on food safety (28.07) and decrees that apply it; a dahir on maritime fishing and a decree
# citing it; law 01.00 (100 articles: short pages) and a decree citing it; the health emergency texts;
# a treaty, orders, dahirs, texts of no known kind; two files of the same decree (published once)
SAMPLE = [
    "food-safety-268",
    "food-safety-5184",
    "food-safety-4955",
    "food-safety-4552",
    "food-safety-4901",
    "food-safety-4805",
    "criminal-100",
    "health-social-6383",
    "food-safety-6491",
    "food-safety-6529",
    "health-emergency-502",
    "health-emergency-503",
    "health-emergency-4429",
    "health-emergency-6757",
    "maritime-fishing-321",
    "maritime-fishing-5019",
    "labor-359",
    "health-social-4966",
    "administrative-4902",
    "agriculture-6486",
    "adoul-5056",
    "adoul-6055",
    "administrative-3858",
    "administrative-3416",
    "administrative-6036",
    "administrative-113",
    "administrative-8357",
    "education-211",
    "education-6371",
]
# Law 103.13 as Adala has it (the source of law/'s text), under its Adala name: its work is in law/
DUPLICATE = ("ma-adala-criminal-95.txt", SHARED / "sources/adala/law-103-13.ar.txt")

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared Adala corpus is not here")


@functools.cache
def built() -> tuple[Path, Path, list[str]]:
    """(site, corpus build folder, progress messages): the sample imported, then published."""
    sources = {f"ma-adala-{name}.txt": CORPUS / f"ma-adala-{name}.txt" for name in SAMPLE}
    sources[DUPLICATE[0]] = DUPLICATE[1]
    messages: list[str] = []
    counts: dict[str, tuple[int, int]] = {}
    site, out = corpus_site(
        sources,
        "lawtool-corpus-site-",
        progress=messages.append,
        count=lambda step, done, total: counts.__setitem__(step, (done, total)),
    )
    messages += [f"count {step} {done}/{total}" for step, (done, total) in counts.items()]
    return site, out, messages


def _texts() -> list[dict]:
    _, out, _ = built()
    return [t for t in json.loads((out / "report.json").read_text(encoding="utf-8"))["texts"] if t.get("output")]


def _tree(path: Path):
    return lxml_html.fromstring(path.read_bytes())


def _page(site: Path, uri: str) -> Path:
    return site / uri.strip("/") / "index.html"


def _links(page: Path, site: Path) -> set[str]:
    """The site-relative targets (folder URLs, no anchor) of the links of ``page``."""
    base = posixpath.dirname(page.relative_to(site).as_posix())
    out = set()
    for href in _tree(page).xpath("//a/@href"):
        if "://" in href or href.startswith(("#", "mailto:")):
            continue
        path = posixpath.normpath(posixpath.join(base, href.split("#")[0]))
        out.add(path.rstrip("/") + "/")
    return out


def _published() -> list[dict]:
    """The sample's texts the site publishes: not the one whose work is in law/, one file per expression."""
    seen, out = set(), []
    for t in _texts():
        if t["frbr_uri"].startswith("/akn/ma/act/2018/103-13/") or t["frbr_uri"] in seen:
            continue
        seen.add(t["frbr_uri"])
        out.append(t)
    return out


def test_every_sample_text_has_its_pages_and_work_page():
    site, _, _ = built()
    texts = _published()
    assert len(texts) >= 25
    for t in texts:
        page = _page(site, t["frbr_uri"])
        assert page.is_file(), t["file"]
        work = _page(site, t["frbr_uri"].rsplit("/", 1)[0])
        assert work.is_file(), t["file"]
    # law 01.00 (100 articles) is cut into short pages of at most 10 articles, each with its permalinks
    law = site / "akn/ma/act/2000/01-00"
    pages = [p for p in law.rglob("index.html") if p.parent.name.startswith("art_")]
    assert len(pages) >= 10
    for p in pages:
        assert 1 <= len(_tree(p).xpath("//*[contains(concat(' ', @class, ' '), ' lt-art ')]")) <= 10


def test_browse_pages_list_each_text_under_its_kind_year_subject_and_number():
    site, _, _ = built()
    numbers = site / "corpus/number/index.html"
    by_number = _links(numbers, site)
    for t in _published():
        target = t["frbr_uri"].strip("/") + "/"
        kind = t["kind"] or "text"
        assert target in _links(site / f"corpus/kind/{kind}/index.html", site), (t["file"], kind)
        assert target in _links(site / f"corpus/subject/{subject_of(t['file'])}/index.html", site), t["file"]
        year = year_of(t["frbr_uri"])  # "" for a heading that gives no date: «بلا سنة», not 1900
        assert year != "1900"
        assert target in _links(site / year_url(year) / "index.html", site), (t["file"], year)
        assert target in by_number, t["file"]
        # each browse page names the kind and subject in Arabic
        assert kind_ar(kind) in _tree(site / f"corpus/kind/{kind}/index.html").findtext(".//title")
        assert subject_ar(subject_of(t["file"])) in _tree(
            site / f"corpus/subject/{subject_of(t['file'])}/index.html"
        ).findtext(".//title")
    # the corpus's first page is in the navigation; no corpus text is
    home = _tree(site / "index.html")
    nav = " ".join(home.xpath("//nav[contains(@class,'md-nav--primary')]//a/@href"))
    assert "corpus/" in nav
    assert "decree/" not in nav and "28-07" not in nav


def test_a_citation_between_two_corpus_texts_is_a_link_and_a_backlink():
    """Decree 2.10.473 applies law 28.07 and cites its articles: the link lands on the article, and
    the article's page lists the decree's article among the texts that cite it."""
    site, _, _ = built()
    decree = site / "akn/ma/act/decree/2011/2-10-473"
    law = "akn/ma/act/2010/28-07/"
    found = None
    for page in sorted(decree.rglob("index.html")):
        tree = _tree(page)
        for a in tree.xpath("//*[contains(@class,'lt-article-body')]//a[@href]"):
            href = a.get("href")
            if (
                law in posixpath.normpath(posixpath.join(posixpath.dirname(page.relative_to(site).as_posix()), href))
                and "#art_" in href
            ):
                found = (page, href)
                break
        if found:
            break
    assert found, "no link from decree 2.10.473 to law 28.07"
    page, href = found
    target = (page.parent / href.split("#")[0]).resolve() / "index.html"
    anchor = href.split("#")[1]
    tree = _tree(target)
    assert tree.xpath(f"//*[@id='{anchor}']"), href
    # the cited article's backlinks name the decree's page
    backlinks = [
        posixpath.normpath(
            posixpath.join(posixpath.dirname(target.relative_to(site.resolve()).as_posix()), b.split("#")[0])
        )
        for b in tree.xpath("//*[contains(@class,'lt-cited-by')]//a/@href")
    ]
    assert any("decree/2011/2-10-473" in b for b in backlinks), backlinks


def test_the_site_with_the_corpus_has_no_broken_link():
    site, _, _ = built()
    assert check_site(site) == []


def test_no_english_word_in_the_corpus_pages():
    site, _, _ = built()
    pages = sorted((site / "corpus").rglob("index.html"))
    for t in _published():
        pages += sorted((site / t["frbr_uri"].strip("/").rsplit("/", 1)[0]).rglob("index.html"))
    assert len(pages) > 100
    found = {p.relative_to(site).as_posix(): w[:8] for p in pages if (w := _english_words(p, site))}
    assert found == {}


def test_a_duplicate_work_is_published_once_and_said():
    site, _, messages = built()
    # Law 103.13 from the corpus folder: law/'s text is the one published, and the progress says so
    assert any("ma-adala-criminal-95.txt" in m and "103-13" in m and "law/" in m for m in messages), messages
    expressions = sorted(p.name for p in (site / "akn/ma/act/2018/103-13").iterdir() if p.is_dir())
    assert expressions == ["ara@2018-03-12"]  # law/'s expression only, not the corpus's ara@2018-02-22
    # two files of one decree: one page, listed once
    assert any("ma-adala-administrative-8357.txt" in m and "published once" in m for m in messages)
    listing = _tree(site / "corpus/kind/decree/index.html")
    hrefs = [h for h in listing.xpath("//table//a/@href") if "decree/1975/2-75-3/" in h]
    assert len(hrefs) == 1
    # the long steps were counted to their end
    assert any(re.fullmatch(r"count pages built by mkdocs (\d+)/\1", m) for m in messages), messages
    assert any(re.fullmatch(r"count texts read (\d+)/\1", m) for m in messages)


@pytest.mark.parametrize("case", ["missing", "no-report", "not-json", "deep-json", "no-texts", "fifo-report"])
def test_a_bad_corpus_folder_is_one_line_and_nothing_built(tmp_path, case):
    """``publish --corpus`` with a folder that is not a corpus build folder: exit 2, one line naming it,
    no traceback, no site written."""
    folder = tmp_path / "corpus"
    if case != "missing":
        folder.mkdir()
    report = folder / "report.json"
    if case == "not-json":
        report.write_bytes(b"\x00\xff{not json")
    elif case == "deep-json":
        report.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    elif case == "no-texts":
        report.write_text('{"texts": 3}', encoding="utf-8")
    elif case == "fifo-report":
        os.mkfifo(report)
    out = tmp_path / "public"
    run = subprocess.run(
        [sys.executable, "-m", "lawtool", "publish", "--corpus", str(folder), "--out", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "LAWTOOL_SHARED": str(SHARED)},
    )
    errors = [line for line in run.stderr.splitlines() if line.startswith("lawtool: error:")]
    assert run.returncode == 2, run.stderr[-2000:]
    assert len(errors) == 1 and ("corpus" in errors[0] or "report.json" in errors[0]), run.stderr[-2000:]
    assert "Traceback" not in run.stderr
    assert not out.exists()


def test_a_text_whose_heading_gives_no_date_is_said_undated():
    """The import files such a text under its placeholder date (FRBR …/1900/…); the site says «بلا
    تاريخ» and lists it under «بلا سنة», never under 1900."""
    site, _, _ = built()
    undated = [t for t in _published() if "/1900/" in t["frbr_uri"]]
    assert undated
    for t in undated:
        page = _tree(_page(site, t["frbr_uri"]))
        title = page.findtext(".//h1") or ""
        assert "بلا تاريخ" in title and "1900" not in title, title
        for code in page.xpath("//code"):  # the FRBR URI keeps its placeholder: the page's words do not
            code.drop_tree()
        assert "1900" not in page.text_content()
    assert not (site / "corpus/year/1900").exists()
