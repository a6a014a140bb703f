"""How time and memory grow with the size of the corpus.

    .venv/bin/python bench/scale.py [--quick]      # writes bench/results/scale.md and prints it

1. every official text at hand (the 12 laws of shared/sources/adala/laws/, Law 103.13, the Penal Code,
   the Code of Criminal Procedure): import and validate, each in its own process (peak memory is the
   stage's own), against its number of articles;
2. synthetic codes of 1,000 to 10,000 articles made from the Penal Code's own articles
   (synthetic_code of tests/synthetic.py): validate, export → import, and diff against a seeded edit,
   as time per 1,000 articles — flat when the stage is linear;
3. publishing: the repository's corpus, then the repository's corpus plus the 12 laws (imported under
   benchmark-only FRBR URIs in a temporary copy), with a plain `mkdocs build` of the same pages.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("LAWTOOL_SHARED", REPO.parent / "shared"))
PY = sys.executable


def run_child(code: str, cwd: Path = REPO) -> dict:
    """Run ``code`` (which prints one JSON line) in a fresh process; add its peak RSS in MB."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [PY, "-c", code],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "LAWTOOL_SHARED": str(SHARED)},
    )
    _, status, usage = os.wait4(proc.pid, 0)
    out, err = proc.stdout.read().decode(), proc.stderr.read().decode()
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"benchmark child failed:\n{err}")
    data = json.loads(out.strip().splitlines()[-1])
    data["wall"] = time.perf_counter() - start
    data["peak_mb"] = usage.ru_maxrss / 1024
    return data


TEXT_STAGE = """
import json, time
from lawtool.frbr import FrbrUri
from lawtool.importer import import_text, read_source
from lawtool.validate import validate_document, schema
schema()
text = read_source({path!r})
t = time.perf_counter(); doc, rep = import_text(text, FrbrUri.parse({uri!r})); data = doc.to_bytes()
t_import = time.perf_counter() - t
t = time.perf_counter(); findings = validate_document(doc); t_validate = time.perf_counter() - t
print(json.dumps({{"articles": len(doc.articles()), "kb": len(text.encode()) // 1024, "import": t_import,
                  "validate": t_validate, "errors": sum(f.severity == "error" for f in findings)}}))
"""

SYNTHETIC_STAGE = """
import json, time
from lawtool.akn import Document
from lawtool.diff import diff_documents
import sys; sys.path.insert(0, 'tests')  # test support: tests/synthetic.py
from synthetic import edit_document, synthetic_code
from lawtool.export import to_text
from lawtool.importer import import_text
from lawtool.validate import validate_document, schema
schema()
base = Document.load({penal!r})
code = synthetic_code(base, {n}, seed=1)
code = Document.from_bytes(code.to_bytes())
edited, _ = edit_document(code, seed=2, rates={{"word": 0.10, "insert": 0.02, "delete": 0.02}})
edited = Document.from_bytes(edited.to_bytes())
t = time.perf_counter(); validate_document(code); t_validate = time.perf_counter() - t
text = to_text(code)
t = time.perf_counter(); again, _ = import_text(text, code.frbr_expression, repair=False); t_import = time.perf_counter() - t
t = time.perf_counter(); diff_documents(code, edited); t_diff = time.perf_counter() - t
print(json.dumps({{"articles": len(code.articles()), "kb": len(code.to_bytes()) // 1024, "validate": t_validate,
                  "import": t_import, "diff": t_diff}}))
"""

PUBLISH_STAGE = """
import json, time
from lawtool.publish import publish
t = time.perf_counter(); r = publish({root!r}); elapsed = time.perf_counter() - t
print(json.dumps({{"elapsed": elapsed, "mkdocs": r.timings.get("mkdocs", 0.0), "pages": r.pages,
                  "docs_dir": str(r.docs_dir)}}))
"""


def texts() -> list[tuple[str, Path, str]]:
    adala = SHARED / "sources/adala"
    rows = [
        (p.stem.replace("ma-adala-", ""), p, f"/akn/ma/act/2000/bench-{i}/ara@2000-01-01")
        for i, p in enumerate(sorted((adala / "laws").glob("*.txt")), start=1)
    ]
    rows += [
        ("law-103-13", SHARED / "sources/law-103-13/ar.txt", "/akn/ma/act/2018/103-13/ara@2018-03-12"),
        ("penal-code", adala / "penal-code.consolidated-2024-08-22.ar.txt", "/akn/ma/act/1962/1-59-413/ara@2024-08-22"),
        (
            "criminal-procedure",
            adala / "criminal-procedure.consolidated-2025-09-08.ar.txt",
            "/akn/ma/act/2002/22-01/ara@2025-09-08",
        ),
    ]
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="smaller synthetic codes, no 12-law publish")
    args = parser.parse_args()
    lines = [
        "# How lawtool scales",
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M')} on {os.cpu_count()} cores; "
        "each row in a fresh process (peak = that process's maximum resident memory).",
        "",
        "## 1. The official texts at hand: import and validate",
        "",
        "| text | KB | articles | import s | validate s | import ms / article | peak MB |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    total_articles = 0
    for name, path, uri in texts():
        r = run_child(TEXT_STAGE.format(path=str(path), uri=uri))
        total_articles += r["articles"]
        per = 1000 * r["import"] / max(r["articles"], 1)
        lines.append(
            f"| {name} | {r['kb']} | {r['articles']} | {r['import']:.2f} | {r['validate']:.3f} | {per:.2f} | "
            f"{r['peak_mb']:.0f} |"
        )
    lines += [
        "",
        f"{total_articles} articles in all.",
        "",
        "## 2. Synthetic codes made of the Penal Code's articles",
        "",
        "| articles | XML KB | validate s | import s | diff s | ms / 1,000 articles (validate, import, diff) | peak MB |",
        "|---:|---:|---:|---:|---:|---|---:|",
    ]
    sizes = (1000, 2500, 5000) if args.quick else (1000, 2500, 5000, 10000)
    penal = REPO / "law/ma/act/1962/1-59-413/ara@2024-08-22.xml"
    for n in sizes:
        r = run_child(SYNTHETIC_STAGE.format(penal=str(penal), n=n))
        k = r["articles"] / 1000
        lines.append(
            f"| {r['articles']} | {r['kb']} | {r['validate']:.2f} | {r['import']:.2f} | {r['diff']:.2f} | "
            f"{1000 * r['validate'] / k:.0f}, {1000 * r['import'] / k:.0f}, {1000 * r['diff'] / k:.0f} | "
            f"{r['peak_mb']:.0f} |"
        )
    lines += [
        "",
        "## 3. Publishing",
        "",
        "| corpus | articles | pages | publish s | of which mkdocs s | plain `mkdocs build` of the same pages s | peak MB |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    with tempfile.TemporaryDirectory(prefix="lawtool-scale-") as tmp:
        corpora = [("repository (law/ and bills/)", False)] + (
            [] if args.quick else [("repository + 12 Adala laws", True)]
        )
        for label, with_laws in corpora:
            root = Path(tmp) / ("big" if with_laws else "repo")
            for name in ("law", "bills", "reports", "site"):
                shutil.copytree(REPO / name, root / name)
            shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
            if with_laws:
                for name, path, uri in texts()[:12]:
                    run_child(f"""
import json
from lawtool.frbr import FrbrUri
from lawtool.importer import import_text, read_source
uri = FrbrUri.parse({uri!r})
doc, _ = import_text(read_source({str(path)!r}), uri, title={name!r})
doc.save({str(root / "law")!r} + '/' + uri.relative_path())
print(json.dumps({{}}))
""")
            count = run_child(f"""
import json
from lawtool.corpus import corpus_files
from lawtool.akn import Document
print(json.dumps({{"articles": sum(len(Document.load(p).articles()) for p in corpus_files({str(root)!r}))}}))
""")["articles"]
            r = run_child(PUBLISH_STAGE.format(root=str(root)), cwd=root)
            start = time.perf_counter()
            plain = subprocess.run(
                [
                    str(Path(PY).parent / "mkdocs"),
                    "build",
                    "--quiet",
                    "-f",
                    str(root / "mkdocs.yml"),
                    "-d",
                    str(Path(tmp) / "plain-site"),
                ],
                cwd=root,
                capture_output=True,
                text=True,
            )
            plain_s = time.perf_counter() - start if plain.returncode == 0 else float("nan")
            lines.append(
                f"| {label} | {count} | {r['pages']} | {r['elapsed']:.1f} | {r['mkdocs']:.1f} | {plain_s:.1f} | "
                f"{r['peak_mb']:.0f} |"
            )
    table = "\n".join(lines) + "\n"
    out = REPO / "bench/results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "scale.md").write_text(table, encoding="utf-8")
    print(table)


if __name__ == "__main__":
    main()
