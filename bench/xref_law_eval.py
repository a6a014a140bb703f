"""Precision and recall of lawtool's citation detector on the hand-annotated law-to-law citations
of tests/data/xref_law_annotation/ (issue "Moroccan law as one linked corpus").

    .venv/bin/python bench/xref_law_eval.py            # per-file misses / false positives, totals
    .venv/bin/python bench/xref_law_eval.py --json     # the same, as JSON on standard output
    .venv/bin/python bench/xref_law_eval.py --quiet    # totals only

Each annotated raw text is read the way ``lawtool xref extract FILE.txt`` reads it
(``lawtool.importer.read_source`` then ``lawtool.xref.extract_text`` over the whole file, with the
repository's law/ and bills/ as corpus), and the detector's citations are compared with the
annotation at the level (file, cited work, article):

- a work is a key: ("num", "9.8") for a work cited by number (each part without leading zeros,
  dots and dashes unified: «09.08», «09-08», «9.08» are one key), ("code", slug) for a code cited by
  name («مدونة الأسرة» → family), ("foreign", …) / ("french-code", …) for the citations that must
  not be linked to a Moroccan work, ("anon", kind) for a Moroccan text cited without a number
  (a dahir cited by its date);  the codes lawtool knows by number (penal code = 1.59.413, Law 22.01
  = criminal procedure ...) are one key whichever way they are cited;
- an article is its eId-style number («12», «447-1», «12-bis»), or «*» when the whole work is cited;
- the annotation of a file and the detector's output for it are each a set of (work, article)
  pairs; a pair in both is a hit, an annotated pair the detector lacks is a miss, a detected pair
  not annotated is a false positive.  Internal citations (the detector's ``internal``) are skipped,
  and so are detected citations starting outside the annotated line range (``lines: [a, b]``);
- an annotated dahir alias («القانون رقم X الصادر بتنفيذه الظهير الشريف رقم Y»: work X, alias Y)
  makes Y the same key as X in that file, on both sides (a detection of dahir Y is one of law X);
- citations annotated ``resolvable: false`` (foreign law, French codes) and those without a number
  (``anon``: a dahir cited by its date, a treaty) are matched by place: a hit when a detection that
  names no Moroccan work (no URI, no number, no known code) starts within two lines (with the same
  article when one is annotated); a detection there linked to a Moroccan work is a false positive;
  unresolved detections that match nothing are false positives too;
- a second figure leaves out the inside of ranges (bounds kept) on both sides.

``--lawtool DIR`` measures the lawtool package found in DIR (e.g. ``git archive <commit> lawtool``)
instead of the repository's working tree.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ANNOTATIONS = REPO / "tests/data/xref_law_annotation"
CORPUS = Path("/work/shared/sources/adala/corpus")

# codes cited by name: the detector's names (normalised text) → slug
CODE_WORDS = [
    (r"المسطرة الجنائية.*1959|1959.*المسطرة الجنائية", "criminal-procedure-1959"),
    (r"المسطرة الجنائية", "criminal-procedure"),
    (r"المسطرة المدنية", "civil-procedure"),
    (r"القانون الجنائي|مجموعة القانون الجنائي", "penal"),
    (r"الاسرة|مدونة الاحوال الشخصية", "family"),
    (r"الالتزامات والعقود", "obligations-contracts"),
    (r"مدونة التجارة البحرية|التجارة البحرية", "maritime-commerce"),
    (r"مدونة التجارة", "commerce"),
    (r"مدونة الشغل", "labour"),
    (r"الدستور", "constitution"),
    (r"العدل العسكري", "military-justice"),
    (r"مدونة السير", "road"),
    (r"مدونة التأمينات", "insurance"),
    (r"مدونة الجمارك", "customs"),
    (r"المدونة العامة للضرائب", "tax"),
    (r"مدونة الحقوق العينية", "real-rights"),
    (r"مدونة التغطية الصحية", "health-coverage"),
    (r"مدونة المحاكم المالية", "financial-courts"),
    (r"مدونة الانتخابات", "elections"),
    (r"مدونة الادوية والصيدلة", "medicines-pharmacy"),
]
# codes that also have a number: one key for both
CODE_NUMBERS = {
    "penal": "1.59.413",
    "criminal-procedure-1959": "1.58.261",
    "criminal-procedure": "22.1",
    "family": "70.3",
    "commerce": "15.95",
    "labour": "65.99",
    "civil-procedure": "1.74.447",
    "road": "52.5",
    "insurance": "17.99",
    "real-rights": "39.8",
    "health-coverage": "65.0",
    "financial-courts": "62.99",
    "elections": "9.97",
    "medicines-pharmacy": "17.4",
    "customs": "1.77.339",
    "constitution": "1.11.91",
}
NUMBER_CODES = {v: k for k, v in CODE_NUMBERS.items()}


def norm_number(number: str) -> str:
    parts = [p for p in re.split(r"[.\-/]", str(number).strip()) if p != ""]
    return ".".join(str(int(p)) if p.isdigit() else p for p in parts)


def norm_text(s: str) -> str:
    s = s.replace("\u0640", "")
    s = re.sub("[إأآ]", "ا", s)
    s = s.replace("ى", "ي").replace("ة", "ه")
    s = s.replace("اال", "الا").replace("األ", "الا")  # reversed lam-alef
    return re.sub(r"\s+", " ", s)


def code_slug(name: str) -> str | None:
    n = norm_text(name)
    for pattern, slug in CODE_WORDS:
        if re.search(norm_text(pattern), n):
            return slug
    return None


def number_key(number: str) -> tuple:
    n = norm_number(number)
    if n in NUMBER_CODES:
        return ("code", NUMBER_CODES[n])
    return ("num", n)


def article_norm(a: str) -> str:
    a = str(a).strip().lower().replace("–", "-").replace(" ", "")
    return a


# -- the annotation -----------------------------------------------------------------------------


def gold_work(work: dict) -> tuple:
    kind = work.get("kind")
    if kind in ("foreign", "french-code"):
        return (kind, work.get("name") or work.get("number") or "")
    if work.get("number"):
        return number_key(work["number"])
    if kind == "code" and work.get("name"):
        return ("code", work["name"])
    return ("anon", kind or "unknown", work.get("name") or "")


def load_annotations(only: list[str] | None = None) -> list[dict]:
    import yaml

    out = []
    for path in sorted(ANNOTATIONS.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if only and path.stem not in only and data["source"] not in only:
            continue
        data["_path"] = path
        out.append(data)
    return out


# -- the detector ---------------------------------------------------------------------------------


def detector_work(c) -> tuple | None:
    """The key of a detected citation's work (None for an internal one)."""
    if c.internal:
        return None
    if c.work:
        uri = c.work
        from lawtool.works import CRIMINAL_PROCEDURE, PENAL_CODE

        if uri == PENAL_CODE.uri:
            return ("code", "penal")
        if uri == CRIMINAL_PROCEDURE.uri:
            return ("code", "criminal-procedure")
        slug = _titled_codes().get(uri)
        if slug:  # a corpus text the names table knows by a code's title («قانون الالتزامات والعقود»)
            return ("code", slug)
        last = uri.rstrip("/").split("/")[-1]
        if not re.fullmatch(r"[\d-]+", last) and (c.cited_law or {}).get("number"):
            # a corpus text whose URI carries no number (the importer found none): the number cited
            return number_key(c.cited_law["number"])
        return number_key(last.replace("-", "."))
    law = c.cited_law or {}
    if law.get("number"):
        return number_key(law["number"])
    name = law.get("name") or ""
    slug = code_slug(name) if name else None
    if slug:
        return ("code", slug)
    return ("anon", law.get("kind") or "law", name)


def _titled_codes() -> dict:
    """Work URI → code slug, for the corpus texts whose title is a code's name (the names table)."""
    global _TITLED
    if _TITLED is None:
        from lawtool.xref.names import table

        _TITLED = {}
        for name, works in table().names.items():
            slug = code_slug(name)
            for w in works:
                if slug and w.uri:
                    _TITLED[w.uri] = slug
    return _TITLED


_TITLED = None


def detect(path: Path, corpus) -> list:
    from lawtool.importer import read_source
    from lawtool.xref import extract_text

    return extract_text(read_source(path), corpus=corpus)


# -- scoring -------------------------------------------------------------------------------------------


def score_file(ann: dict, citations: list) -> dict:
    lines = ann.get("lines", "all")
    lo, hi = (1, 10**9) if lines in (None, "all") else (int(lines[0]), int(lines[1]))
    entries = ann.get("citations") or []

    # a dahir that promulgated a law is the law: both sides are read through the file's aliases
    aliases: dict[tuple, tuple] = {}
    for g in entries:
        if (g.get("alias") or {}).get("number"):
            aliases[number_key(g["alias"]["number"])] = gold_work(g["work"])

    def canon(key: tuple) -> tuple:
        return aliases.get(key, key)

    gold: dict[tuple, dict] = {}  # (work, article) → {line, interior}
    placed: dict[tuple, dict] = {}  # no number / not to be linked: matched by place
    for g in entries:
        key = canon(gold_work(g["work"]))
        arts = [article_norm(a) for a in (g.get("articles") or [])] or ["*"]
        interior = set(arts[1:-1]) if g.get("range") else set()
        for a in arts:
            if g.get("resolvable") is False or key[0] == "anon":
                group = placed.setdefault((key, a), {"lines": [], "text": g.get("text", "")})
                group["lines"].append(g["line"])
            else:
                entry = gold.setdefault((key, a), {"line": g["line"], "interior": True})
                entry["interior"] = entry["interior"] and a in interior

    found: dict[tuple, dict] = {}
    anon_found: list[dict] = []
    for c in citations:
        if c.line is None or not (lo <= c.line <= hi):
            continue
        key = detector_work(c)
        if key is None:
            continue
        key = canon(key)
        arts = [article_norm(a) for a in c.articles] if c.kind == "article" and c.articles else ["*"]
        interior = set(arts[1:-1]) if c.range else set()
        if key[0] == "anon":
            anon_found.append(
                {"line": c.line, "key": key, "articles": set(arts), "text": " ".join(c.text.split()), "used": False}
            )
            continue
        for a in arts:
            entry = found.setdefault((key, a), {"line": c.line, "interior": True})
            entry["interior"] = entry["interior"] and a in interior

    hits = [k for k in gold if k in found]
    misses = [k for k in gold if k not in found]
    fps = [k for k in found if k not in gold]

    # a citation with no number (a dahir cited by its date, a treaty) or one that must not be linked (foreign
    # law): hit when an unresolved detection (no Moroccan work) starts within two lines of one of its places
    placed_hits, placed_misses = [], []
    for (key, a), group in placed.items():
        ok = False
        for d in anon_found:
            if any(abs(d["line"] - line) <= 2 for line in group["lines"]) and (a == "*" or a in d["articles"]):
                d["used"] = ok = True
        (placed_hits if ok else placed_misses).append(((key, a), group))
    anon_fps = [d for d in anon_found if not d["used"]]

    def core(keys, table):
        return [k for k in keys if not table[k]["interior"]]

    return {
        "file": ann["source"],
        "lines": lines,
        "gold": len(gold) + len(placed),
        "found": len(found) + len(anon_found),
        "hits": len(hits) + len(placed_hits),
        "false_positive_count": len(fps) + len(anon_fps),
        # the same without the inside of ranges (bounds kept), on both sides
        "core": {
            "gold": len(core(gold, gold)) + len(placed),
            "hits": len(core(hits, gold)) + len(placed_hits),
            "false_positives": len(core(fps, found)) + len(anon_fps),
        },
        "misses": [{"work": list(k[0]), "article": k[1], "line": gold[k]["line"]} for k in misses]
        + [
            {"work": list(k[0]), "article": k[1], "line": g["lines"][0], "text": g["text"], "by_place": True}
            for k, g in placed_misses
        ],
        "false_positives": [{"work": list(k[0]), "article": k[1], "line": found[k]["line"]} for k in fps]
        + [
            {
                "work": list(d["key"]),
                "article": ",".join(sorted(d["articles"])),
                "line": d["line"],
                "text": d["text"],
                "unresolved": True,
            }
            for d in anon_fps
        ],
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", action="store_true", help="machine output on standard output")
    ap.add_argument("--quiet", action="store_true", help="totals only")
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="where the raw texts are")
    ap.add_argument(
        "--lawtool",
        type=Path,
        default=REPO,
        help="the folder holding the lawtool package to measure (default: this repository; e.g. "
        "a `git archive` of a commit, to measure the detector of that commit)",
    )
    ap.add_argument("files", nargs="*", help="only these annotation stems / source names")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(args.lawtool.resolve()))

    from lawtool.xref import ArticleIndex

    corpus = ArticleIndex.from_root(REPO)
    results = []
    for ann in load_annotations(args.files or None):
        citations = detect(args.corpus / ann["source"], corpus)
        results.append(score_file(ann, citations))

    tp = sum(r["hits"] for r in results)
    gold = sum(r["gold"] for r in results)
    found = sum(r["hits"] + r["false_positive_count"] for r in results)
    ctp = sum(r["core"]["hits"] for r in results)
    cgold = sum(r["core"]["gold"] for r in results)
    cfound = ctp + sum(r["core"]["false_positives"] for r in results)
    miss_kinds = Counter(m["work"][0] for r in results for m in r["misses"])
    fp_kinds = Counter(f["work"][0] for r in results for f in r["false_positives"])
    totals = {
        "files": len(results),
        "gold_pairs": gold,
        "detected_pairs": found,
        "hits": tp,
        "misses": gold - tp,
        "false_positives": found - tp,
        "precision": round(tp / found, 4) if found else None,
        "recall": round(tp / gold, 4) if gold else None,
        "without_range_interiors": {
            "gold_pairs": cgold,
            "detected_pairs": cfound,
            "hits": ctp,
            "precision": round(ctp / cfound, 4) if cfound else None,
            "recall": round(ctp / cgold, 4) if cgold else None,
        },
        "misses_by_work_kind": dict(miss_kinds),
        "false_positives_by_work_kind": dict(fp_kinds),
    }
    import lawtool

    totals["lawtool"] = str(Path(lawtool.__file__).resolve().parent)
    if args.json:
        print(json.dumps({"totals": totals, "files": results}, ensure_ascii=False, indent=2))
        return 0
    if not args.quiet:
        for r in results:
            if not r["misses"] and not r["false_positives"]:
                print(f"{r['file']}: {r['hits']}/{r['gold']} ok")
                continue
            print(f"{r['file']}: {r['hits']}/{r['gold']} found, {r['false_positive_count']} false positives")
            for label, items in (("miss", r["misses"]), ("FP  ", r["false_positives"])):
                grouped: dict = {}
                for m in items:  # one line per (work, line): a range is one line
                    grouped.setdefault((tuple(m["work"]), m["line"], m.get("text", "")), []).append(m["article"])
                for (work, line, text), arts in grouped.items():
                    shown = ", ".join(arts[:8]) + (f" … ({len(arts)})" if len(arts) > 8 else "")
                    print(
                        f"   {label}  line {line}: {'/'.join(w for w in work if w)} art {shown}"
                        + (f"  «{text[:70]}»" if text else "")
                    )
    print(f"\nlawtool measured: {totals['lawtool']}")
    print(f"{totals['files']} files: {gold} annotated (work, article) pairs, {found} detected, {tp} hits")
    p, rc = totals["precision"], totals["recall"]
    print(f"precision {p:.3f}  recall {rc:.3f}" if p is not None and rc is not None else "precision/recall: n/a")
    c = totals["without_range_interiors"]
    if c["precision"] is not None and c["recall"] is not None:
        print(
            f"without the inside of ranges: {c['gold_pairs']} annotated, {c['detected_pairs']} detected, "
            f"{c['hits']} hits: precision {c['precision']:.3f}  recall {c['recall']:.3f}"
        )
    print(f"misses by work kind: {totals['misses_by_work_kind']}")
    print(f"false positives by work kind: {totals['false_positives_by_work_kind']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
