"""The corpus build folder on the site (``lawtool publish --corpus DIR``): every text that
``lawtool corpus import-all`` wrote into DIR, read beside law/ and bills/.

DIR is the folder import-all makes: ``report.json`` (one entry per source text: its file name, kind,
FRBR URI, number, the AKN file it wrote) and ``akn/*.xml``.  For each imported text:

- its *kind* is the report's (``decree``, ``dahir``, ``promulgated-law``, ``order``, ``treaty``,
  ``text``), its *subject* the Adala folder in the source file's name (``ma-adala-SUBJECT-N.txt``),
  both named in Arabic from ``data/adala-subjects.yaml``;
- a text whose work is already in law/ or bills/ (the Penal Code, Law 103.13 ...) is left out: the
  repository's curated text wins; a second file with the same expression URI is left out too; each
  is said in the progress;
- the files in DIR hold no citation markup (import-all does not run the xref stage): the citations
  are marked here, in memory, against every text of the site (:func:`lawtool.xref.mark.mark_document`
  with an index of law/, bills/ and DIR), so that they link to every other published text; DIR is
  never written.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..akn import Document
from ..errors import InputError, LawtoolError
from ..xref.mark import mark_document
from ..xref.resolve import CorpusIndex as CitationIndex  # xref's index of articles, not the site's

DATA = Path(__file__).parent / "data" / "adala-subjects.yaml"
SOURCE_NAME = re.compile(r"^ma-adala-(?P<subject>[a-z][a-z-]*?)-(?P<n>\d+)\.txt$")

Count = Callable[[str, int, int], None]  # (step, done, total)


@dataclass(frozen=True)
class CorpusText:
    """What the site says of a corpus text besides its AKN: where it comes from and how it is browsed."""

    source: str  # the source file's name (ma-adala-administrative-113.txt)
    kind: str  # the report's kind (decree, dahir, promulgated-law, order, treaty, text)
    subject: str  # the Adala folder (administrative); "" when the file name does not say
    number: str  # the text's number as written in its heading (2.75.3), "" when it has none
    year: str  # the work's year (from its FRBR URI)


@lru_cache(maxsize=1)
def _names() -> dict:
    import yaml

    return yaml.safe_load(DATA.read_text(encoding="utf-8")) or {}


CORPUS_URL = "corpus/"  # the corpus browse pages (lawtool.publish.browse)
NO_SUBJECT = "other"


def kind_names() -> dict[str, str]:
    """Kind → its Arabic name (singular)."""
    return dict(_names().get("kinds") or {})


def subject_names() -> dict[str, str]:
    """Adala folder → its Arabic name."""
    return dict(_names().get("subjects") or {})


def kind_url(kind: str) -> str:
    return f"{CORPUS_URL}kind/{kind if kind in kind_names() else 'text'}/"


def subject_url(subject: str) -> str:
    return f"{CORPUS_URL}subject/{subject if subject in subject_names() and subject else NO_SUBJECT}/"


def kind_ar(kind: str) -> str:
    return kind_names().get(kind) or kind_names().get("text", "")


def subject_ar(subject: str) -> str:
    return subject_names().get(subject) or subject_names().get("", "")


def subject_of(source: str) -> str:
    """``ma-adala-health-social-12.txt`` → ``health-social`` ("" when the name has another form)."""
    m = SOURCE_NAME.match(source)
    return m.group("subject") if m else ""


def year_of(work_uri: str) -> str:
    for part in work_uri.split("/"):
        if re.fullmatch(r"\d{4}", part):
            return part
    return ""


def read_report(folder: Path) -> list[dict]:
    """The entries of ``folder``/report.json that wrote an AKN file, in the report's order."""
    report = folder / "report.json"
    if not report.is_file():
        raise InputError(
            "not a corpus build folder: it has no report.json",
            path=str(folder),
            hint="give the folder lawtool corpus import-all wrote (make corpus-all: build/corpus)",
        )
    try:
        data = json.loads(report.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise InputError(
            f"report.json cannot be read: {str(exc)[:200] or type(exc).__name__}",
            path=str(report),
            hint="run lawtool corpus import-all again",
        ) from None
    texts = data.get("texts") if isinstance(data, dict) else None
    if not isinstance(texts, list):
        raise InputError(
            "report.json has no list of texts", path=str(report), hint="run lawtool corpus import-all again"
        )
    return [t for t in texts if isinstance(t, dict) and t.get("output") and t.get("status") != "refused"]


def load_corpus(
    folder: Path, taken_works: set[str], say: Callable[[str], None], count: Count | None = None
) -> list[tuple[Path, Document, CorpusText]]:
    """The documents of the corpus build folder ``folder`` that the site publishes (see the module
    docstring): (path, document, what the site says of it), in the report's order."""
    folder = Path(folder)
    entries = read_report(folder)
    base = Path(os.path.abspath(folder))
    out: list[tuple[Path, Document, CorpusText]] = []
    seen: dict[str, str] = {}
    left_out = 0
    for k, entry in enumerate(entries, 1):
        if count:
            count("texts read", k, len(entries))
        path = Path(os.path.normpath(base / str(entry["output"])))  # (an "output" with ../ stays out)
        if not path.is_relative_to(base) or not path.is_file():
            say(f"corpus: {entry['output']} is not in {folder}: left out")
            continue
        try:
            document = Document.load(path)
        except LawtoolError as exc:
            say(f"corpus: {path.name} left out: {exc}")
            continue
        uri = document.frbr_expression
        if uri is None:
            say(f"corpus: {path.name} has no FRBR expression URI: left out")
            continue
        work, expression = uri.work_uri(), uri.expression_uri()
        source = str(entry.get("file") or path.name)
        if work in taken_works:
            say(f"corpus: {source} is {work}, already in law/ or bills/: the repository's text is published")
            left_out += 1
            continue
        if expression in seen:
            say(f"corpus: {source} is {expression} again (as {seen[expression]}): published once")
            left_out += 1
            continue
        seen[expression] = source
        text = CorpusText(
            source, str(entry.get("kind") or "text"), subject_of(source), str(entry.get("number") or ""), year_of(work)
        )
        out.append((path, document, text))
    if left_out:
        say(f"corpus: {len(out)} texts published, {left_out} left out (same work or expression as another)")
    return out


def mark_citations(documents: list[Document], others: list[Document], count: Count | None = None) -> int:
    """Mark the citations of ``documents`` (in memory) against ``documents`` and ``others`` (law/,
    bills/); returns how many ``ref``/``rref`` were added."""

    index = CitationIndex()
    for document in list(others) + list(documents):
        index.add(document)
    added = 0
    for k, document in enumerate(documents, 1):
        added += mark_document(document, index)
        if count:
            count("citations marked", k, len(documents))
    return added
