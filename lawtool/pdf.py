"""HTML printed to PDF with headless Chromium (Debian's ``chromium``, the browser the site's tests
already use): Arabic shaped and laid out right to left by the browser, the Noto Sans Arabic font
of the ``fontpkg-noto-sans-arabic`` package embedded (Chromium embeds the subsets it uses), page
numbers (a CSS page margin box) and a notice (the working-text notice of a bill) at the top of every
page (a table header, which Chromium repeats on each page).

    pdf_bytes = html_to_pdf(html_text, notice="نص عمل ...")
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .errors import LawtoolError
from .htmlbuild import Html, concat, elem, raw

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
TIMEOUT = 120


def chromium() -> str:
    given = os.environ.get("LAWTOOL_CHROMIUM")
    if given:
        return given
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise LawtoolError(
        "printing PDF needs Chromium, which is not installed",
        hint="install Debian's chromium (make system-deps), or set LAWTOOL_CHROMIUM to a Chrome binary",
    )


def font_file(weight: int = 400) -> Path | None:
    """A static instance (``weight``: 400 regular, 700 bold) of the packaged variable font, made once with fontTools
    and kept in the user's cache: Chromium embeds a variable font as Type 3 glyphs, whose text
    PDF readers cannot extract; a static TrueType font is embedded with its text."""
    try:
        import fontpkg_noto_sans_arabic as package
    except ImportError:
        return None
    found = sorted(Path(package.ROOT).rglob("*.ttf"))
    if not found:
        return None
    source = found[0]
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "lawtool"
    stamp = f"{source.stat().st_size}-{int(source.stat().st_mtime)}"
    target = cache / f"NotoSansArabic-{weight}-{stamp}.ttf"
    if target.exists():
        return target
    try:
        from fontTools.ttLib import TTFont
        from fontTools.varLib.instancer import instantiateVariableFont

        font = TTFont(source)
        if "fvar" in font:
            axes = {a.axisTag: (weight if a.axisTag == "wght" else a.defaultValue) for a in font["fvar"].axes}
            font = instantiateVariableFont(font, axes)
        cache.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=cache, suffix=".ttf")
        os.close(fd)
        font.save(temp)
        os.replace(temp, target)
        return target
    except (ImportError, OSError):
        return source


def print_css(notice: str | None) -> str:
    """@font-face for the packaged font, the page box: A4, page numbers, the notice on every page."""
    css = []
    for weight in (400, 700):
        font = font_file(weight)
        if font is not None:
            css.append(
                f'@font-face {{ font-family: "Noto Sans Arabic"; font-weight: {weight}; src: url("{font.as_uri()}"); }}'
            )
    # the page number in the page's margin box (digits only: margin boxes do not take the font
    # settings below); the notice in a table header, which Chromium repeats on every page
    css.append(
        "@page { size: A4; margin: 14mm 16mm 18mm 16mm; "
        '@bottom-center { content: counter(page) " / " counter(pages); font-size: 9pt; } }'
    )
    css.append(
        "table.lawtool-print { width: 100%; border-collapse: collapse; table-layout: fixed; } "
        "body * { overflow-wrap: anywhere; } "
        "table.lawtool-print > thead td { font-size: 8pt; color: #700; border-bottom: 1px solid #b00; "
        "padding-bottom: 2mm; } table.lawtool-print > tbody > tr > td { padding-top: 3mm; }"
    )
    # no kerning: its small gaps between the letters of a word make PDF readers split Arabic words
    css.append(
        'body, body * { font-family: "Noto Sans Arabic", sans-serif; font-kerning: none; '
        'font-feature-settings: "kern" 0, "ccmp" 0; }'
    )
    return "\n".join(css)


def printable(document: str, notice: str | None) -> str:
    """The page with the print CSS, and the notice in a table header repeated on every page.
    ``document`` is a whole page that lawtool made (HTML, kept as it is)."""
    style = elem("style", raw(print_css(notice)))
    end_of_head = document.find("</head>")
    if end_of_head >= 0:
        page = concat(raw(document[:end_of_head]), style, "\n", raw(document[end_of_head:]))
    else:
        page = concat(style, raw(document))
    if notice:
        start = page.find("<body")
        start = page.find(">", start) + 1 if start >= 0 else 0
        end = page.rfind("</body>")
        end = end if end >= 0 else len(page)
        page = concat(raw(page[:start]), _notice_table(notice, raw(page[start:end])), raw(page[end:]))
    return page


def _notice_table(notice: str, body: Html) -> Html:
    """The page's body in a table whose header, the notice, Chromium repeats on every page."""
    thead = elem("thead", elem("tr", elem("td", notice, class_="lawtool-print-notice")))
    return elem("table", thead, elem("tbody", elem("tr", elem("td", body))), class_="lawtool-print")


def html_to_pdf(document: str, *, notice: str | None = None) -> bytes:
    """The PDF of an HTML document (a full page, ``<head>`` included)."""
    page = printable(document, notice)
    with tempfile.TemporaryDirectory(prefix="lawtool-pdf-") as folder:
        source = Path(folder) / "page.html"
        target = Path(folder) / "page.pdf"
        source.write_text(page, encoding="utf-8")
        command = [
            chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-extensions",
            "--allow-file-access-from-files",
            f"--user-data-dir={folder}/profile",
            "--no-pdf-header-footer",
            f"--print-to-pdf={target}",
            source.as_uri(),
        ]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            raise LawtoolError(
                f"Chromium did not print the PDF within {TIMEOUT} s",
                hint="try again; a very long document may need to be split",
            ) from None
        except OSError as exc:
            raise LawtoolError(
                f"Chromium could not be started: {exc}", hint="check the chromium installation"
            ) from None
        if not target.exists() or target.stat().st_size == 0:
            last = (done.stderr.strip().splitlines() or ["no message"])[-1]
            raise LawtoolError(f"Chromium did not print the PDF: {last}", hint="check the chromium installation")
        return target.read_bytes()


def html_to_pdfs(pages: list[tuple[str, str | None]]) -> list[bytes]:
    """Several PDFs at once, (HTML, notice) each.  With Playwright (installed with lawtool's test
    extras) one Chromium prints them all, which saves its start-up time per PDF; without it, one
    Chromium per PDF, two at a time."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=2) as pool:
            return list(pool.map(lambda p: html_to_pdf(p[0], notice=p[1]), pages))
    out = []
    with tempfile.TemporaryDirectory(prefix="lawtool-pdf-") as folder, sync_playwright() as play:
        browser = play.chromium.launch(
            executable_path=chromium(), args=["--no-sandbox", "--disable-gpu", "--allow-file-access-from-files"]
        )
        try:
            tab = browser.new_page()
            for n, (document, notice) in enumerate(pages):
                source = Path(folder) / f"page-{n}.html"
                source.write_text(printable(document, notice), encoding="utf-8")
                tab.goto(source.as_uri(), wait_until="load")
                out.append(tab.pdf(prefer_css_page_size=True, print_background=True))
        finally:
            browser.close()
    return out
