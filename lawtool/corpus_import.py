"""A whole folder of official texts → Akoma Ntoso in a build folder, with a quality report.

    lawtool corpus import-all ../shared/sources/adala/corpus --out build/corpus

Each text is imported as ``lawtool import`` would without a URI (identity from its heading),
checked against the official XSD and by the importer's self-checks, and measured by the
independent spelling check.  The work is spread over every core and is incremental: a text is
imported again only when its source or lawtool itself changed (the key hashes both).  The build
folder holds ``akn/<source stem>.xml``, ``state.json`` (the cache) and ``report.json`` /
``report.md``: per text its kind, FRBR URI, counts, repairs, uncertain items, suspect share and
findings; over the corpus the distributions, worst texts first.  Library code: it never prints;
progress goes to a callback.
"""

from __future__ import annotations

import hashlib
import json
import os
import statistics
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from .akn import atomic_write, remove_stale_temporaries, text_of
from .arabic import strip_marks
from .errors import InputError, LawtoolError
from .importer import import_text, read_source
from .importer.build import UNREADABLE
from .importer.ligatures import damage_signatures
from .importer.suspects import HunspellMissing, suspect_shares, tokenize
from .validate import check_schema
from .version import code_key

REPORT_SCHEMA = "lawtool.corpus-import/1"
PACKAGE = Path(__file__).resolve().parent


@dataclass
class Options:
    out: Path
    spelling: bool = True  # the hunspell suspect share of each text
    schema: bool = True  # each output against the official XSD


def import_one(source: Path, options: Options) -> dict:
    """Import one text into ``options.out/akn``; its entry of the report.  Never raises for
    a text lawtool cannot read: the entry says so (status ``refused``)."""
    started = time.perf_counter()
    entry: dict = {"file": source.name}
    try:
        raw = read_source(source)
        entry["sha256"] = hashlib.sha256(raw.encode("utf-8")).hexdigest()
        document, report = import_text(raw, None, source_name=source.name)
    except LawtoolError as error:
        entry.update(status="refused", error=str(error), seconds=round(time.perf_counter() - started, 3))
        return entry
    target = options.out / "akn" / f"{source.stem}.xml"
    # import_all cleans the folder once; the output is made again from its source if it is ever lost
    atomic_write(target, document.to_bytes(), clean=False, durable=False)
    findings = list(report.findings)
    if options.schema:
        findings += check_schema(document)
    articles = document.articles()
    entry.update(
        output=str(target.relative_to(options.out)),
        kind=report.identity.get("kind"),
        frbr_uri=report.identity.get("frbr_uri"),
        number=report.identity.get("number"),
        title=document.title,
        counts={
            "articles": len(articles),
            "quoted_articles": len(document.articles(include_quoted=True)) - len(articles),
            **{k: v for k, v in report.counts.items() if k != "article"},
        },
        repairs=report.repairs,
        repairs_total=sum(report.repairs.values()),
        uncertain=len(report.uncertain),
        findings=[f.to_dict() for f in findings],
    )
    # the damaged words the importer marked unreadable in the text are counted apart: they are shown
    # to readers for what they are; a signature left unmarked is a damage nothing says
    marked = Counter(
        strip_marks(el.text or "") for el in document.root.iter("{*}inline") if el.get("name") == UNREADABLE
    )
    signatures = damage_signatures("\n".join(document.root.itertext())) - marked
    if signatures:
        entry["damage_signatures"] = dict(signatures.most_common())
    if marked:
        entry["unreadable_words"] = dict(marked.most_common())
    if options.spelling:
        entry["_tokens"] = dict(Counter(tokenize("\n".join(text_of(p) for p in document.main.iter("{*}p")))))
    entry["status"] = "clean" if not any(f.severity in ("error", "warning") for f in findings) else "findings"
    entry["seconds"] = round(time.perf_counter() - started, 3)
    return entry


def _add_suspects(entries: list[dict]) -> None:
    """The hunspell suspect share of each newly imported text, all texts in one dictionary load."""
    counts = {e["file"]: e.pop("_tokens") for e in entries if "_tokens" in e}
    try:
        shares = suspect_shares(counts)
    except HunspellMissing as exc:
        for e in entries:
            if e["file"] in counts:
                e["suspects"] = {"available": False, "message": str(exc)}
        return
    for e in entries:
        if e["file"] in shares:
            r = shares[e["file"]]
            e["suspects"] = {
                "available": True,
                "tokens": r.tokens,
                "suspects": r.suspects,
                "share_percent": round(100 * r.share, 3),
                "examples": r.examples,
            }


def import_all(
    folder: Path,
    out: Path,
    *,
    jobs: int | None = None,
    force: bool = False,
    spelling: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> dict:
    """Import every ``*.txt`` of ``folder`` into ``out``; returns the report (also written as
    ``out/report.json`` and ``out/report.md``)."""
    sources = _source_texts(folder)
    out.mkdir(parents=True, exist_ok=True)
    if (out / "akn").is_dir():
        remove_stale_temporaries(out / "akn")  # left by a run killed mid-write
    key = code_key()
    state_path = out / "state.json"
    entries, todo = _reusable(_load_state(state_path, key) if not force else {}, sources, out)
    started = time.perf_counter()
    done = len(entries)
    if progress:
        progress(done, len(sources))
    for entry in _imported(todo, Options(out=out, spelling=spelling), jobs):
        entries[entry["file"]] = _keyed(entry, folder)
        done += 1
        if progress:
            progress(done, len(sources))
    _add_suspects([entries[s.name] for s in todo if s.name in entries])
    _remove_stale(out, {s.stem for s in sources})
    os.sync()  # the outputs (written without fsync each) reach the disk before the state names them
    atomic_write(state_path, json.dumps({"lawtool_key": key, "texts": entries}, ensure_ascii=False).encode())
    report = build_report(
        [entries[s.name] for s in sources], folder=folder, imported=len(todo), seconds=time.perf_counter() - started
    )
    atomic_write(out / "report.json", json.dumps(report, ensure_ascii=False, indent=1).encode())
    atomic_write(out / "report.md", render_markdown(report).encode())
    return report


def _source_texts(folder: Path) -> list[Path]:
    """The ``*.txt`` files of ``folder`` (not symbolic links), sorted; an error when there is none."""
    if not folder.is_dir():
        raise InputError("not a folder", path=str(folder), hint="give the folder of the .txt texts")
    sources = sorted(p for p in folder.glob("*.txt") if p.is_file() and not p.is_symlink())
    if not sources:
        raise InputError("no .txt file in the folder", path=str(folder), hint="give the folder of the texts")
    return sources


def _reusable(state: dict, sources: list[Path], out: Path) -> tuple[dict[str, dict], list[Path]]:
    """The entries of the previous run still valid (same source, output present or refused again),
    and the sources to import."""
    entries: dict[str, dict] = {}
    todo = []
    for source in sources:
        cached = state.get(source.name)
        if (
            cached
            and cached.get("source_key") == _source_key(source)
            and (cached.get("status") == "refused" or (out / cached.get("output", "-")).is_file())
        ):
            entries[source.name] = cached
        else:
            todo.append(source)
    return entries, todo


def _imported(todo: list[Path], options: Options, jobs: int | None) -> Iterator[dict]:
    """The entry of each text of ``todo`` as its import ends: over ``jobs`` processes (default:
    every core), the largest texts first; in this process for one job or fewer than 4 texts."""
    workers = max(1, jobs or os.cpu_count() or 1)
    if workers == 1 or len(todo) < 4:
        for source in todo:
            yield import_one(source, options)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(import_one, source, options) for source in _largest_first(todo)]
        for future in as_completed(futures):
            yield future.result()


def _source_key(source: Path) -> str:
    stat = source.stat()
    return f"{stat.st_size}:{hashlib.sha256(source.read_bytes()).hexdigest()[:16]}"


def _keyed(entry: dict, folder: Path) -> dict:
    entry["source_key"] = _source_key(folder / entry["file"])
    return entry


def _largest_first(sources: list[Path]) -> list[Path]:
    """The big texts start first, so that no core waits for one at the end."""
    return sorted(sources, key=lambda p: p.stat().st_size, reverse=True)


def _load_state(path: Path, key: str) -> dict:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data.get("texts", {}) if data.get("lawtool_key") == key else {}


def _remove_stale(out: Path, stems: set[str]) -> None:
    """Outputs of sources that are gone: the build folder mirrors the source folder."""
    for path in (out / "akn").glob("*.xml"):
        if path.stem not in stems:
            path.unlink()


# -- the report ---------------------------------------------------------------------------------------


def _warnings_and_errors(entry: dict) -> list[dict]:
    return [f for f in entry["findings"] if f["severity"] != "info"]


def _has_finding(entry: dict, rule: str, severity: str | None = None) -> bool:
    return any(f["rule"] == rule and (severity is None or f["severity"] == severity) for f in entry["findings"])


def _article_count_disagrees(entry: dict) -> bool:
    """The article numbers differ from the source's headings (a text without any article heading,
    imported without articles, agrees with its source)."""
    return _has_finding(entry, "article-count") or _has_finding(entry, "no-article", "error")


def _article_measures(imported_ok: list[dict]) -> dict:
    """How many articles, texts without any, and how often the articles match the source's headings."""
    article_mismatch = [e for e in imported_ok if _article_count_disagrees(e)]
    return {
        "articles": sum(e["counts"]["articles"] for e in imported_ok),
        "zero_articles": sum(1 for e in imported_ok if e["counts"]["articles"] == 0),
        "zero_articles_with_headings": [
            e["file"] for e in imported_ok if e["counts"]["articles"] == 0 and _has_finding(e, "no-article", "error")
        ],
        "article_count_agrees_percent": round(100 * (1 - len(article_mismatch) / max(1, len(imported_ok))), 2),
    }


def _finding_counts(imported_ok: list[dict]) -> dict:
    """Warnings and errors by rule (findings, and texts with one), repairs by kind."""
    rules = Counter(f["rule"] for e in imported_ok for f in _warnings_and_errors(e))
    texts_by_rule = Counter(r for e in imported_ok for r in {f["rule"] for f in _warnings_and_errors(e)})
    return {
        "findings_by_rule": dict(rules.most_common()),
        "texts_by_rule": dict(texts_by_rule.most_common()),
        "repairs_by_kind": dict(sum((Counter(e["repairs"]) for e in imported_ok), Counter()).most_common()),
    }


def build_report(entries: list[dict], *, folder: Path, imported: int, seconds: float) -> dict:
    """The quality report of a run over ``entries`` (one per source text, in the folder's order)."""
    imported_ok = [e for e in entries if e["status"] != "refused"]
    shares = [e["suspects"]["share_percent"] for e in imported_ok if e.get("suspects", {}).get("available")]
    summary = {
        "texts": len(entries),
        "imported": len(imported_ok),
        "refused": len(entries) - len(imported_ok),
        "reimported_this_run": imported,
        "seconds": round(seconds, 1),
        "status": dict(Counter(e["status"] for e in entries)),
        "kinds": dict(Counter(e.get("kind") or "refused" for e in entries).most_common()),
        **_article_measures(imported_ok),
        "schema_invalid": [e["file"] for e in imported_ok if _has_finding(e, "schema")],
        "damage_signatures": {e["file"]: e["damage_signatures"] for e in imported_ok if e.get("damage_signatures")},
        "unreadable_words": {e["file"]: e["unreadable_words"] for e in imported_ok if e.get("unreadable_words")},
        "suspect_share_percent": _distribution(shares),
        **_finding_counts(imported_ok),
    }
    worst = sorted(imported_ok, key=_badness, reverse=True)
    return {
        "schema": REPORT_SCHEMA,
        "source": str(folder),
        "summary": summary,
        "worst": [e["file"] for e in worst[:50]],
        "refused": [{"file": e["file"], "error": e["error"]} for e in entries if e["status"] == "refused"],
        "texts": entries,
    }


def _distribution(values: list[float]) -> dict:
    if not values:
        return {}
    ordered = sorted(values)

    def pct(q: float) -> float:
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]

    return {
        "median": round(statistics.median(ordered), 3),
        "p90": pct(0.9),
        "p99": pct(0.99),
        "max": ordered[-1],
        "over_1_percent": sum(v > 1 for v in ordered),
        "over_0_5_percent": sum(v > 0.5 for v in ordered),
    }


def _badness(entry: dict) -> tuple:
    errors = sum(f["severity"] == "error" for f in entry["findings"])
    warnings = sum(f["severity"] == "warning" and f["rule"] != "uncertain-repair" for f in entry["findings"])
    share = entry.get("suspects", {}).get("share_percent", 0)
    return errors, warnings, share


def render_markdown(report: dict) -> str:
    s = report["summary"]
    lines = [
        f"# Corpus import report ({s['texts']} texts)",
        "",
        f"Source: `{report['source']}`. Imported {s['imported']}, refused {s['refused']}; "
        f"{s['reimported_this_run']} imported in this run ({s['seconds']} s).",
        "",
        "| measure | value |",
        "|---|---|",
        f"| articles | {s['articles']} |",
        f"| texts with 0 articles | {s['zero_articles']} (with article headings in the source: "
        f"{len(s['zero_articles_with_headings'])}) |",
        f"| article numbers = the source's headings | {s['article_count_agrees_percent']} % of texts |",
        f"| outputs invalid against the XSD | {len(s['schema_invalid'])} |",
        f"| texts whose output holds a damage signature not marked unreadable | {len(s['damage_signatures'])} |",
        f"| texts with words marked unreadable (kept as printed) | {len(s.get('unreadable_words', {}))} |",
    ]
    for key, value in s["suspect_share_percent"].items():
        lines.append(f"| suspect share {key} | {value}{' %' if 'over' not in key else ' texts'} |")
    lines += ["", "## Kinds", "", "| kind | texts |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in s["kinds"].items()]
    lines += ["", "## Findings (warnings and errors)", "", "| rule | findings | texts |", "|---|---|---|"]
    lines += [f"| {rule} | {n} | {s['texts_by_rule'].get(rule, 0)} |" for rule, n in s["findings_by_rule"].items()]
    lines += ["", "## Repairs by kind", "", "| kind | repairs |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in s["repairs_by_kind"].items()]
    by_file = {e["file"]: e for e in report["texts"]}
    lines += [
        "",
        "## Worst texts first",
        "",
        "| text | kind | articles | suspect % | findings |",
        "|---|---|---|---|---|",
    ]
    for name in report["worst"][:30]:
        e = by_file[name]
        rules = Counter(f["rule"] for f in e["findings"] if f["severity"] != "info")
        lines.append(
            f"| {name} | {e.get('kind')} | {e['counts']['articles']} | "
            f"{e.get('suspects', {}).get('share_percent', '')} | "
            f"{', '.join(f'{r} ×{n}' for r, n in rules.most_common(4))} |"
        )
    if s["damage_signatures"]:
        lines += ["", "## Damage signatures left", "", "| text | words |", "|---|---|"]
        for name, words in s["damage_signatures"].items():
            lines.append(f"| {name} | {'، '.join(f'«{w}» ×{n}' for w, n in words.items())} |")
    if s.get("unreadable_words"):
        lines += ["", "## Words marked unreadable", "", "| text | words |", "|---|---|"]
        for name, words in s["unreadable_words"].items():
            lines.append(f"| {name} | {'، '.join(f'«{w}» ×{n}' for w, n in words.items())} |")
    if report["refused"]:
        lines += ["", "## Refused", "", "| text | why |", "|---|---|"]
        lines += [f"| {r['file']} | {r['error'].replace('|', '/')} |" for r in report["refused"]]
    return "\n".join(lines) + "\n"
