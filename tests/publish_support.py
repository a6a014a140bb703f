"""Shared by the publish tests: the site built once per test run (the repository's corpus, and
a hostile copy of part of it), and a local HTTP server for the browser tests."""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from lxml import etree

REPO = Path(__file__).resolve().parents[1]
NS = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
BILL = "bills/ma/bill/2024/digital-violence"
BILL_V2 = f"{BILL}/ara@2024-12-10.xml"

# Text that must be shown as text and run nothing: a script, an image whose error handler runs,
# a Markdown link to javascript:, an attribute list and a heading marker.
PAYLOAD = (
    '<script>window.__xss = 1</script> <img src="x" onerror="window.__xss = 2"> '
    "[clic](javascript:window.__xss=3) {#evil .x} # *gras*"
)
AMENDMENT = f"""id: dv-ex-99
example: true
target: /akn/ma/bill/2024/digital-violence/ara@2024-12-10
proposer: "<script>window.__xss = 5</script> فريق"
date: 2025-01-30
status: proposed
title: '<img src="x" onerror="window.__xss = 6"> عنوان'
justification: |
  {PAYLOAD}
operations:
  - op: insert
    after: art_2__para_1
    text: '{PAYLOAD.replace("'", "''")} نص مضاف'
"""


@functools.cache
def repo_site() -> Path:
    """The repository's corpus published into a temporary folder (its own docs_dir too, so that
    test runs at the same time do not share one; the cache in build/cache is shared)."""
    from lawtool.publish import publish

    base = Path(tempfile.mkdtemp(prefix="lawtool-site-"))
    atexit.register(shutil.rmtree, base, ignore_errors=True)
    publish(REPO, base / "public", docs_dir=base / "docs")
    return base / "public"


def corpus_site(sources: dict[str, Path], prefix: str, **publish_options) -> tuple[Path, Path]:
    """(site, corpus build folder): ``sources`` (file name → raw text) imported with ``lawtool corpus
    import-all`` into a temporary folder, then published beside law/ and bills/ (``publish_options``:
    ``progress``, ``count`` ...)."""
    import subprocess
    import sys

    from lawtool.publish import publish

    base = Path(tempfile.mkdtemp(prefix=prefix))
    atexit.register(shutil.rmtree, base, ignore_errors=True)
    folder = base / "sources"
    folder.mkdir()
    for name, path in sources.items():
        shutil.copyfile(path, folder / name)
    out = base / "corpus"
    run = subprocess.run(
        [sys.executable, "-m", "lawtool", "corpus", "import-all", str(folder), "--out", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert run.returncode in (0, 1), run.stderr
    publish(REPO, base / "public", docs_dir=base / "docs", corpus=out, **publish_options)
    return base / "public", out


def make_hostile_corpus(root: Path) -> dict[str, str]:
    """Law 103.13 and the bill (with its amendments), the bill's second version carrying
    :data:`PAYLOAD` in a title, a chapter heading and an article, plus a hostile amendment; the
    second version records the first version's eIds as wId.  Returns {old article eId: new eId}."""
    for part in ("law/ma/act/2018/103-13", BILL):
        shutil.copytree(REPO / part, root / part)
    shutil.copytree(REPO / "site", root / "site")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    path = root / BILL_V2
    tree = etree.parse(str(path))
    doc_title = tree.find(".//a:preface//a:docTitle", NS)
    doc_title.text = (doc_title.text or "") + " " + PAYLOAD
    heading = tree.find(".//a:body/a:chapter/a:heading", NS)
    heading.text = (heading.text or "") + " " + PAYLOAD
    p = tree.find(".//a:article[@eId='art_2']//a:p", NS)
    p.text = (p.text or "") + " " + PAYLOAD
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    (root / BILL / "amendments" / "dv-ex-99.yaml").write_text(AMENDMENT, encoding="utf-8")
    # the renumbering concordance of v1 → v2 written back as wId (the diff stage's --write-wid)
    from lawtool.akn import Document
    from lawtool.diff import diff_documents
    from lawtool.diff.wid import apply_wids

    old = Document.load(root / BILL / "ara@2024-05-14.xml")
    new = Document.load(path)
    updates = apply_wids(diff_documents(old, new))
    new.save(path)
    return {u.after: u.eid for u in updates if u.eid and u.eid.startswith("art_") and "__" not in u.eid}


@functools.cache
def hostile_site() -> tuple[Path, Path, dict[str, str]]:
    """(corpus root, built site, renamed articles) of the hostile copy, in a temporary folder."""
    from lawtool.publish import publish

    base = Path(tempfile.mkdtemp(prefix="lawtool-hostile-"))
    atexit.register(shutil.rmtree, base, ignore_errors=True)
    root = base / "repo"
    renamed = make_hostile_corpus(root)
    out = base / "public"
    publish(root, out, docs_dir=base / "docs")
    return root, out, renamed


# -- a tiny corpus of its own (tests/data/hostile): a site built in seconds ---------------------------------

HOSTILE = Path(__file__).parent / "data" / "hostile"
SMALL = "/akn/ma/act/2020/1-20/ara@2020-01-01"


def small_law(uri: str = SMALL, articles: int = 3):
    """tests/data/hostile/small-law.txt imported (with more articles when asked: a page per chapter
    needs more than 150)."""
    from lawtool.frbr import FrbrUri
    from lawtool.importer import import_text

    text = (HOSTILE / "small-law.txt").read_text(encoding="utf-8")
    text += "".join(f"المادة {n}\nنص المادة {n}.\n" for n in range(4, articles + 1))
    document, _ = import_text(text, FrbrUri.parse(uri), repair=False)
    return document


def small_repo(root: Path, *documents) -> Path:
    """A repository of its own: mkdocs.yml, site/ and the given documents under law/."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(REPO / "site", root / "site")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    (root / "bills").mkdir()
    for document in documents or (small_law(),):
        path = root / "law" / document.frbr_expression.relative_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        document.save(path)
    return root


@functools.cache
def script_site() -> tuple[Path, Path]:
    """(corpus root, built site) of the tiny corpus plus tests/data/hostile/script-article.xml (an XHTML
    <script>, an SVG onload, an xlink:href, an xml-stylesheet inside an act)."""
    from lawtool.publish import publish

    base = Path(tempfile.mkdtemp(prefix="lawtool-script-"))
    atexit.register(shutil.rmtree, base, ignore_errors=True)
    root = small_repo(base / "repo")
    target = root / "law/ma/act/2020/1-22/ara@2020-01-01.xml"
    target.parent.mkdir(parents=True)
    shutil.copy(HOSTILE / "script-article.xml", target)
    result = publish(root, base / "public", docs_dir=base / "docs")
    script_site.notes = result.notes
    return root, base / "public"


CHROMIUM = Path("/usr/bin/chromium")  # Debian's (make system-deps)
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def first_visit_bytes(browser, base: str, url: str, wait_results: bool = False) -> tuple[int, int, list]:
    """What a first visit of ``url`` on a phone costs (a new browser context: empty cache; ``serve``
    gzips text files as static hosts do): (bytes transferred, bytes once decompressed, the list of
    (bytes transferred, URL), largest first).  The browser tests and bench/site_weight.py share it."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    requests: list = []
    page.on("requestfinished", lambda request: requests.append(request))
    page.goto(base + url, wait_until="load")
    page.wait_for_function("document.fonts.status == 'loaded'")
    if wait_results:
        page.wait_for_selector("#lt-results li", timeout=30000)
    page.wait_for_timeout(500)
    got, plain = [], 0
    for request in requests:
        sizes = request.sizes()
        got.append((sizes["responseBodySize"] + sizes["responseHeadersSize"], request.url))
        response = request.response()
        plain += len(response.body()) if response is not None else 0
    context.close()
    return sum(n for n, _ in got), plain, sorted(got, reverse=True)


class _Quiet(SimpleHTTPRequestHandler):
    """Serves the site as a static host does: text files gzip-compressed when the browser accepts it
    (the weights measured by the browser tests are what a reader downloads)."""

    COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", "/")

    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass

    def send_head(self):
        import gzip
        import io

        path = self.translate_path(self.path)
        if Path(path).is_dir():
            path = str(Path(path) / "index.html")
        if (
            "gzip" not in self.headers.get("Accept-Encoding", "")
            or not Path(path).is_file()
            or not self.path.split("?")[0].endswith(self.COMPRESSED)
        ):
            return super().send_head()
        data = gzip.compress(Path(path).read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        return io.BytesIO(data)


@contextmanager
def serve(site_dir: Path):
    """The site on http://127.0.0.1:<free port>/ for the duration of the block."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site_dir)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
