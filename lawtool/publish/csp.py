"""The site's Content-Security-Policy: only the site's own scripts run.

Every HTML page carries the policy in a ``<meta http-equiv="Content-Security-Policy">`` (the theme
override ``site/overrides/main.html`` prints :func:`policy`, given to mkdocs as
``extra.lawtool_csp``).  Scripts: the site's own files (``'self'``: Material's bundle and search
worker, ``javascripts/``) and, by their SHA-256, Material's fixed inline scripts (palette, content);
Material's start-up script, whose text changes with the page's depth, is served as a file
(``site/javascripts/md-scope.js``).  ``'wasm-unsafe-eval'`` lets the search page compile Pagefind's
WebAssembly (a file of the site); no ``'unsafe-inline'``, no ``'unsafe-eval'``, no other host.  :func:`check_pages` reads every built page
and fails the build when a page lacks the policy or holds an inline script or event handler it does
not allow.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache
from pathlib import Path

from lxml import html as lxml_html

_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)


def script_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


# Material's inline scripts the site needs (partials/javascripts/NAME.html): the colour palette chosen
# by the reader, and the tab or anchor named by the URL.  Announce, consent and outdated are not used.
MATERIAL_INLINE = ("palette", "content")


@lru_cache(maxsize=1)
def material_inline_hashes() -> tuple[str, ...]:
    """The hashes of the inline scripts of :data:`MATERIAL_INLINE` whose text is fixed (no template
    expression in them), read from the installed mkdocs-material."""
    import material

    folder = Path(material.__file__).parent / "templates" / "partials" / "javascripts"
    hashes = set()
    for path in (folder / f"{name}.html" for name in MATERIAL_INLINE):
        for match in _SCRIPT.finditer(path.read_text(encoding="utf-8")):
            body = match.group("body")
            if "src=" not in match.group("attrs") and "{{" not in body and "{%" not in body:
                hashes.add(script_hash(body))
    return tuple(sorted(hashes))


def policy() -> str:
    # 'wasm-unsafe-eval': Pagefind's search runs as WebAssembly (pagefind/*.wasm, the site's own file);
    # it allows compiling WebAssembly only, not eval() of text.
    scripts = " ".join(("'self'", "'wasm-unsafe-eval'") + material_inline_hashes())
    return (
        "default-src 'none'; "
        f"script-src {scripts}; "
        "style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; "
        "manifest-src 'self'; base-uri 'self'; form-action 'self'; object-src 'none'"
    )


def check_pages(site_dir: Path, expected: str | None = None) -> list[str]:
    """Problems of the built pages: a page without the policy before its first script, an inline
    script the policy does not allow (by hash), an inline event handler (``onclick=``)."""
    expected = expected or policy()
    allowed = set(re.findall(r"'sha256-[^']+'", expected))
    problems = []
    for path in sorted(Path(site_dir).rglob("*.html")):
        name = path.relative_to(site_dir).as_posix()
        problems += [f"{name}: {p}" for p in _page_problems(lxml_html.fromstring(path.read_bytes()), expected, allowed)]
    return problems


def _page_problems(tree, expected: str, allowed: set[str]) -> list[str]:
    """The problems of one page, in document order (the first script before the policy ends the check)."""
    problems = []
    protected = False
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.lower()
        if tag == "meta" and (el.get("http-equiv") or "").lower() == "content-security-policy":
            protected = protected or el.get("content") == expected
        elif tag == "script":
            if not protected:
                problems.append("a script before the Content-Security-Policy (or no policy)")
                break
            if _inline_script(el) and script_hash(el.text or "") not in allowed:
                problems.append(f"an inline script the policy does not allow ({(el.text or '')[:40]!r})")
        problems += [
            f"an inline event handler {attr}= on <{tag}>" for attr in el.attrib if attr.lower().startswith("on")
        ]
    if not protected and not problems:
        problems.append("no Content-Security-Policy")
    return problems


def _inline_script(el) -> bool:
    """A script written in the page (not a file, not JSON data)."""
    return el.get("src") is None and el.get("type") != "application/json"
