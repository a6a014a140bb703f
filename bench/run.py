"""lawtool's benchmark: times and peak memory of each stage on the real corpus, with the
alternatives users would otherwise use measured in the same run.

    make bench            # or: .venv/bin/python bench/run.py [--quick]

Each measurement runs in a fresh subprocess (so peak memory is that of the stage alone) and is
repeated; the table reports the median wall time and the largest peak RSS.  Results are written
to bench/results/latest.md and .json and printed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("LAWTOOL_SHARED", REPO.parent / "shared"))
PENAL_CODE_TXT = SHARED / "sources/adala/penal-code.consolidated-2024-08-22.ar.txt"
PY = sys.executable
LAWTOOL = [PY, "-m", "lawtool.cli"]

BARE_TYPER = """
import typer
app = typer.Typer(add_completion=False)
@app.command()
def hello(name: str = "x"):
    "Say hello."
@app.command()
def bye(name: str = "x"):
    "Say bye."
app()
"""


def measure(cmd: list[str], repeat: int, *, cwd: Path = REPO, stdin: bytes | None = None) -> dict:
    """Median wall time and max peak RSS (KB) of ``cmd`` over ``repeat`` runs (GNU time-free:
    uses os.wait4's resource usage of the child)."""
    times, peaks = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                stdin=subprocess.PIPE if stdin else None)
        if stdin:
            proc.stdin.write(stdin)
            proc.stdin.close()
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        err = proc.stderr.read().decode(errors="replace")
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):
            raise SystemExit(f"benchmark command failed ({code}): {' '.join(map(str, cmd))}\n{err}")
        times.append(elapsed)
        peaks.append(usage.ru_maxrss)
    return {"seconds": statistics.median(times), "min_seconds": min(times), "peak_mb": max(peaks) / 1024,
            "runs": repeat}


def in_process(snippet: str, repeat: int) -> dict:
    """Time a library call inside one process (the snippet sets ``elapsed``), after imports."""
    code = ("import time, resource, json\n" + snippet +
            "\nprint(json.dumps({'elapsed': elapsed, 'peak': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))")
    times, peaks = [], []
    for _ in range(repeat):
        out = subprocess.run([PY, "-c", code], cwd=REPO, capture_output=True, text=True)
        if out.returncode:
            raise SystemExit(out.stderr)
        data = json.loads(out.stdout.strip().splitlines()[-1])
        times.append(data["elapsed"])
        peaks.append(data["peak"])
    return {"seconds": statistics.median(times), "min_seconds": min(times), "peak_mb": max(peaks) / 1024,
            "runs": repeat}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    args = parser.parse_args()
    repeat = 2 if args.quick else 5
    rows: list[dict] = []
    tmp = Path(tempfile.mkdtemp(prefix="lawtool-bench-"))
    penal_xml = tmp / "penal-code.xml"

    def add(name, result, target=None, note=""):
        rows.append({"measure": name, **result, "target": target, "note": note})

    # -- issue 2: import, validate, start-up ------------------------------------------------------
    add("import Penal Code (CLI, 548 KB text)",
        measure(LAWTOOL + ["import", str(PENAL_CODE_TXT), "--frbr-uri", "/akn/ma/act/1962/1-59-413/ara@2024-08-22",
                           "-o", str(penal_xml)], repeat), "≤ 3 s")
    add("import Penal Code (library call)", in_process(f"""
from lawtool.importer import import_text, read_source
from lawtool.frbr import FrbrUri
text = read_source({str(PENAL_CODE_TXT)!r}); uri = FrbrUri.parse('/akn/ma/act/1962/1-59-413/ara@2024-08-22')
t = time.perf_counter(); doc, rep = import_text(text, uri); doc.to_bytes(); elapsed = time.perf_counter() - t
""", repeat))
    add("validate Penal Code (CLI)", measure(LAWTOOL + ["validate", str(penal_xml)], repeat), "≤ 1 s")
    add("validate Penal Code (library call, schema loaded)", in_process(f"""
from lawtool.validate import validate_paths
validate_paths([{str(penal_xml)!r}])  # warm: loads the XSD once
t = time.perf_counter(); validate_paths([{str(penal_xml)!r}]); elapsed = time.perf_counter() - t
""", repeat))
    typer_app = tmp / "bare_typer.py"
    typer_app.write_text(BARE_TYPER)
    bare = measure([PY, str(typer_app), "--help"], repeat * 2)
    ours = measure([str(Path(PY).parent / "lawtool"), "--help"], repeat * 2)
    add("bare typer app --help", bare)
    add("lawtool --help", ours, "≤ 1.2 × bare typer", f"ratio {ours['seconds'] / bare['seconds']:.2f}")

    # -- gaps stage: gap report and penalties on the whole corpus ---------------------------------
    corpus = [str(p) for top in ("law", "bills") for p in sorted((REPO / top).rglob("*.xml"))]
    concepts = SHARED / "reference/digital-violence-concepts.yaml"
    if corpus:
        add("gap report, whole corpus (CLI, --json)",
            measure(LAWTOOL + ["gaps", *corpus, "--concepts", str(concepts), "--json"], repeat), "≤ 5 s",
            f"{len(corpus)} documents, {len(concepts.read_text(encoding='utf-8').split(chr(10) + '- id:'))} concepts")
        add("gap report, whole corpus (library call)", in_process(f"""
from lawtool.gaps.coverage import load_checklist
from lawtool.gaps.report import gap_report, load_sources
concepts = load_checklist({str(concepts)!r})
t = time.perf_counter(); gap_report(load_sources({corpus!r}), concepts); elapsed = time.perf_counter() - t
""", repeat))
        add("penalties + comparison, whole corpus (CLI, --json)",
            measure(LAWTOOL + ["penalties", *corpus, "--compare", "--json"], repeat))
        add("lawtool reports --check (committed reports)", measure(LAWTOOL + ["reports", "--check"], repeat))

    # -- xref stage: citation extraction and mark-up ------------------------------------------------
    adala = sorted((SHARED / "sources/adala").rglob("*.txt"))
    adala_mb = sum(p.stat().st_size for p in adala) / 1e6
    extraction = in_process(f"""
from pathlib import Path
from lawtool.xref import CorpusIndex, extract_text
corpus = CorpusIndex.from_root({str(REPO)!r})
texts = [Path(p).read_text(encoding='utf-8') for p in {[str(p) for p in adala]!r}]
t = time.perf_counter()
for text in texts:
    extract_text(text, corpus=corpus)
elapsed = time.perf_counter() - t
""", repeat)
    add(f"xref extract, all of sources/adala ({len(adala)} raw texts, {adala_mb:.1f} MB, library call)", extraction,
        "≥ 5 MB/s", f"{adala_mb / extraction['seconds']:.1f} MB/s")
    add("xref mark Penal Code (library call, corpus loaded)", in_process(f"""
from lawtool.akn import Document
from lawtool.xref import CorpusIndex
from lawtool.xref.mark import mark_document
corpus = CorpusIndex.from_root({str(REPO)!r})
document = Document.load({str(penal_xml)!r})
t = time.perf_counter(); added = mark_document(document, corpus); document.to_bytes(); elapsed = time.perf_counter() - t
""", repeat), "≤ 2 s")
    add("xref mark Penal Code (CLI, -o)",
        measure(LAWTOOL + ["xref", "mark", str(penal_xml), "-o", str(tmp / "penal-marked.xml"), "--root", str(REPO)],
                repeat), "≤ 2 s", "start-up and loading law/ and bills/ included")
    add("xref check law bills (CLI)", measure(LAWTOOL + ["xref", "check", str(REPO / "law"), str(REPO / "bills"),
                                                          "--root", str(REPO)], repeat))

    # -- publish stage: the whole site (issue 8) ---------------------------------------------------
    for name, result, note in publish_runs(tmp, repeat):
        add(name, result, "≤ 90 s" if "cold" in name else None, note)

    write_table(rows)


def publish_runs(tmp: Path, repeat: int) -> list[tuple[str, dict, str]]:
    """``lawtool publish`` on a copy of the repository's corpus (so the repository's own
    build/cache is left alone): a cold run (empty cache: the import reports and the xref index
    are made) and warm runs; the note gives lawtool's own steps against the mkdocs build."""
    import shutil
    copy = tmp / "publish-repo"
    for name in ("law", "bills", "reports", "site"):
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, copy / name)
    shutil.copy(REPO / "mkdocs.yml", copy / "mkdocs.yml")
    code = ("import json, os, time\nfrom lawtool.publish import publish\n"
            f"t = time.perf_counter(); r = publish({str(copy)!r}); elapsed = time.perf_counter() - t\n"
            "import resource\nprint(json.dumps({'elapsed': elapsed, 'timings': r.timings, 'pages': r.pages, "
            "'index': r.search_index_bytes, 'peak': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))")
    env = {**os.environ, "LAWTOOL_SHARED": str(SHARED)}
    runs = []
    for _ in range(1 + repeat):
        out = subprocess.run([PY, "-c", code], cwd=copy, capture_output=True, text=True, env=env)
        if out.returncode:
            raise SystemExit(out.stderr)
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    out = []
    for label, chosen in (("cold: empty cache", runs[:1]), ("warm: cached import reports and xref index", runs[1:])):
        times = [r["elapsed"] for r in chosen]
        median = statistics.median(times)
        middle = sorted(chosen, key=lambda r: r["elapsed"])[len(chosen) // 2]
        mkdocs = middle["timings"].get("mkdocs", 0.0)
        own = sum(middle["timings"].values()) - mkdocs
        steps = ", ".join(f"{k} {v:.1f}" for k, v in middle["timings"].items())
        out.append((f"publish whole corpus, {label} (library call)",
                    {"seconds": median, "min_seconds": min(times), "peak_mb": max(r["peak"] for r in chosen) / 1024,
                     "runs": len(chosen)},
                    f"lawtool {own:.1f} s ({100 * own / (own + mkdocs):.0f} %), mkdocs {mkdocs:.1f} s "
                    f"({100 * mkdocs / (own + mkdocs):.0f} %); steps: {steps}; {middle['pages']} pages, "
                    f"search index {middle['index'] / 1e6:.1f} MB"))
    return out


def write_table(rows: list[dict]) -> None:
    out_dir = REPO / "bench/results"
    out_dir.mkdir(parents=True, exist_ok=True)
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    lines = [f"# lawtool benchmark ({time.strftime('%Y-%m-%d %H:%M')}, {machine})", "",
             "| measure | median s | min s | peak MB | runs | target | note |", "|---|---:|---:|---:|---:|---|---|"]
    for r in rows:
        lines.append(f"| {r['measure']} | {r['seconds']:.3f} | {r['min_seconds']:.3f} | {r['peak_mb']:.0f} | "
                     f"{r['runs']} | {r['target'] or ''} | {r['note']} |")
    table = "\n".join(lines) + "\n"
    (out_dir / "latest.md").write_text(table, encoding="utf-8")
    (out_dir / "latest.json").write_text(json.dumps(rows, indent=2, ensure_ascii=False), encoding="utf-8")
    print(table)


if __name__ == "__main__":
    main()
