"""The corpus: the texts lawtool works on, read once.

A :class:`Corpus` is a repository's law/ and bills/ (laid out by FRBR URI, see docs/corpus.md) and,
when given, a *corpus build folder*: the folder ``lawtool corpus import-all`` wrote (``report.json``
and ``akn/*.xml``, build/corpus by default).  It finds its files with one walk and parses each
document once, on first use; the indexes every stage needs are *views* over it, made by their own
stage on first use and kept on the corpus (:meth:`Corpus.view`):

    ArticleIndex.of(corpus)      lawtool.xref.resolve    the articles of every work, by work URI
    backlinks(corpus)            lawtool.xref.index      every citation of law/ and bills/, who cites what
    site_index(corpus)           lawtool.publish.index   the site's pages, places, links and definitions
    records(site_index(...))     lawtool.publish.search  the search entries

Slow views are also kept on disk (:meth:`Corpus.cached`, build/cache) under a key made of the bytes of
their inputs and of lawtool's whole code and data, so nothing stale is ever reused.

This module also holds the layout helpers every stage shares: :func:`shared_dir` (the read-only
shared folder) and :func:`load_yaml` (import.yaml, recipes, reports.yaml).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from .akn import Document, atomic_write
from .errors import InputError, LawtoolError
from .frbr import UNKNOWN_DATE
from .outputs import regular_files
from .version import code_key
from .yaml_input import read_yaml_file

CORPUS_DIRS = ("law", "bills")
SOURCE_NAME = re.compile(r"^ma-adala-(?P<subject>[a-z][a-z-]*?)-(?P<n>\d+)\.txt$")

Count = Callable[[str, int, int], None]  # (step, done, total)
Say = Callable[[str], None]
T = TypeVar("T")


def shared_dir(root: Path) -> Path:
    """The shared folder: ``$LAWTOOL_SHARED``, else ``../shared`` beside the repository."""
    env = os.environ.get("LAWTOOL_SHARED")
    return Path(env) if env else (Path(root).resolve().parent / "shared")


def load_yaml(path: Path):
    """import.yaml, a recipe or reports.yaml, through the one safe YAML loader."""

    return read_yaml_file(path, what="a YAML mapping (see docs/corpus.md)")


def corpus_files(root: Path) -> list[Path]:
    """The expressions of law/ and bills/: regular *.xml files, never through a symbolic link."""

    return sorted(p for top in CORPUS_DIRS for p in regular_files(Path(root) / top) if p.suffix == ".xml")


def cached(root: Path, name: str, inputs: list[Path], make: Callable[[], dict]) -> dict:
    """``make()``, kept as JSON in ``root``/build/cache (git-ignored) under a key made of the bytes
    of ``inputs`` and of lawtool's whole code and data (:func:`lawtool.version.code_key`): made
    again when an input or lawtool changes; one file per ``name``."""
    digest = hashlib.sha256(code_key().encode())
    for path in inputs:
        digest.update(str(path.name).encode() + b"\0" + path.read_bytes())
    target = Path(root) / "build" / "cache" / f"{name}-{digest.hexdigest()[:32]}.json"
    if target.is_file():
        return json.loads(target.read_text(encoding="utf-8"))
    data = make()
    target.parent.mkdir(parents=True, exist_ok=True)
    for old in target.parent.glob(f"{name}-*.json"):
        old.unlink(missing_ok=True)
    atomic_write(target, json.dumps(data, ensure_ascii=False, default=str).encode("utf-8"))
    return data


# -- the corpus build folder ----------------------------------------------------------------------------


@dataclass(frozen=True)
class CorpusText:
    """What is known of a text of the corpus build folder besides its AKN: where it comes from and
    how it is browsed."""

    source: str  # the source file's name (ma-adala-administrative-113.txt)
    kind: str  # the report's kind (decree, dahir, promulgated-law, order, treaty, text)
    subject: str  # the Adala folder (administrative); "" when the file name does not say
    number: str  # the text's number as written in its heading (2.75.3), "" when it has none
    year: str  # the work's year (from its FRBR URI)


@dataclass
class BuildText:
    """One text of the corpus build folder: its AKN file, its document and what else is known of it."""

    path: Path
    document: Document
    text: CorpusText


def subject_of(source: str) -> str:
    """``ma-adala-health-social-12.txt`` → ``health-social`` ("" when the name has another form)."""
    m = SOURCE_NAME.match(source)
    return m.group("subject") if m else ""


def year_of(work_uri: str) -> str:
    """The year of a work URI; "" for the import's placeholder (a heading that gives no date)."""
    for part in work_uri.split("/"):
        if re.fullmatch(r"\d{4}", part):
            return "" if part == UNKNOWN_DATE[:4] else part
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


def read_build_folder(folder: Path, taken_works: set[str], say: Say, count: Count | None = None) -> list[BuildText]:
    """The texts of the corpus build folder ``folder``, in the report's order.  A text whose work is
    in ``taken_works`` (law/ and bills/: the repository's curated text wins), a second file of the
    same expression, a file outside ``folder`` and a file that cannot be read are left out, each
    said through ``say``."""
    folder = Path(folder)
    entries = read_report(folder)
    base = Path(os.path.abspath(folder))
    out: list[BuildText] = []
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
        out.append(BuildText(path, document, text))
    if left_out:
        say(f"corpus: {len(out)} texts published, {left_out} left out (same work or expression as another)")
    return out


# -- the corpus ---------------------------------------------------------------------------------------------


class Corpus:
    """law/ and bills/ of ``root`` and, when given, the corpus build folder ``build_folder``."""

    def __init__(self, root: str | Path, build_folder: str | Path | None = None):
        self.root = Path(root)
        self.build_folder = Path(build_folder) if build_folder is not None else None
        self._documents: dict[Path, Document] = {}
        self._build_texts: list[BuildText] | None = None
        self._views: dict[str, Any] = {}

    def __repr__(self) -> str:
        extra = f", build_folder={str(self.build_folder)!r}" if self.build_folder else ""
        return f"Corpus({str(self.root)!r}{extra})"

    # -- law/ and bills/ ------------------------------------------------------------------------------------
    @cached_property
    def files(self) -> list[Path]:
        """The AKN files of law/ and bills/ (one walk, sorted)."""
        return corpus_files(self.root)

    def document(self, path: Path) -> Document:
        """The document of ``path`` (a file of :attr:`files`), parsed on first use; a file that
        cannot be read raises its LawtoolError (naming the file) each time it is asked for."""
        path = Path(path)
        if path not in self._documents:
            self._documents[path] = Document.load(path)
        return self._documents[path]

    def readable(self) -> list[Document]:
        """The documents of law/ and bills/ that can be read, in file order (a broken file is the
        validator's business: ``lawtool validate`` names it)."""
        out = []
        for path in self.files:
            try:
                out.append(self.document(path))
            except LawtoolError:
                continue
        return out

    def kind_of(self, path: Path) -> str:
        """``bill`` (under bills/, or a document of type bill) or ``law``."""
        top = Path(path).relative_to(self.root).parts[0]
        return "bill" if top == "bills" or self.document(path).doctype == "bill" else "law"

    # -- the corpus build folder --------------------------------------------------------------------------------
    def build_texts(self, say: Say | None = None, count: Count | None = None) -> list[BuildText]:
        """The texts of the corpus build folder (none without one), read once
        (:func:`read_build_folder`; a work already in law/ or bills/ is left out)."""
        if self._build_texts is None:
            if self.build_folder is None:
                self._build_texts = []
            else:
                taken = {uri.work_uri() for d in self.readable() if (uri := d.frbr_expression) is not None}
                self._build_texts = read_build_folder(self.build_folder, taken, say or (lambda m: None), count)
        return self._build_texts

    # -- views --------------------------------------------------------------------------------------------
    def view(self, name: str, make: Callable[[], T]) -> T:
        """The view ``name`` of this corpus, made by ``make()`` on first use and kept."""
        if name not in self._views:
            self._views[name] = make()
        return self._views[name]

    def cached(self, name: str, make: Callable[[], dict]) -> dict:
        """``make()`` kept on disk (build/cache) under the bytes of law/ and bills/ and lawtool's code."""
        return cached(self.root, name, self.files, make)
