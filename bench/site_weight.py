"""What a reader downloads: the site's pages measured in Chromium on a first visit (issue 15).

The repository's site is published into a temporary folder and served as a static host serves it
(text files gzip-compressed: tests/publish_support.serve); each page is opened in a new browser
context (empty cache, a phone's viewport) and the bytes of every response are summed, as
transferred and once decompressed.  Measured: the home page, an article page (Penal Code 447-1's
group), one search («تحرش», the search page and the parts of the index it loads), the heaviest page
of articles of the site, and, with ``--corpus``, the corpus pages of the sample that
tests/test_publish_corpus.py publishes.  Written to bench/results/site-weight.md (and .json).

    .venv/bin/python bench/site_weight.py [--corpus]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from publish_support import CHROMIUM, CHROMIUM_ARGS, first_visit_bytes, repo_site, serve  # noqa: E402

LIMITS_KB = {"home": 600, "article": 300, "search": 300}  # issue 15, transferred


def page_of(site: Path, eid: str, under: str = "akn/ma/act/1962/1-59-413/ara@2024-08-22") -> str:
    """The site-relative URL of the page that holds the article ``eid``."""
    for page in sorted((site / under).rglob("index.html")):
        if f'id="{eid}"' in page.read_text(encoding="utf-8"):
            return page.parent.relative_to(site).as_posix() + "/"
    raise SystemExit(f"{eid}: no page of {under} holds it")


def heaviest_article_page(site: Path) -> str:
    """The site-relative URL of the largest page of articles: a page of a law's or a bill's text (under
    akn/, not a diff, a comparison, a projection, an amendment or a repairs page) that holds an article."""
    others = ("/diff/", "/compare/", "/projections/", "/amendments/", "/repairs/")
    pages = [
        p
        for p in (site / "akn").rglob("index.html")
        if not any(o in "/" + p.relative_to(site).as_posix() for o in others)
        and 'class="lt-art' in p.read_text(encoding="utf-8")
    ]
    largest = max(pages, key=lambda p: p.stat().st_size)
    return largest.parent.relative_to(site).as_posix() + "/"


def measure(browser, site: Path, pages: dict[str, tuple[str, str | None, bool]]) -> list[dict]:
    rows = []
    with serve(site) as base:
        for name, (url, kind, wait) in pages.items():
            sent, plain, files = first_visit_bytes(browser, base, url, wait_results=wait)
            limit = LIMITS_KB.get(kind or "")
            rows.append(
                {
                    "page": name,
                    "url": url,
                    "transferred_kb": round(sent / 1024),
                    "decompressed_kb": round(plain / 1024),
                    "files": len(files),
                    "largest": files[0][1].removeprefix(base) if files else "",
                    "limit_kb": limit,
                    "holds": None if limit is None else sent <= limit * 1024,
                }
            )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", action="store_true", help="also the corpus pages of the test sample")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    started = time.perf_counter()
    site = repo_site()
    pages: dict[str, tuple[str, str | None, bool]] = {
        "home": ("", "home", False),
        "an article page (Penal Code 447-1)": (page_of(site, "art_447-1"), "article", False),
        "one search («تحرش»)": ("search/?q=" + "تحرش", "search", True),
        "the heaviest page of articles": (heaviest_article_page(site), "article", False),
    }
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        rows = measure(browser, site, pages)
        if args.corpus:
            from test_publish_corpus import built

            corpus_site = built()[0]
            rows += measure(
                browser,
                corpus_site,
                {
                    "corpus: home": ("corpus/", "home", False),
                    "corpus: a text's table of contents": (
                        "akn/ma/act/1973/1-73-255/ara@2014-05-26/",
                        "article",
                        False,
                    ),
                    "corpus: a group of articles": (
                        "akn/ma/act/1973/1-73-255/ara@2014-05-26/art_51/",
                        "article",
                        False,
                    ),
                },
            )
        browser.close()
    size = sum(f.stat().st_size for f in site.rglob("*") if f.is_file())
    lines = [
        f"# Site weight in Chromium, first visit ({time.strftime('%Y-%m-%d %H:%M')}, "
        f"{time.perf_counter() - started:.0f} s)",
        "",
        f"Built repository site: {size / 2**20:.1f} MB (limit 30 MB).",
        "",
        "| page | transferred KB | decompressed KB | files | largest file | limit KB | holds |",
        "|---|---:|---:|---:|---|---:|---|",
    ]
    for r in rows:
        holds = "" if r["holds"] is None else ("yes" if r["holds"] else "**no**")
        lines.append(
            f"| {r['page']} | {r['transferred_kb']} | {r['decompressed_kb']} | {r['files']} | "
            f"{r['largest']} | {r['limit_kb'] or ''} | {holds} |"
        )
    out = REPO / "bench/results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "site-weight.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (out / "site-weight.json").write_text(
        json.dumps({"site_mb": size / 2**20, "pages": rows}, indent=2, ensure_ascii=False), encoding="utf-8"
    )
    print("\n".join(lines))


if __name__ == "__main__":
    main()
