"""The corpus build folder on the site (``lawtool publish --corpus DIR``): every text that
``lawtool corpus import-all`` wrote into DIR, read beside law/ and bills/.

DIR is the folder import-all makes: ``report.json`` (one entry per source text: its file name, kind,
FRBR URI, number, the AKN file it wrote) and ``akn/*.xml``; the :class:`~lawtool.corpus.Corpus`
reads it (:func:`lawtool.corpus.read_build_folder`).  For each imported text:

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

from functools import lru_cache
from pathlib import Path

from ..corpus import Corpus, Count
from ..xref.mark import mark_document
from ..xref.resolve import ArticleIndex

DATA = Path(__file__).parent / "data" / "adala-subjects.yaml"


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


def mark_citations(corpus: Corpus, count: Count | None = None) -> int:
    """Mark the citations of the corpus build folder's texts (in memory) against every text of
    ``corpus`` (law/, bills/ and the build folder); returns how many ``ref``/``rref`` were added."""

    index = ArticleIndex.of(corpus, with_build_folder=True)
    texts = corpus.build_texts()
    added = 0
    for k, text in enumerate(texts, 1):
        added += mark_document(text.document, index)
        if count:
            count("citations marked", k, len(texts))
    return added
