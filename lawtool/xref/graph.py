"""The citation graph of a whole corpus: which text cites which, at work and at article level.

    graph = build_graph(["law", "bills", "build/corpus"])      # folders of AKN XML
    write_graph(graph, "out/")       # graph.json, edges-works.csv, edges-articles.csv, works.graphml,
                                     # articles.graphml, unresolved.csv, findings.json

Every document is read once, on every core (:func:`read_one`: its own articles and its citations,
resolved without the corpus); the graph is then assembled from what the documents say about
themselves: an article citation of a work the corpus holds gets that article's eId, and is a
*broken citation* (a :class:`lawtool.findings.Finding`, rule ``missing-article``, with the citing
file and eId) when the work has no such article.  Internal citations (a text citing itself) are
counted, not drawn.  A citation of a text the corpus does not hold (no URI: a law outside the
corpus, a foreign law, a text cited by its date) is listed under ``unresolved`` with its number or
name and its places — never dropped, never linked.
"""

from __future__ import annotations

import csv
import json
import os
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from ..akn import Document, atomic_write
from ..eids import article_eid
from ..findings import Finding
from .names import table
from .resolve import WorkArticles, _xml_files, expand_range
from .sources import DocumentReader

FORMAT = "lawtool-xref-graph/1"
TOP = 50


@dataclass
class DocumentCitations:
    """What one document says: who it is, its articles, and its citations (plain values)."""

    path: str
    work: str | None
    title: str | None
    date: str | None
    articles: WorkArticles | None
    citations: list[dict] = field(default_factory=list)
    internal: int = 0
    error: str | None = None


def _source_article(eid: str | None) -> str | None:
    if not eid:
        return None
    head = eid.split("__", 1)[0]
    return head if head.startswith(("art_", "preamble", "preface", "note", "conclusions")) else eid


def read_one(path: str) -> DocumentCitations:
    """One document's articles and citations (resolved without the corpus: URIs, not eIds)."""
    try:
        document = Document.load(path)
    except Exception as error:  # a broken file is reported, the others still read
        return DocumentCitations(path, None, None, None, None, error=str(error).splitlines()[0][:200])
    work = document.frbr_work
    uri = work.work_uri() if work else None
    reader = DocumentReader(document, None)
    out = DocumentCitations(path, uri, document.title, document.expression_date or document.work_date, reader.articles)
    for c in (c for _, citations in reader.read() for c in citations):
        if c.internal:
            out.internal += 1
            continue
        out.citations.append(
            {
                "eid": c.eid,
                "text": " ".join(c.text.split()),
                "kind": c.kind,
                "work": c.work,
                "cited_law": c.cited_law,
                "articles": list(c.articles),
                "range": c.range,
                "bounds": [(s[2][0], s[2][-1]) for s in c.spans if len(s[2]) > 1] if c.range else [],
                "problem": c.problem,
            }
        )
    return out


def read_all(paths, jobs: int | None = None) -> list[DocumentCitations]:
    files = [str(p) for p in _xml_files(paths)]
    jobs = jobs or os.cpu_count() or 1
    if jobs <= 1 or len(files) < 8:
        return [read_one(f) for f in files]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(read_one, files, chunksize=16))


@dataclass
class Graph:
    documents: dict[str, dict] = field(default_factory=dict)  # work URI → title, date, path
    work_edges: Counter = field(default_factory=Counter)  # (source work, target work)
    article_edges: Counter = field(default_factory=Counter)  # (source work~eid, target work~eid)
    unresolved: dict[str, dict] = field(default_factory=dict)  # number or name → count, places
    findings: list[Finding] = field(default_factory=list)
    internal: int = 0
    citations: int = 0
    unreadable: list[dict] = field(default_factory=list)

    def cited_by(self, level: str = "work") -> dict[str, Counter]:
        edges = self.work_edges if level == "work" else self.article_edges
        out: dict[str, Counter] = defaultdict(Counter)
        for (source, target), n in edges.items():
            out[target][source] += n
        return out


def build_graph(paths, jobs: int | None = None) -> Graph:
    docs = read_all(paths, jobs)
    graph = Graph()
    held: dict[str, WorkArticles] = {}
    for d in docs:
        if d.error is not None:
            graph.unreadable.append({"path": d.path, "error": d.error})
            continue
        if d.work:
            graph.documents.setdefault(d.work, {"title": d.title, "date": d.date, "path": d.path})
            if d.articles is not None and (d.work not in held or len(d.articles.order) > len(held[d.work].order)):
                held[d.work] = d.articles
    for d in docs:
        if d.error is None:
            _add_document(graph, d, held)
    graph.findings.sort(key=lambda f: (f.file or "", f.eid or "", f.message))
    return graph


def _add_document(graph: Graph, d: DocumentCitations, held: dict[str, WorkArticles]) -> None:
    graph.internal += d.internal
    source = d.work or d.path
    for c in d.citations:
        graph.citations += 1
        target = c["work"]
        if target is None:
            _unresolved(graph, c, d)
            continue
        if target == source:
            graph.internal += 1
            continue
        graph.work_edges[(source, target)] += 1
        if c["kind"] != "article":
            continue
        info = held.get(target)
        numbers = _expanded(c, info)
        place = f"{source}/~{_source_article(c['eid'])}" if c["eid"] else source
        for number in numbers:
            inserting = "mod_" in (c["eid"] or "")  # an amendment that inserts the article it names
            if (
                info is not None
                and info.order
                and not inserting
                and not info.has(number)
                and article_eid(number) not in info.all_eids
            ):
                graph.findings.append(_broken(d, c, target, number, info))
                continue
            eid = info.eid(number) if info is not None else article_eid(number)
            graph.article_edges[(place, f"{target}/~{eid}")] += 1


def _expanded(c: dict, info: WorkArticles | None) -> list[str]:
    """The articles of a citation; a range expanded with the cited work's own article list."""
    if not c["range"] or info is None or not info.order:
        return c["articles"]
    out: list[str] = []
    singles = set(c["articles"])
    for low, high in c["bounds"]:
        numbers, _ = expand_range(low, high, info.order)
        out += numbers
    covered = set(out)
    for low, high in c["bounds"]:
        singles -= set(expand_range(low, high, None)[0])
    return list(dict.fromkeys(out + [n for n in c["articles"] if n in singles and n not in covered]))


def _unresolved(graph: Graph, c: dict, d: DocumentCitations) -> None:
    law = c["cited_law"] or {}
    key = law.get("number") or law.get("name") or law.get("kind") or "?"
    entry = graph.unresolved.setdefault(key, {"kind": law.get("kind"), "count": 0, "places": [], "problem": None})
    entry["count"] += 1
    entry["problem"] = entry["problem"] or c["problem"]
    if len(entry["places"]) < 20:
        entry["places"].append(
            {"path": d.path, "eid": c["eid"], "text": c["text"][:120], "articles": c["articles"][:20]}
        )


def _broken(d: DocumentCitations, c: dict, target: str, number: str, info: WorkArticles) -> Finding:
    return Finding(
        "missing-article",
        "error",
        c["eid"],
        f"«{c['text'][:80]}» cites article {number} of {target}, which has no such article "
        f"({len(info.order)} articles, last {info.order[-1]})",
        file=d.path,
        frbr_uri=d.work,
        message_ar=f"إحالة على مادة غير موجودة: المادة {number} من {target}",
        hint="check the article number, or the text the citation was resolved to",
    )


# -- the outputs ------------------------------------------------------------------------------------------


def summary(graph: Graph, top: int = TOP) -> dict:
    works_in: Counter[str] = Counter()
    for (_, target), n in graph.work_edges.items():
        works_in[target] += n
    articles_in: Counter[tuple[str, str]] = Counter()
    for (_, target), n in graph.article_edges.items():
        articles_in[target] += n
    return {
        "documents": len(graph.documents),
        "citations": graph.citations,
        "internal_citations": graph.internal,
        "work_edges": len(graph.work_edges),
        "work_citations": sum(graph.work_edges.values()),
        "article_edges": len(graph.article_edges),
        "article_citations": sum(graph.article_edges.values()),
        "unresolved_citations": sum(e["count"] for e in graph.unresolved.values()),
        "unresolved_texts": len(graph.unresolved),
        "broken_citations": len(graph.findings),
        "unreadable": len(graph.unreadable),
        "most_cited_works": [{"work": w, "title": _title(graph, w), "cited": n} for w, n in works_in.most_common(top)],
        "most_cited_articles": [{"article": a, "cited": n} for a, n in articles_in.most_common(top)],
    }


def _title(graph: Graph, uri: str) -> str | None:
    title = (graph.documents.get(uri) or {}).get("title")
    if title:
        return title
    return table().title_of(uri)


def to_json(graph: Graph) -> dict:
    def backlinks(level):
        return {
            t: [{"source": s, "count": n} for s, n in sorted(c.items())]
            for t, c in sorted(graph.cited_by(level).items())
        }

    return {
        "format": FORMAT,
        "summary": summary(graph),
        "documents": dict(sorted(graph.documents.items())),
        "work_edges": [{"source": s, "target": t, "count": n} for (s, t), n in sorted(graph.work_edges.items())],
        "article_edges": [{"source": s, "target": t, "count": n} for (s, t), n in sorted(graph.article_edges.items())],
        "cited_by": {"works": backlinks("work"), "articles": backlinks("article")},
        "unresolved": dict(sorted(graph.unresolved.items(), key=lambda kv: (-kv[1]["count"], kv[0]))),
        "findings": [f.to_dict() for f in graph.findings],
        "unreadable": graph.unreadable,
    }


def _graphml(edges: Counter, titles: dict[str, dict]) -> str:
    nodes = sorted({n for edge in edges for n in edge})
    ids = {n: f"n{k}" for k, n in enumerate(nodes)}
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
        '  <key id="uri" for="node" attr.name="uri" attr.type="string"/>',
        '  <key id="title" for="node" attr.name="title" attr.type="string"/>',
        '  <key id="count" for="edge" attr.name="count" attr.type="int"/>',
        '  <graph id="citations" edgedefault="directed">',
    ]
    for n in nodes:
        title = (titles.get(n.split("/~", 1)[0]) or {}).get("title") or ""
        lines.append(
            f'    <node id="{ids[n]}"><data key="uri">{escape(n)}</data><data key="title">{escape(title)}</data></node>'
        )
    for k, ((s, t), count) in enumerate(sorted(edges.items())):
        lines.append(f'    <edge id="e{k}" source="{ids[s]}" target="{ids[t]}"><data key="count">{count}</data></edge>')
    lines += ["  </graph>", "</graphml>", ""]
    return "\n".join(lines)


OUTPUTS = (
    "graph.json",
    "edges-works.csv",
    "edges-articles.csv",
    "works.graphml",
    "articles.graphml",
    "unresolved.csv",
    "findings.json",
)


def write_graph(graph: Graph, out_dir: str | Path) -> list[Path]:
    """Write the graph's files into ``out_dir`` (atomically, one by one); returns their paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    data = to_json(graph)
    texts = {
        "graph.json": json.dumps(data, ensure_ascii=False, indent=1) + "\n",
        "edges-works.csv": _csv(
            ["source", "target", "count"], [(s, t, n) for (s, t), n in sorted(graph.work_edges.items())]
        ),
        "edges-articles.csv": _csv(
            ["source", "target", "count"], [(s, t, n) for (s, t), n in sorted(graph.article_edges.items())]
        ),
        "works.graphml": _graphml(graph.work_edges, graph.documents),
        "articles.graphml": _graphml(graph.article_edges, graph.documents),
        "unresolved.csv": _csv(
            ["cited", "kind", "count", "problem", "first_place"],
            [
                (
                    k,
                    e["kind"],
                    e["count"],
                    e["problem"] or "",
                    f"{e['places'][0]['path']}:{e['places'][0]['eid']}" if e["places"] else "",
                )
                for k, e in data["unresolved"].items()
            ],
        ),
        "findings.json": json.dumps({"findings": data["findings"]}, ensure_ascii=False, indent=1) + "\n",
    }
    written = []
    for name in OUTPUTS:
        path = out / name
        atomic_write(path, texts[name].encode("utf-8"))
        written.append(path)
    return written


def _csv(header, rows) -> str:
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()
