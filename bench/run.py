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

EAGER_HELP = (
    "import sys; import lawtool.akn, lawtool.amend, lawtool.diff, lawtool.gaps.report, lawtool.importer, "
    "lawtool.publish.build, lawtool.validate, lawtool.xref.index; from lawtool.cli import main; "
    "sys.argv[0] = 'lawtool'; main()"
)
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
        proc = subprocess.Popen(
            cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.PIPE if stdin else None
        )
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
    return {
        "seconds": statistics.median(times),
        "min_seconds": min(times),
        "peak_mb": max(peaks) / 1024,
        "runs": repeat,
    }


def in_process(snippet: str, repeat: int) -> dict:
    """Time a library call inside one process (the snippet sets ``elapsed``), after imports."""
    code = (
        "import time, resource, json\n"
        + snippet
        + "\nprint(json.dumps({'elapsed': elapsed, 'peak': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))"
    )
    times, peaks = [], []
    for _ in range(repeat):
        out = subprocess.run([PY, "-c", code], cwd=REPO, capture_output=True, text=True)
        if out.returncode:
            raise SystemExit(out.stderr)
        data = json.loads(out.stdout.strip().splitlines()[-1])
        times.append(data["elapsed"])
        peaks.append(data["peak"])
    return {
        "seconds": statistics.median(times),
        "min_seconds": min(times),
        "peak_mb": max(peaks) / 1024,
        "runs": repeat,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument(
        "--corpus",
        action="store_true",
        help="also import the whole Adala corpus (3,597 texts) cold, then warm (a few minutes)",
    )
    parser.add_argument(
        "--site-corpus",
        action="store_true",
        help="only publish the site with the whole imported corpus (publish --corpus build/corpus, "
        "cold; a quarter of an hour): bench/results/site-corpus.md",
    )
    args = parser.parse_args()
    if args.site_corpus:
        row = site_corpus_run(Path(tempfile.mkdtemp(prefix="lawtool-bench-")))
        write_table([row], "site-corpus")
        return
    repeat = 2 if args.quick else 5
    rows: list[dict] = []
    tmp = Path(tempfile.mkdtemp(prefix="lawtool-bench-"))
    penal_xml = tmp / "penal-code.xml"

    def add(name, result, target=None, note=""):
        rows.append({"measure": name, **result, "target": target, "note": note})

    # -- issue 2: import, validate, start-up ------------------------------------------------------
    add(
        "import Penal Code (CLI, 548 KB text)",
        measure(
            LAWTOOL
            + [
                "import",
                str(PENAL_CODE_TXT),
                "--frbr-uri",
                "/akn/ma/act/1962/1-59-413/ara@2024-08-22",
                "-o",
                str(penal_xml),
                "--force",
            ],
            repeat,
        ),
        "≤ 3 s",
    )
    add(
        "import Penal Code (library call)",
        in_process(
            f"""
from lawtool.importer import import_text, read_source
from lawtool.frbr import FrbrUri
text = read_source({str(PENAL_CODE_TXT)!r}); uri = FrbrUri.parse('/akn/ma/act/1962/1-59-413/ara@2024-08-22')
t = time.perf_counter(); doc, rep = import_text(text, uri); doc.to_bytes(); elapsed = time.perf_counter() - t
""",
            repeat,
        ),
    )
    add(
        "repair stage alone, Penal Code (library call, lexicon loaded)",
        in_process(
            f"""
from lawtool.importer.ligatures import load_lexicon
from lawtool.importer.repair import repair_text
raw = open({str(PENAL_CODE_TXT)!r}, encoding='utf-8').read(); load_lexicon()
t = time.perf_counter(); repair_text(raw); elapsed = time.perf_counter() - t
""",
            repeat,
        ),
    )
    if args.corpus:
        add(
            "import the whole Adala corpus, cold (CLI import-all, every core, XSD + spelling checks)",
            measure(
                LAWTOOL
                + [
                    "corpus",
                    "import-all",
                    str(SHARED / "sources/adala/corpus"),
                    "--out",
                    str(tmp / "corpus"),
                    "--force",
                ],
                1,
            ),
            "≤ 120 s",
            f"{len(list((SHARED / 'sources/adala/corpus').glob('*.txt')))} texts; report: {tmp / 'corpus/report.md'}",
        )
        add(
            "import the whole Adala corpus, warm (nothing changed)",
            measure(
                LAWTOOL + ["corpus", "import-all", str(SHARED / "sources/adala/corpus"), "--out", str(tmp / "corpus")],
                1,
            ),
        )
    add(
        "independent spelling check (hunspell), Code of Criminal Procedure (library call)",
        in_process(
            f"""
from lawtool.importer.suspects import suspect_share
text = open({str(SHARED / "sources/adala/criminal-procedure.consolidated-2025-09-08.ar.txt")!r}, encoding='utf-8').read()
t = time.perf_counter(); suspect_share(text); elapsed = time.perf_counter() - t
""",
            repeat,
        ),
    )
    add("validate Penal Code (CLI)", measure(LAWTOOL + ["validate", str(penal_xml)], repeat), "≤ 1 s")
    add(
        "validate Penal Code (library call, schema loaded)",
        in_process(
            f"""
from lawtool.validate import validate_paths
validate_paths([{str(penal_xml)!r}])  # warm: loads the XSD once
t = time.perf_counter(); validate_paths([{str(penal_xml)!r}]); elapsed = time.perf_counter() - t
""",
            repeat,
        ),
    )
    # -- issue 17: the amendment workflow ----------------------------------------------------------
    add(
        "amendment list (json, html, docx, pdf) + compare, diff and the 3 bill versions as PDF (one process)",
        measure([PY, str(REPO / "bench/amend_outputs.py"), "--out", str(tmp)], repeat),
        "≤ 10 s",
        "6 PDFs printed by one Chromium (Playwright); without Playwright one Chromium per PDF",
    )
    typer_app = tmp / "bare_typer.py"
    typer_app.write_text(BARE_TYPER)
    bare = measure([PY, str(typer_app), "--help"], repeat * 2)
    ours = measure([str(Path(PY).parent / "lawtool"), "--help"], repeat * 2)
    add("bare typer app --help", bare)
    add("lawtool --help", ours, "≤ 1.2 × bare typer", f"ratio {ours['seconds'] / bare['seconds']:.2f}")
    # what the CLI modules' function-local imports of the stage libraries save (issue 18): the same
    # --help with every stage imported first, as module-level imports in the CLI modules would do
    eager = measure([PY, "-c", EAGER_HELP, "--help"], repeat * 2)
    add(
        "lawtool --help with every stage imported at start",
        eager,
        "",
        f"{eager['seconds'] - ours['seconds']:+.3f} s against lawtool --help: the cost the CLI's local imports avoid",
    )

    # -- gaps stage: gap report and penalties on the whole corpus ---------------------------------
    corpus = [str(p) for top in ("law", "bills") for p in sorted((REPO / top).rglob("*.xml"))]
    concepts = SHARED / "reference/digital-violence-concepts.yaml"
    if corpus:
        add(
            "gap report, whole corpus (CLI, --json)",
            measure(LAWTOOL + ["gaps", *corpus, "--concepts", str(concepts), "--json"], repeat),
            "≤ 10 s",
            f"{len(corpus)} documents, {len(concepts.read_text(encoding='utf-8').split(chr(10) + '- id:'))} concepts",
        )
        add(
            "gap report, whole corpus (library call)",
            in_process(
                f"""
from lawtool.gaps.coverage import load_checklist
from lawtool.gaps.report import gap_report, load_sources
concepts = load_checklist({str(concepts)!r})
t = time.perf_counter(); gap_report(load_sources({corpus!r}), concepts); elapsed = time.perf_counter() - t
""",
                repeat,
            ),
        )
        add(
            "penalties + comparison, whole corpus (CLI, --json)",
            measure(LAWTOOL + ["penalties", *corpus, "--compare", "--json"], repeat),
        )
        add("lawtool reports --check (committed reports)", measure(LAWTOOL + ["reports", "--check"], repeat))

    # -- xref stage: citation extraction and mark-up ------------------------------------------------
    adala = sorted(p for p in (SHARED / "sources/adala").rglob("*.txt") if "corpus" not in p.parts)
    adala_mb = sum(p.stat().st_size for p in adala) / 1e6
    extraction = in_process(
        f"""
from pathlib import Path
from lawtool.xref import ArticleIndex, extract_text
corpus = ArticleIndex.from_root({str(REPO)!r})
texts = [Path(p).read_text(encoding='utf-8') for p in {[str(p) for p in adala]!r}]
t = time.perf_counter()
for text in texts:
    extract_text(text, corpus=corpus)
elapsed = time.perf_counter() - t
""",
        repeat,
    )
    add(
        f"xref extract, all of sources/adala ({len(adala)} raw texts, {adala_mb:.1f} MB, library call)",
        extraction,
        "≥ 5 MB/s",
        f"{adala_mb / extraction['seconds']:.1f} MB/s",
    )
    add(
        "xref mark Penal Code (library call, corpus loaded)",
        in_process(
            f"""
from lawtool.akn import Document
from lawtool.xref import ArticleIndex
from lawtool.xref.mark import mark_document
corpus = ArticleIndex.from_root({str(REPO)!r})
document = Document.load({str(penal_xml)!r})
t = time.perf_counter(); added = mark_document(document, corpus); document.to_bytes(); elapsed = time.perf_counter() - t
""",
            repeat,
        ),
        "≤ 2 s",
    )
    add(
        "xref mark Penal Code (CLI, -o)",
        measure(
            LAWTOOL
            + ["xref", "mark", str(penal_xml), "-o", str(tmp / "penal-marked.xml"), "--root", str(REPO), "--force"],
            repeat,
        ),
        "≤ 2 s",
        "start-up and loading law/ and bills/ included",
    )
    add(
        "xref check law bills (CLI)",
        measure(LAWTOOL + ["xref", "check", str(REPO / "law"), str(REPO / "bills"), "--root", str(REPO)], repeat),
    )

    # the citation graph of the whole imported corpus (lawtool corpus import-all: build/corpus, or the
    # folder LAWTOOL_CORPUS_AKN names) with law/ and bills/
    imported = Path(os.environ.get("LAWTOOL_CORPUS_AKN", REPO / "build/corpus"))
    if imported.is_dir():
        count = sum(1 for _ in imported.rglob("*.xml"))
        add(
            f"xref graph law bills + {count} imported texts (CLI, every core)",
            measure(
                LAWTOOL
                + [
                    "xref",
                    "graph",
                    str(REPO / "law"),
                    str(REPO / "bills"),
                    str(imported),
                    "-o",
                    str(tmp / "xref-graph"),
                    "--force",
                ],
                1,
            ),
            "≤ 120 s",
        )

    # -- publish stage: the whole site (issue 8) ---------------------------------------------------
    for name, result, note in publish_runs(tmp, repeat):
        add(name, result, "≤ 30 s" if "cold" in name else None, note)

    # -- diff stage: lawtool diff against whole-text word diffs (see "diff stage" below) ----------
    for name, result, target, note in diff_runs(tmp, repeat, quick=args.quick):
        add(name, result, target, note)

    # -- amend stage: 200 synthetic amendments on the Penal Code (see "amend stage" below) ------------
    for name, result, target, note in amend_runs(tmp, repeat):
        add(name, result, target, note)

    # -- every stage on the synthetic 5,000-article code (made by the diff stage above) ---------------
    for name, result, target, note in synthetic_runs(tmp, repeat):
        add(name, result, target, note)

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
    code = (
        "import json, os, time\nfrom lawtool.publish import publish\n"
        f"t = time.perf_counter(); r = publish({str(copy)!r}); elapsed = time.perf_counter() - t\n"
        "import resource\nprint(json.dumps({'elapsed': elapsed, 'timings': r.timings, 'pages': r.pages, "
        "'index': r.search_index_bytes, 'peak': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "
        "'site': sum(p.stat().st_size for p in r.site_dir.rglob('*') if p.is_file())}))"
    )
    env = {**os.environ, "LAWTOOL_SHARED": str(SHARED)}
    runs = []
    for _ in range(1 + repeat):
        out = subprocess.run([PY, "-c", code], cwd=copy, capture_output=True, text=True, env=env)
        if out.returncode:
            raise SystemExit(out.stderr)
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    out = []
    plain = plain_mkdocs(copy, tmp / "plain-site", repeat)
    for label, chosen in (("cold: empty cache", runs[:1]), ("warm: cached import reports and xref index", runs[1:])):
        times = [r["elapsed"] for r in chosen]
        median = statistics.median(times)
        middle = sorted(chosen, key=lambda r: r["elapsed"])[len(chosen) // 2]
        mkdocs = middle["timings"].get("mkdocs", 0.0)
        own = sum(middle["timings"].values()) - mkdocs
        steps = ", ".join(f"{k} {v:.1f}" for k, v in middle["timings"].items())
        out.append(
            (
                f"publish the repository corpus, {label} (library call)",
                {
                    "seconds": median,
                    "min_seconds": min(times),
                    "peak_mb": max(r["peak"] for r in chosen) / 1024,
                    "runs": len(chosen),
                },
                f"lawtool {own:.1f} s ({100 * own / (own + mkdocs):.0f} %), mkdocs {mkdocs:.1f} s "
                f"({100 * mkdocs / (own + mkdocs):.0f} %); steps: {steps}; {middle['pages']} pages, "
                f"search index {middle['index'] / 1e6:.1f} MB, built site {middle['site'] / 1e6:.1f} MB (≤ 30 MB)",
            )
        )
    out.append(
        (
            "plain `mkdocs build` of the same pages (the alternative: no lawtool step)",
            plain,
            "the pages lawtool wrote, built again by mkdocs alone",
        )
    )
    return out


def site_corpus_run(tmp: Path) -> dict:
    """``lawtool publish --corpus`` of the whole imported corpus (build/corpus, made by ``make corpus-all``,
    or the folder LAWTOOL_CORPUS_DIR names) beside a copy of the repository's law/ and bills/ (its
    build/cache empty: cold), once, in a fresh process: wall time, peak memory of that process (the
    Pagefind binary, its child, is not counted), pages, the built site's size, the time of each step,
    and the machine's load average before and after (the machine is shared: say what else ran)."""
    import shutil

    corpus = Path(os.environ.get("LAWTOOL_CORPUS_DIR", REPO / "build/corpus")).resolve()
    if not (corpus / "report.json").is_file():
        raise SystemExit(f"no corpus build folder at {corpus}: run make corpus-all first")
    copy = tmp / "publish-corpus"
    for name in ("law", "bills", "reports", "site"):
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, copy / name)
    shutil.copy(REPO / "mkdocs.yml", copy / "mkdocs.yml")
    code = (
        "import json, sys, time, resource\nfrom lawtool.publish import publish\nfrom lawtool.progress import Bar\n"
        f"t = time.perf_counter(); r = publish({str(copy)!r}, corpus={str(corpus)!r}, count=Bar(sys.stderr)); "
        "elapsed = time.perf_counter() - t\n"
        "files = [p for p in r.site_dir.rglob('*') if p.is_file()]\n"
        "print(json.dumps({'elapsed': elapsed, 'timings': r.timings, 'details': r.details, 'pages': r.pages, "
        "'index': r.search_index_bytes, 'peak': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "
        "'site': sum(p.stat().st_size for p in files), 'html': sum(1 for p in files if p.suffix == '.html'), "
        "'xml': sum(p.stat().st_size for p in files if p.suffix == '.xml')}))"
    )
    load_before = os.getloadavg()
    start = time.perf_counter()
    # (its progress goes to this process's standard error, as it comes)
    out = subprocess.run(
        [PY, "-c", code], cwd=copy, stdout=subprocess.PIPE, text=True, env={**os.environ, "LAWTOOL_SHARED": str(SHARED)}
    )
    wall = time.perf_counter() - start
    load_after = os.getloadavg()
    if out.returncode:
        raise SystemExit(f"publish --corpus failed ({out.returncode})")
    r = json.loads(out.stdout.strip().splitlines()[-1])
    steps = ", ".join(f"{k} {v:.0f}" for k, v in {**r["timings"], **r["details"]}.items())
    texts = sum(1 for _ in (corpus / "akn").glob("*.xml"))
    note = (
        f"{texts} imported texts + law/ and bills/; {r['pages']} pages ({r['html']} HTML files), built site "
        f"{r['site'] / 1e6:.0f} MB (of which XML downloads {r['xml'] / 1e6:.0f} MB), search index "
        f"{r['index'] / 1e6:.0f} MB; steps (s): {steps}; load average before {load_before[0]:.1f}, "
        f"after {load_after[0]:.1f} (1 min)"
    )
    return {
        "measure": "publish law/, bills/ and the whole imported corpus (library call, cold)",
        "seconds": wall,
        "min_seconds": wall,
        "peak_mb": r["peak"] / 1024,
        "runs": 1,
        "target": "≤ 900 s",
        "note": note,
    }


def plain_mkdocs(root: Path, site: Path, repeat: int) -> dict:
    """What users would otherwise run: ``mkdocs build`` of the same Markdown pages."""
    return measure(
        [str(Path(PY).parent / "mkdocs"), "build", "--quiet", "-f", str(root / "mkdocs.yml"), "-d", str(site)],
        repeat,
        cwd=root,
    )


# =================================================================================================
# diff stage: `lawtool diff` on the Penal Code and on a synthetic 5,000-article code, against a
# diff-match-patch word-mode diff of the two whole texts and `git diff --no-index --word-diff` of the
# exported texts, measured in the same run.  Inputs are made by tests/synthetic.py (seeded).
# =================================================================================================

PENAL_CODE_XML = REPO / "law/ma/act/1962/1-59-413/ara@2024-08-22.xml"
PENAL_EDITS = {"word": 0.10, "insert": 0.02, "delete": 0.02, "move": 0.02}
SYNTHETIC_EDITS = {"word": 0.10, "insert": 0.02, "delete": 0.02}
WHOLE_TEXT_DIFF = """
import sys, time
from lawtool.diff.words import whole_text_word_diff
old = open(sys.argv[1], encoding="utf-8").read()
new = open(sys.argv[2], encoding="utf-8").read()
whole_text_word_diff(old, new)
"""


def diff_inputs(tmp: Path) -> dict[str, Path]:
    """The pairs compared (XML and exported text): the Penal Code against a copy with 10 % of its
    articles edited, 2 % inserted, 2 % deleted and 2 % moved; a 5,000-article code made from the
    Penal Code's articles against a copy with 10 % edited, 2 % inserted and 2 % deleted."""
    code = f"""
from pathlib import Path
from lawtool.akn import Document
import sys; sys.path.insert(0, 'tests')  # test support: tests/synthetic.py
from synthetic import edit_document, synthetic_code
from lawtool.export import to_text
out = Path({str(tmp)!r})
base = Document.load({str(PENAL_CODE_XML)!r})
big = synthetic_code(base, 5000, seed=0)
pairs = {{"penal": (base, {PENAL_EDITS!r}, 1), "synthetic": (big, {SYNTHETIC_EDITS!r}, 2)}}
for name, (doc, rates, seed) in pairs.items():
    edited, _ = edit_document(doc, seed=seed, rates=rates)
    edited = Document.from_bytes(edited.to_bytes())
    for side, d in (("old", doc), ("new", edited)):
        (out / f"{{name}}-{{side}}.xml").write_bytes(d.to_bytes())
        (out / f"{{name}}-{{side}}.txt").write_text(to_text(d), encoding="utf-8")
"""
    subprocess.run([PY, "-c", code], cwd=REPO, check=True)
    return {
        f"{n}-{s}.{e}": tmp / f"{n}-{s}.{e}"
        for n in ("penal", "synthetic")
        for s in ("old", "new")
        for e in ("xml", "txt")
    }


def measure_cpu(cmd: list[str], repeat: int) -> dict:
    """``measure`` plus the child's CPU time (user + system, median), from os.wait4."""
    times, cpus, peaks = [], [], []
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        times.append(time.perf_counter() - start)
        err = proc.stderr.read().decode(errors="replace")
        if os.waitstatus_to_exitcode(status) not in (0, 1):
            raise SystemExit(f"benchmark command failed: {' '.join(map(str, cmd))}\n{err}")
        cpus.append(usage.ru_utime + usage.ru_stime)
        peaks.append(usage.ru_maxrss)
    return {
        "seconds": statistics.median(times),
        "min_seconds": min(times),
        "peak_mb": max(peaks) / 1024,
        "runs": repeat,
        "cpu_seconds": statistics.median(cpus),
    }


def in_process_cpu(snippet: str, repeat: int) -> dict:
    """``in_process`` plus CPU time: the snippet sets ``elapsed`` (wall) and ``cpu`` (process time)."""
    code = (
        "import time, resource, json\n" + snippet + "\nprint(json.dumps({'elapsed': elapsed, 'cpu': cpu, "
        "'peak': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))"
    )
    runs = []
    for _ in range(repeat):
        out = subprocess.run([PY, "-c", code], cwd=REPO, capture_output=True, text=True)
        if out.returncode:
            raise SystemExit(out.stderr)
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    times = [r["elapsed"] for r in runs]
    return {
        "seconds": statistics.median(times),
        "min_seconds": min(times),
        "peak_mb": max(r["peak"] for r in runs) / 1024,
        "runs": repeat,
        "cpu_seconds": statistics.median(r["cpu"] for r in runs),
    }


def diff_runs(tmp: Path, repeat: int, *, quick: bool = False) -> list[tuple[str, dict, str | None, str]]:
    """Rows of the diff stage.  Wall times on a shared machine vary with its load, so each note
    also gives the median CPU time; the ratios are computed on both."""
    f = diff_inputs(tmp)
    slow = 1 if quick else 2  # the whole-text diffs take minutes: fewer repetitions
    rows = []

    def cpu(r: dict) -> str:
        return f"CPU {r['cpu_seconds']:.3f} s"

    library = in_process_cpu(
        f"""
from lawtool.akn import Document
from lawtool.diff import diff_documents
t = time.perf_counter(); c = time.process_time()
result = diff_documents(Document.load({str(f["penal-old.xml"])!r}), Document.load({str(f["penal-new.xml"])!r}))
elapsed = time.perf_counter() - t; cpu = time.process_time() - c
""",
        repeat,
    )
    whole = in_process_cpu(
        f"""
from lawtool.diff.words import whole_text_word_diff
old = open({str(f["penal-old.txt"])!r}, encoding="utf-8").read(); new = open({str(f["penal-new.txt"])!r}, encoding="utf-8").read()
t = time.perf_counter(); c = time.process_time()
whole_text_word_diff(old, new)
elapsed = time.perf_counter() - t; cpu = time.process_time() - c
""",
        slow,
    )
    rows.append(
        (
            "diff Penal Code, 10 % edited + 2 % ins/del/moved (library: both parsed + diffed)",
            library,
            "≤ 0.1 s (issue 13)",
            f"{cpu(library)}; {whole['seconds'] / library['seconds']:.0f}× faster than whole-text "
            f"dmp (CPU {whole['cpu_seconds'] / library['cpu_seconds']:.0f}×)",
        )
    )
    rows.append(("  whole-text dmp word diff of the same pair (library)", whole, None, cpu(whole)))
    cli = measure_cpu(
        LAWTOOL
        + [
            "diff",
            str(f["penal-old.xml"]),
            str(f["penal-new.xml"]),
            "--format",
            "json",
            "-o",
            str(tmp / "penal-diff.json"),
            "--force",
        ],
        repeat,
    )
    rows.append(("diff Penal Code pair (CLI, --format json -o)", cli, "≤ 500 MB peak", cpu(cli)))
    # the synthetic 5,000-article code: process against process
    ours = measure_cpu(
        LAWTOOL
        + [
            "diff",
            str(f["synthetic-old.xml"]),
            str(f["synthetic-new.xml"]),
            "--format",
            "json",
            "-o",
            str(tmp / "synthetic-diff.json"),
            "--force",
        ],
        repeat,
    )
    script = tmp / "whole_text_diff.py"
    script.write_text(WHOLE_TEXT_DIFF, encoding="utf-8")
    dmp = measure_cpu([PY, str(script), str(f["synthetic-old.txt"]), str(f["synthetic-new.txt"])], slow)
    git = measure_cpu(
        [
            "git",
            "diff",
            "--no-index",
            "--word-diff",
            "--no-color",
            str(f["synthetic-old.txt"]),
            str(f["synthetic-new.txt"]),
        ],
        repeat,
    )
    rows.append(
        (
            "diff synthetic 5,000-article code, 10 % edited + 2 % ins/del (CLI process)",
            ours,
            "≤ 0.8 s and ≥ 10× faster than whole-text dmp (issue 13); ≤ 500 MB",
            f"{cpu(ours)}; {dmp['seconds'] / ours['seconds']:.0f}× faster than whole-text dmp "
            f"(CPU {dmp['cpu_seconds'] / ours['cpu_seconds']:.0f}×)",
        )
    )
    rows.append(("  whole-text dmp word diff of the exported texts (process)", dmp, None, cpu(dmp)))
    rows.append(
        (
            "  git diff --no-index --word-diff of the exported texts (process)",
            git,
            None,
            f"{cpu(git)}; lawtool takes {ours['seconds'] / git['seconds']:.1f}× its time: git diffs lines "
            "first and words inside changed hunks, with no alignment of articles",
        )
    )
    rows.append(classification_run())
    return rows


# seeded edits of the 5,000-article code of every kind, among them articles of the Code of Criminal
# Procedure inserted with the penalty formula of an article deleted in the same run (tests/synthetic.py
# ``adopt``): how many the diff classifies right, and the moves it claims that no edit made
CLASSIFY = f"""
import json, resource, sys, time
sys.path.insert(0, 'tests')  # test support: tests/synthetic.py
from synthetic import classify, donor_texts, edit_document, synthetic_code
from lawtool.akn import Document
from lawtool.diff import diff_documents
base = synthetic_code(Document.load({str(PENAL_CODE_XML)!r}), 5000, seed=0)
donors = donor_texts(Document.load({str(REPO / "law/ma/act/2002/22-01/ara@2025-09-08.xml")!r}))
rates = {{"word": 0.06, "typographic": 0.01, "insert": 0.01, "adopt": 0.02, "delete": 0.02, "move": 0.02,
          "renumber": 0.02, "split": 0.01, "merge": 0.01}}
edited, edits = edit_document(base, seed=5, rates=rates, donors=donors)
edited = Document.from_bytes(edited.to_bytes(), "<edited>")
t = time.perf_counter(); result = diff_documents(base, edited); elapsed = time.perf_counter() - t
edits, right, wrong, unedited, false_moves = classify(edits, result)
print(json.dumps({{"edits": len(edits), "right": len(right), "adopted": sum(e.kind == "adopt" for e in edits),
                  "untouched_changed": sum(c.status != "unchanged" for c in unedited),
                  "false_moves": len(false_moves), "elapsed": elapsed,
                  "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}}))
"""


def classification_run() -> tuple[str, dict, str, str]:
    out = subprocess.run([PY, "-c", CLASSIFY], cwd=REPO, capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(out.stderr)
    data = json.loads(out.stdout.strip().splitlines()[-1])
    share = 100 * data["right"] / data["edits"]
    result = {"seconds": data["elapsed"], "min_seconds": data["elapsed"], "peak_mb": data["peak"] / 1024, "runs": 1}
    return (
        "seeded edits of the 5,000-article code, shared penalty formulas (library diff; classification)",
        result,
        "≥ 98 % right, no false move (issue 13)",
        f"{data['right']} of {data['edits']} edits right ({share:.1f} %), {data['adopted']} articles of the CPP "
        f"adopted with a deleted article's formula, {data['false_moves']} false moves, "
        f"{data['untouched_changed']} untouched articles reported changed",
    )


def write_table(rows: list[dict], name: str = "latest") -> None:
    out_dir = REPO / "bench/results"
    out_dir.mkdir(parents=True, exist_ok=True)
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    lines = [
        f"# lawtool benchmark ({time.strftime('%Y-%m-%d %H:%M')}, {machine})",
        "",
        "| measure | median s | min s | peak MB | runs | target | note |",
        "|---|---:|---:|---:|---:|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['measure']} | {r['seconds']:.3f} | {r['min_seconds']:.3f} | {r['peak_mb']:.0f} | "
            f"{r['runs']} | {r['target'] or ''} | {r['note']} |"
        )
    table = "\n".join(lines) + "\n"
    (out_dir / f"{name}.md").write_text(table, encoding="utf-8")
    (out_dir / f"{name}.json").write_text(json.dumps(rows, indent=2, ensure_ascii=False), encoding="utf-8")
    print(table)


# =================================================================================================
# amend stage: 200 synthetic amendments on the Penal Code — applied (none colliding) and checked
# for collisions (one in ten colliding with the one before).  The amendments are made here, seeded:
# each touches its own article (a word substitution, a paragraph replaced, a paragraph inserted, an
# article renumbered, a paragraph deleted), in turn.
# =================================================================================================

SYNTHETIC_AMENDMENTS = """
import random
from lawtool.akn import Document, local_name
from lawtool.amend import parse_amendment
from lawtool.amend.resolve import block_text, blocks_of, find_all


def synthetic_amendments(doc, n, *, seed=0, collide_every=0):
    rng = random.Random(seed)
    target = str(doc.frbr_expression)
    candidates = []
    for art in doc.articles():
        paras = [p for p in art if isinstance(p.tag, str) and local_name(p) == "paragraph" and p.get("eId")]
        if paras and all(len("".join(p.itertext()).split()) >= 8 for p in paras):
            candidates.append((art, paras))
    rng.shuffle(candidates)
    kinds = ["substitute", "replace", "insert", "renumber", "delete"]
    out, last = [], None
    for i in range(n):
        art, paras = candidates[i]
        kind, p = kinds[i % len(kinds)], paras[0]
        texts = [block_text(b) for b in blocks_of(p)]
        if kind == "substitute":
            words = texts[0].split()
            phrases = [" ".join(words[k:k + 3]) for k in range(len(words) - 3)]
            unique = [w for w in phrases if sum(len(find_all(t, w)) for t in texts) == 1]
            op = ({"op": "substitute", "eid": p.get("eId"), "find": unique[0], "with": unique[0] + " مثلا"} if unique
                  else {"op": "replace", "eid": p.get("eId"), "text": "نص معدل."})
        elif kind == "replace":
            op = {"op": "replace", "eid": p.get("eId"), "text": f"نص جديد للفقرة رقم {i}."}
        elif kind == "insert":
            op = {"op": "insert", "after": paras[-1].get("eId"), "text": f"فقرة مضافة رقم {i}."}
        elif kind == "renumber" and doc.by_eid(art.get("eId") + "-bis") is None and "-" not in art.get("eId"):
            num = "".join(art.find("{*}num").itertext()).strip()
            op = {"op": "renumber", "eid": art.get("eId"), "num": num + " مكرر"}
        elif kind == "renumber":
            op = {"op": "insert", "before": p.get("eId"), "text": f"فقرة أولى جديدة رقم {i}."}
        else:
            op = ({"op": "delete", "eid": paras[-1].get("eId")} if len(paras) > 1
                  else {"op": "replace", "eid": p.get("eId"), "text": "(نسخ)"})
        if collide_every and i % collide_every == collide_every - 1 and last:
            op = {"op": "replace", "eid": last, "text": f"نص متعارض رقم {i}."}
        last = op.get("eid")
        out.append(parse_amendment({"id": f"syn-{i:03d}", "target": target, "proposer": "benchmark",
                                    "date": "2024-09-01", "status": "adopted", "operations": [op]}, f"<syn-{i:03d}>"))
    return out
"""


def amend_runs(tmp: Path, repeat: int) -> list[tuple[str, dict, str | None, str]]:
    folder = tmp / "amendments"
    folder.mkdir(exist_ok=True)
    colliding = tmp / "amendments-colliding"
    colliding.mkdir(exist_ok=True)
    prepare = (
        SYNTHETIC_AMENDMENTS
        + f"""
from pathlib import Path
from lawtool.amend import dump_amendment
doc = Document.load({str(PENAL_CODE_XML)!r})
for folder, every in (({str(folder)!r}, 0), ({str(colliding)!r}, 10)):
    for a in synthetic_amendments(doc, 200, collide_every=every):
        (Path(folder) / f"{{a.id}}.yaml").write_text(dump_amendment(a), encoding="utf-8")
"""
    )
    subprocess.run([PY, "-c", prepare], cwd=REPO, check=True)
    files = sorted(str(p) for p in folder.glob("*.yaml"))
    colliding_files = sorted(str(p) for p in colliding.glob("*.yaml"))
    runs = []
    runs.append(
        (
            "amend apply: 200 non-colliding amendments to the Penal Code (library call, serialised)",
            in_process(
                SYNTHETIC_AMENDMENTS
                + f"""
from lawtool.amend import apply_amendments
doc = Document.load({str(PENAL_CODE_XML)!r})
amendments = synthetic_amendments(doc, 200)
t = time.perf_counter()
result = apply_amendments(doc, amendments, date="2024-12-31"); result.document.to_bytes()
elapsed = time.perf_counter() - t
""",
                repeat,
            ),
            "≤ 2 s",
            "collision check, operations, renumbering, references, metadata, serialisation",
        )
    )
    runs.append(
        (
            "amend apply: the same 200 as YAML files (CLI, validated, -o)",
            measure(
                LAWTOOL
                + [
                    "amend",
                    "apply",
                    str(PENAL_CODE_XML),
                    *files,
                    "-o",
                    str(tmp / "penal-amended.xml"),
                    "--date",
                    "2024-12-31",
                    "--force",
                ],
                repeat,
            ),
            None,
            "start-up, 200 YAML files read and checked, XSD validation of the result and writing included",
        )
    )
    runs.append(
        (
            "amend check: 200 amendments, 1 in 10 colliding (library call)",
            in_process(
                SYNTHETIC_AMENDMENTS
                + f"""
from lawtool.amend import check_collisions
doc = Document.load({str(PENAL_CODE_XML)!r})
amendments = synthetic_amendments(doc, 200, collide_every=10)
t = time.perf_counter(); result = check_collisions(doc, amendments); elapsed = time.perf_counter() - t
assert result.collisions
""",
                repeat,
            ),
            "≤ 2 s",
            "",
        )
    )
    runs.append(
        (
            "amend check: the same 200 as YAML files (CLI, --json)",
            measure(LAWTOOL + ["amend", "check", str(PENAL_CODE_XML), *colliding_files, "--json"], repeat),
            None,
            "start-up and 200 YAML files read and checked included; exit 1 (collisions)",
        )
    )
    return runs


# =================================================================================================
# every stage on the synthetic 5,000-article code (the diff stage's synthetic-old.xml / .txt, made of
# the Penal Code's own articles by tests/synthetic.py): import, validate, xref mark, gaps, amend
# and publish (the repository's corpus plus the synthetic code), each in a fresh process.
# =================================================================================================


def synthetic_runs(tmp: Path, repeat: int) -> list[tuple[str, dict, str | None, str]]:
    import shutil

    xml, txt = tmp / "synthetic-old.xml", tmp / "synthetic-old.txt"
    if not xml.exists():
        diff_inputs(tmp)
    uri = "/akn/ma/act/2000/synthetic-5000/ara@2000-01-01"
    runs = [
        (
            "synthetic 5,000-article code: import (CLI, exported text)",
            measure(
                LAWTOOL + ["import", str(txt), "--frbr-uri", uri, "-o", str(tmp / "synthetic-imported.xml"), "--force"],
                repeat,
            ),
            None,
            f"{txt.stat().st_size // 1024} KB of text",
        ),
        (
            "synthetic 5,000-article code: validate (CLI)",
            measure(LAWTOOL + ["validate", str(xml)], repeat),
            None,
            f"{xml.stat().st_size // 1024} KB of XML",
        ),
        (
            "synthetic 5,000-article code: xref mark (CLI, -o)",
            measure(
                LAWTOOL
                + ["xref", "mark", str(xml), "-o", str(tmp / "synthetic-marked.xml"), "--root", str(REPO), "--force"],
                repeat,
            ),
            None,
            "",
        ),
        (
            "synthetic 5,000-article code: gap report (CLI, --json)",
            measure(
                LAWTOOL
                + ["gaps", str(xml), "--concepts", str(SHARED / "reference/digital-violence-concepts.yaml"), "--json"],
                repeat,
            ),
            None,
            "",
        ),
        (
            "synthetic 5,000-article code: amend apply 200 amendments (library call)",
            in_process(
                SYNTHETIC_AMENDMENTS
                + f"""
from lawtool.amend import apply_amendments
doc = Document.load({str(xml)!r})
amendments = synthetic_amendments(doc, 200)
t = time.perf_counter(); apply_amendments(doc, amendments, date="2024-12-31").document.to_bytes()
elapsed = time.perf_counter() - t
""",
                repeat,
            ),
            None,
            "",
        ),
    ]
    root = tmp / "publish-synthetic"
    for name in ("law", "bills", "reports", "site"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    target = root / "law/ma/act/2000/synthetic-5000/ara@2000-01-01.xml"
    target.parent.mkdir(parents=True)
    subprocess.run(
        [
            PY,
            "-c",
            f"""
from lawtool.akn import Document
from lawtool.frbr import FrbrUri
from lawtool.importer import import_text
doc = Document.load({str(xml)!r})
from lawtool.export import to_text
again, _ = import_text(to_text(doc), FrbrUri.parse({uri!r}), repair=False, title="مدونة اصطناعية للقياس")
again.save({str(target)!r})
""",
        ],
        cwd=REPO,
        check=True,
    )
    runs.append(
        (
            "publish the repository corpus + the synthetic 5,000-article code (CLI, cold)",
            measure(LAWTOOL + ["publish"], 1, cwd=root),
            None,
            "one run",
        )
    )
    runs.append(
        ("plain `mkdocs build` of the same pages", plain_mkdocs(root, tmp / "plain-synthetic", 1), None, "one run")
    )
    return runs


if __name__ == "__main__":
    main()
