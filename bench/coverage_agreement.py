"""Agreement of the coverage matcher (`lawtool gaps --json`) with the hand annotation of
tests/data/coverage_truth.yaml (44 concepts x 3 texts, annotated as a lawyer would).

    .venv/bin/python bench/coverage_agreement.py                  # runs lawtool gaps as `lawtool reports` does
    .venv/bin/python bench/coverage_agreement.py --gaps reports/gaps.json
    .venv/bin/python bench/coverage_agreement.py --whole-code     # same, Penal Code read in full (no --scope)
    .venv/bin/python bench/coverage_agreement.py --json out.json  # also write the figures and disagreements

Per cell (concept, text) two comparisons:
  presence  absent (truth kinds "") vs non-absent (present or borderline); the matcher is absent when its
            status is "missing";
  kinds     the set of letters D/C/P. The matcher's letters are those of its non-empty `matches` lists
            (defined -> D, criminalised -> C, provided -> P); `--status-only` uses the single letter of its
            `status` instead (a cell then agrees only when the truth has exactly that one letter).
Borderline truth cells count as present, as the brief asks; the table also shows how the matcher treats them.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("LAWTOOL_SHARED", REPO.parent / "shared"))
LETTER = {"defined": "D", "criminalised": "C", "provided": "P"}


def _shared(value: str) -> str:
    return str(SHARED / value[len("shared:") :]) if value.startswith("shared:") else str(REPO / value)


def run_gaps(whole_code: bool) -> dict:
    """`lawtool gaps --json` on the inputs of reports/reports.yaml (the committed reports/gaps.json)."""
    spec = yaml.safe_load((REPO / "reports/reports.yaml").read_text(encoding="utf-8"))
    cmd = [sys.executable, "-m", "lawtool.cli", "gaps", "--json", "--concepts", _shared(spec["concepts"])]
    if not whole_code:
        for path in (spec.get("scope") or {}).values():  # a touched-articles.yaml restricts the Penal Code
            cmd += ["--scope", _shared(path)]
    cmd += [str(REPO / d) for d in spec["documents"]]
    out = subprocess.run(cmd, cwd=REPO, check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def matcher_cells(gaps: dict, status_only: bool) -> dict[tuple[str, str], dict]:
    cells = {}
    for entry in gaps["coverage"]:
        for doc, res in entry["documents"].items():
            status = res.get("status", "missing")
            if status == "missing":
                kinds = ""
            elif status_only:
                kinds = LETTER[status]
            else:
                kinds = "".join(letter for k, letter in LETTER.items() if (res.get("matches") or {}).get(k))
                kinds = kinds or LETTER[status]
            cells[(entry["concept"], doc)] = {"status": status, "kinds": kinds, "evidence": res.get("evidence", [])}
    return cells


def _ref_key(ref: str) -> tuple[str, str | None]:
    """Truth article ("17", "447-1", "art_5 → PC 503-1-1") -> (host article, inserted article or None)."""
    if "→" in ref:
        host, inner = ref.split("→")
        return host.strip().removeprefix("art_"), inner.split()[-1]
    return ref.strip(), None


def _eid_key(eid: str) -> tuple[str, str | None]:
    """Matcher eId ("art_17__para_1", "art_5__para_1__mod_1__qstr_1__art_447-1__para_2") -> same key."""
    host = eid.split("__")[0].removeprefix("art_")
    inner = eid.split("__art_")[1].split("__")[0] if "__art_" in eid else None
    return host, inner


def norm(kinds: str) -> str:
    return "".join(sorted(set(kinds), key="DCP".index))


def compare(truth: dict, gaps: dict, status_only: bool = False) -> dict:
    mcells = matcher_cells(gaps, status_only)
    texts = truth["texts"]
    rows = []
    for concept, per_text in truth["cells"].items():
        for name, uri in texts.items():
            t = per_text[name]
            m = mcells.get((concept, uri))
            if m is None:
                raise SystemExit(f"no matcher cell for {concept} / {uri} (is the document in the gaps JSON?)")
            tk, mk = norm(t["kinds"]), norm(m["kinds"])
            rows.append(
                {
                    "concept": concept,
                    "text": name,
                    "truth": tk or "-",
                    "borderline": bool(t.get("borderline")),
                    "truth_articles": t.get("articles", []),
                    "note": t.get("note", ""),
                    "matcher": mk or "-",
                    "matcher_status": m["status"],
                    "matcher_evidence": m["evidence"],
                    "presence_ok": bool(tk) == bool(mk),
                    "kinds_ok": tk == mk,
                    # both present: does the matcher's evidence include an article the annotator cites?
                    "evidence_ok": (
                        bool(tk)
                        and bool(mk)
                        and bool({_ref_key(a) for a in t.get("articles", [])} & {_eid_key(e) for e in m["evidence"]})
                    ),
                }
            )
    return {"rows": rows, "summary": summarise(rows, texts)}


def _figures(rows: list[dict]) -> dict:
    n = len(rows)
    tp = sum(1 for r in rows if r["truth"] != "-" and r["matcher"] != "-")
    fp = sum(1 for r in rows if r["truth"] == "-" and r["matcher"] != "-")
    fn = sum(1 for r in rows if r["truth"] != "-" and r["matcher"] == "-")
    tn = n - tp - fp - fn
    pres = sum(r["presence_ok"] for r in rows)
    kinds = sum(r["kinds_ok"] for r in rows)
    # Cohen's kappa on presence
    po = pres / n if n else 0.0
    p_t, p_m = (tp + fn) / n, (tp + fp) / n
    pe = p_t * p_m + (1 - p_t) * (1 - p_m)
    kappa = (po - pe) / (1 - pe) if pe < 1 else 1.0
    truth_present = sum(1 for r in rows if r["truth"] != "-" and not r["borderline"])
    truth_border = sum(1 for r in rows if r["truth"] != "-" and r["borderline"])
    return {
        "cells": n,
        "presence_agree": pres,
        "presence_pct": round(100 * pres / n, 1),
        "kinds_agree": kinds,
        "kinds_pct": round(100 * kinds / n, 1),
        "presence_kappa": round(kappa, 2),
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
        "truth_present": truth_present,
        "truth_borderline": truth_border,
        "truth_absent": n - truth_present - truth_border,
        "matcher_present": tp + fp,
        "both_present_right_article": sum(1 for r in rows if r["evidence_ok"]),
        "borderline_called_present": sum(1 for r in rows if r["borderline"] and r["matcher"] != "-"),
        "present_found": sum(1 for r in rows if r["truth"] != "-" and not r["borderline"] and r["matcher"] != "-"),
        # variant: a borderline cell counts as absent
        "presence_pct_borderline_as_absent": round(
            100 * sum((r["truth"] != "-" and not r["borderline"]) == (r["matcher"] != "-") for r in rows) / n, 1
        ),
    }


def summarise(rows: list[dict], texts: dict) -> dict:
    out = {"overall": _figures(rows)}
    for name in texts:
        out[name] = _figures([r for r in rows if r["text"] == name])
    return out


def cause(r: dict) -> str:
    if r["truth"] == "-" and r["matcher"] != "-":
        return "false presence (matcher finds a word, the text has no provision)"
    if r["truth"] != "-" and r["matcher"] == "-":
        return "missed (the text covers it in words the checklist does not list, or outside the articles read)"
    if r["presence_ok"] and not r["kinds_ok"]:
        return "wrong kinds"
    if r["truth"] != "-" and not r["evidence_ok"]:
        return "right presence, none of the annotated articles in the evidence"
    return "agree"


def print_report(res: dict, label: str) -> None:
    s = res["summary"]
    print(f"== {label}")
    print(
        f"{'text':<12} {'cells':>5} {'presence':>14} {'kappa':>6} {'kinds':>14} {'FP':>4} {'FN':>4}"
        f"  truth present/borderline/absent  matcher present  both present, same article"
    )
    for name, f in s.items():
        print(
            f"{name:<12} {f['cells']:>5} {f['presence_agree']:>4} ({f['presence_pct']:>5}%) {f['presence_kappa']:>6}"
            f" {f['kinds_agree']:>4} ({f['kinds_pct']:>5}%) {f['fp']:>4} {f['fn']:>4}"
            f"  {f['truth_present']:>3}/{f['truth_borderline']:>3}/{f['truth_absent']:>3}"
            f"                  {f['matcher_present']:>3}  {f['both_present_right_article']:>3}/{f['tp']}"
        )
    print()
    print(
        "plain-present cells found by the matcher / borderline cells it calls present / presence agreement"
        " if borderline counted as absent:"
    )
    for name, f in s.items():
        print(
            f"  {name:<12} {f['present_found']:>3}/{f['truth_present']:<3}  {f['borderline_called_present']:>3}/"
            f"{f['truth_borderline']:<3}  {f['presence_pct_borderline_as_absent']}%"
        )
    groups = defaultdict(list)
    for r in res["rows"]:
        c = cause(r)
        if c != "agree":
            groups[c].append(r)
    print()
    for c, rows in groups.items():
        print(f"-- {c}: {len(rows)}")
        for r in rows:
            b = " (borderline)" if r["borderline"] else ""
            ev = ",".join(
                e.replace("art_", "").split("__")[0] + ("→" + e.split("__art_")[-1] if "__art_" in e else "")
                for e in r["matcher_evidence"][:4]
            )
            print(
                f"   {r['concept']:<38} {r['text']:<11} truth={r['truth']}{b} matcher={r['matcher']}"
                f" [{r['matcher_status']}; {ev}]"
            )
    print()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--truth", default=str(REPO / "tests/data/coverage_truth.yaml"))
    ap.add_argument("--gaps", help="JSON of `lawtool gaps --json` (default: run it as `lawtool reports` does)")
    ap.add_argument("--whole-code", action="store_true", help="run lawtool gaps without the Penal Code scope")
    ap.add_argument("--status-only", action="store_true", help="matcher kinds = the letter of its status only")
    ap.add_argument("--json", help="write figures and per-cell results to this file")
    args = ap.parse_args()

    truth = yaml.safe_load(Path(args.truth).read_text(encoding="utf-8"))
    if args.gaps:
        gaps = json.loads(Path(args.gaps).read_text(encoding="utf-8"))
        label = f"matcher output {args.gaps}"
    else:
        gaps = run_gaps(args.whole_code)
        label = "lawtool gaps --json" + (
            " (Penal Code read in full)" if args.whole_code else " (inputs of reports/reports.yaml)"
        )
    label += ", kinds = " + ("status letter" if args.status_only else "letters of non-empty matches")
    res = compare(truth, gaps, args.status_only)
    print_report(res, label)
    if args.json:
        Path(args.json).write_text(json.dumps(res, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
