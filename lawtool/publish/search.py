"""The site's search: a Pagefind index of every article, built from the corpus (not from the HTML).

Pagefind (the ``pagefind`` package and its binary, ``pagefind[bin]``) writes a static index cut into
small files: a browser downloads only the parts a query needs, and only when the reader searches
(the search page, ``search/``, loads ``pagefind/pagefind.js``; no other page does).

One record per article of the latest expression of each work (older versions of a bill would repeat
every result), and one per work (its title):

- ``content``: the article's heading and text in the :func:`fold` form (:func:`lawtool.arabic.normalise`:
  alef forms, alef maqsura, ta marbuta, tatweel, diacritics, Arabic-Indic digits; and ؤ ئ → ء),
  punctuation left out.  Pagefind stems it with its Arabic (Snowball) stemmer, so «تحرش», «التحرش» and
  «بالتحرش» meet.  The search page folds the query the same way (``site/javascripts/search.js``).
- ``weighted``: texts indexed with a Pagefind weight of their own: the heading of the division that
  holds the article (2: «في التهديد وعدم تقديم المساعدة» for 425-429), the terms it defines (its
  ``def`` elements, 10), the words of the concepts it speaks of (:func:`concept_words`, 0.5: «ابتزاز»
  for an article that says «التهديد بإفشاء», weaker than a word the article itself has).
- ``meta``: ``title`` (the article's label and its text's title), ``text`` (the article's own text,
  cut, as the reader sees it: the result's excerpt is taken from it, never from ``content``), ``number``.
  The search page gives ``text`` and ``number`` no ranking weight (``metaWeights``): Pagefind would
  otherwise rank the unfolded text too.
- ``filters``: ``number`` (the article's number, «503-1-1», «12-bis», and those of the articles an
  amending article inserts: the bill's article 37 has «447-4»), ``law`` (the text's number, «103.13»)
  and ``defines`` (the terms it defines): a query that is an article number («الفصل ٤٤٧-١», «1-447»,
  «المادة 12 مكررة») is answered from them, and jumps to the article when it is the only one; an
  article that defines the words searched for comes first (the terms are listed in
  ``search/defined.json`` for the search page).

Each record goes to Pagefind as a small HTML document (:meth:`Record.html`, built with lxml): its body
the indexed texts, its head the meta and filters as attributes.

The concepts are data: ``lawtool/publish/data/search-concepts.yaml``, groups of words that name one
legal concept (some taken from the Arabic synonyms of the concept checklist).
"""

from __future__ import annotations

import base64
import json
import re
import subprocess
import threading
import time
from dataclasses import dataclass, field
from functools import cache, lru_cache
from io import BufferedReader
from pathlib import Path
from typing import Any, cast

import lxml.html
import yaml
from lxml.html import builder as E

from ..akn import local_name, text_of
from ..arabic import normalise, words
from ..eids import ORDINALS, TENS
from ..errors import LawtoolError
from .index import child, label_of

DATA = Path(__file__).parent / "data" / "search-concepts.yaml"
EXCERPT_CHARS = 1200  # of an article's own text kept for the result's excerpt
# Pagefind weights (1 = the article's own words): the terms the article defines, the words of the
# concepts it speaks of, the heading of the division it sits in
DEFINED_WEIGHT = 10.0
CONCEPT_WEIGHT = 0.5
HEADING_WEIGHT = 2.0


@dataclass
class Record:
    url: str  # site-relative, no leading slash
    content: str  # the folded text, indexed with weight 1
    meta: dict[str, str]
    filters: dict[str, list[str]] = field(default_factory=dict)
    weighted: list[tuple[str, float]] = field(default_factory=list)  # (folded text, Pagefind weight)

    def html(self) -> str:
        """The record as the HTML document Pagefind indexes: ``content``, then each ``weighted`` text
        in an element carrying its ``data-pagefind-weight``; meta and filters in the head, where Pagefind
        reads (the search page gives the meta text no weight: it is not folded)."""
        body = E.BODY(E.P(_words_only(self.content)))
        for text, weight in self.weighted:
            if text:
                body.append(E.P(_words_only(text), {"data-pagefind-weight": f"{weight:g}"}))
        head = E.HEAD(E.META(charset="utf-8"))
        for key, value in self.meta.items():
            head.append(E.META({"data-pagefind-meta": f"{key}[content]", "content": value}))
        for key, values in self.filters.items():
            for value in values:
                head.append(E.META({"data-pagefind-filter": f"{key}[content]", "content": value}))
        page = E.HTML(head, body, lang="ar", dir="rtl")
        return "<!DOCTYPE html>" + lxml.html.tostring(page, encoding="unicode")


def article_number(eid: str) -> str | None:
    """«art_447-1» → «447-1»; «art_12-bis» → «12-bis»."""
    if not eid.startswith("art_"):
        return None
    return eid[4:]


def law_number(work_uri: str) -> str:
    """The number of a text as readers write it: /akn/ma/act/2018/103-13 → «103.13»."""
    return work_uri.rstrip("/").rsplit("/", 1)[-1].replace("-", ".")


_HAMZA = str.maketrans({"ؤ": "ء", "ئ": "ء"})


def fold(text: str) -> str:
    """The search form of a text: :func:`lawtool.arabic.normalise`, and the hamza on waw or yeh written
    as a bare hamza («مسؤولية», «مسئولية» → «مسءوليه»).  site/javascripts/search.js does the same."""
    return normalise(text).translate(_HAMZA)


def _words_only(text: str) -> str:
    """``text`` without its punctuation."""
    return " ".join(words(text))


def _phrases(words: list) -> list[str]:
    return [fold(str(w)) for w in words if str(w).strip()]


@lru_cache(maxsize=1)
def concept_groups() -> tuple[tuple[str, ...], ...]:
    """Groups of normalised words or phrases naming one concept (see the module docstring)."""
    groups = []
    data = yaml.safe_load(DATA.read_text(encoding="utf-8")) or {}
    for entry in data.get("concepts") or []:
        group = _phrases(entry.get("words") or [])
        if len(group) > 1:
            groups.append(tuple(dict.fromkeys(group)))
    return tuple(groups)


_ENDINGS = "(?:ه|ها|هم|هن|ات|ين|ون|يه|ي|ا|يا)?"


def _body(phrase: str) -> str:
    words = phrase.split(" ")
    if words[0].startswith("ال") and len(words[0]) > 4:
        words[0] = words[0][2:]
    return r"\s+".join(re.escape(w) for w in words)


@cache
def _pattern(*phrases: str) -> re.Pattern:
    """Any of ``phrases`` as whole words (see :func:`_contains`)."""
    body = "|".join(_body(p) for p in phrases)
    return re.compile(r"(?:^|(?<=[\s(«\"'،؛]))[وف]?[بكل]?(?:ال)?(?:" + body + ")" + _ENDINGS + r"(?=$|[\s).,،؛:»\"'])")


def _contains(text: str, phrase: str) -> bool:
    """``phrase`` in ``text`` (both normalised) as whole words: clitics allowed before it (و ف ب ك ل,
    ال), the usual endings after it: «بالتهديد بافشاء» contains «التهديد بافشاء», «سبا» contains «سب»,
    «سبب» does not."""
    return _pattern(phrase).search(text) is not None


def concept_words(text: str) -> list[str]:
    """The words of every concept group one of whose phrases ``text`` (normalised) contains, less
    the phrases the text already has."""
    out: list[str] = []
    for group in concept_groups():
        if _pattern(*group).search(text):
            out.extend(p for p in group if p not in out and not _contains(text, p))
    return out


def _records_of(index) -> list[Record]:
    records: list[Record] = []
    for work in index.works.values():
        expression = work.latest
        title = expression.title
        law = law_number(work.uri)
        records.append(Record(expression.url, fold(title) + " " + law, {"title": title, "text": ""}, {"law": [law]}))
        for article in expression.articles():
            eid = article.get("eId") or ""
            place = expression.places.get(eid)
            if place is not None and not _quoted(article):
                records.append(_article_record(article, f"{place.url}#{eid}", title, law))
    return records


def _article_record(article, url: str, title: str, law: str) -> Record:
    eid = article.get("eId") or ""
    label = label_of(article) or eid
    text = text_of(article)
    plain = fold(text)
    defined = [fold(text_of(d)) for d in _descendants(article, "def")]
    weighted = [
        (fold(_heading_above(article)), HEADING_WEIGHT),
        (" ".join(defined), DEFINED_WEIGHT),
        (" ".join(concept_words(plain)), CONCEPT_WEIGHT),
    ]
    filters = {"law": [law]}
    if defined:
        filters["defines"] = list(dict.fromkeys(defined))
    numbers = _numbers_written(article, eid)
    if numbers:
        filters["number"] = numbers
    num = child(article, "num")
    body = text[len(text_of(num)) if num is not None else 0 :].strip()
    meta = {"title": f"{label} — {title}", "text": body[:EXCERPT_CHARS], "number": numbers[0] if numbers else ""}
    return Record(url, fold(label) + " " + plain, meta, filters, weighted)


def _numbers_written(article, eid: str) -> list[str]:
    """The article's number, and those of the articles it writes into another text (an amending
    article: the bill's article 37 has «447-4»)."""
    written = [article_number(eid)] + [
        article_number((q.get("eId") or "").rsplit("__", 1)[-1])
        for q in _descendants(article, "article")
        if q is not article
    ]
    return [n for n in dict.fromkeys(written) if n]


def _descendants(el, name: str):
    return (d for d in el.iter() if isinstance(d.tag, str) and local_name(d) == name)


def _heading_above(article) -> str:
    """The heading of the nearest division holding ``article`` («في التهديد وعدم تقديم المساعدة»)."""
    for above in article.iterancestors():
        heading = child(above, "heading")
        if heading is not None:
            return text_of(heading)
    return ""


def _quoted(article) -> bool:
    return any(local_name(a) == "quotedStructure" for a in article.iterancestors())


def records(index) -> list[Record]:
    """The search records of the corpus (see the module docstring)."""
    return _records_of(index)


def write_index(items: list[Record], site_dir: Path, count=None) -> int:
    """Write the Pagefind index of ``items`` into ``site_dir``/pagefind; returns its size in bytes.

    The records go to the Pagefind binary run as a service (``pagefind --service``: requests and
    answers are base64 JSON, each followed by a comma) all at once, its answers read by a thread.
    (The ``pagefind`` package's asyncio client reads one answer per 0.1 s: 3 minutes for the
    repository's 1,700 articles, an hour and a half for the whole corpus.)  ``count(step, done, total)``
    follows the records indexed."""
    try:
        from pagefind.service import get_executable

        binary = get_executable()
    except ModuleNotFoundError:
        binary = None
    if binary is None:
        raise LawtoolError("the Pagefind binary is missing", hint="pip install -e . (it installs pagefind[bin])")
    requests: list[dict[str, Any]] = [{"type": "NewIndex", "config": {"force_language": "ar"}}]
    requests += [{"type": "AddFile", "index_id": 0, "url": "/" + r.url, "file_contents": r.html()} for r in items]
    requests.append({"type": "WriteFiles", "index_id": 0, "output_path": str(site_dir / "pagefind")})
    folder = site_dir / "pagefind"
    write_defined_terms(items, site_dir)
    answers = _service(binary, requests, folder / "pagefind-entry.json", count)
    errors = [a for a in answers if a.get("type") == "Error"]
    if errors or len(answers) != len(requests):
        detail = errors[0].get("message") if errors else f"{len(answers)} answers to {len(requests)} requests"
        raise LawtoolError(
            f"the Pagefind index could not be written: {detail}",
            path=str(site_dir),
            hint="check the pagefind[bin] installation (pip install -e .)",
        )
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


DEFINED_TERMS = "search/defined.json"  # site-relative


def write_defined_terms(items: list[Record], site_dir: Path) -> None:
    """The terms the articles define (their ``defines`` filter), for the search page: an article that
    defines the words searched for comes first (site/javascripts/search.js).  With them, the ordinal
    words of the eId rules (``lawtool.eids``), folded: the page reads «المادة الحادية عشرة» as article 11."""
    terms = sorted({t for r in items for t in r.filters.get("defines", [])})
    path = site_dir / DEFINED_TERMS
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"terms": terms, "ordinals": ORDINALS, "tens": TENS}
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _service(binary: Path, requests: list[dict], entry: Path, count=None) -> list[dict]:
    """Send ``requests`` to ``pagefind --service``; its answers (payloads), in the order of the requests.
    The first request must make the index (its id, 0 for the first index, is used by the others), the
    last must write it.  The service answers each message when it has handled it and stops handling
    them when its input ends: the input stays open until the last request is answered and the index's
    ``entry`` file is whole (a loaded machine answered before the file was written: an empty
    pagefind-entry.json, no search)."""
    process = subprocess.Popen(
        [str(binary), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    )
    assert process.stdin is not None  # piped above
    stdout = cast(BufferedReader, process.stdout)  # piped above: a buffered reader
    answers: dict[int, dict] = {}
    last = len(requests)

    def read() -> None:
        buffer = b""
        while last not in answers:
            chunk = stdout.read1(1 << 16)
            if not chunk:
                return
            buffer += chunk
            *done, buffer = buffer.split(b",")
            for message in done:
                if message.strip():
                    answer = json.loads(base64.b64decode(message)) or {}
                    answers[int(answer.get("message_id") or 0)] = answer.get("payload") or {}
            if count:
                count("search records indexed", len(answers), len(requests))

    def whole(path: Path) -> bool:
        try:
            return bool(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            return False

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        for number, payload in enumerate(requests, 1):
            message = json.dumps({"message_id": number, "payload": payload}).encode("utf-8")
            process.stdin.write(base64.b64encode(message) + b",")
        process.stdin.flush()
        reader.join(timeout=600 + len(requests) * 0.05)
        # then the files: the entry whole, and nothing in the folder still growing
        deadline = time.monotonic() + 60
        before = None
        while last in answers and time.monotonic() < deadline:
            now = sorted((str(p), p.stat().st_size) for p in entry.parent.rglob("*") if p.is_file())
            if whole(entry) and now == before:
                break
            before = now
            time.sleep(0.15)
    finally:
        process.stdin.close()  # the service ends when its input does
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    if last in answers and not whole(entry):
        return [{"type": "Error", "message": f"{entry} is empty or not JSON"}]
    return [answers[n] for n in sorted(answers)]


__all__ = ["Record", "records", "write_index", "concept_words", "article_number", "law_number"]
