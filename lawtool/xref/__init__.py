"""Cross-references: detect citations of articles and laws, resolve them to FRBR URIs and eIds,
mark them up as AKN ``ref`` elements, check them against the corpus, and index the backlinks.

    patterns  the words: anchors, numbers, lists, ranges, the cited work's phrase
    resolve   the targets: works, corpus article lists, context (quotations, look-backs)
    sources   the texts: AKN blocks and notes, raw texts with their headings and quotations
    identity  a text's own numbers (its title and promulgation heading are not citations)
    names     every text of the corpus by its numbers and names (data/names.yaml, built by names_build)
    mark      ``ref``/``rref`` elements written into a document
    check     findings on the refs of law/ and bills/
    index     backlinks: who cites what
    graph     the citation graph of a whole corpus (JSON, CSV, GraphML, broken citations as findings)
"""

from .resolve import ArticleIndex, Citation, WorkArticles, expand_range
from .sources import extract_document, extract_text

__all__ = ["Citation", "ArticleIndex", "WorkArticles", "expand_range", "extract_document", "extract_text"]
