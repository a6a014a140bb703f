"""The examples of README.md and docs/ are true (issue 18): every `lawtool` command line they show
names a command and options the CLI has; those written with real paths run (in a copy of law/ and
bills/, so that nothing of the repository is written); the Python examples run; the amendment
example applies to the bill it names; the correction example is the one law/ records."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cli_support import cli_commands

REPO = Path(__file__).resolve().parents[1]
DOCS = sorted((REPO / "docs").glob("*.md")) + [REPO / "README.md"]
BLOCK = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)


def blocks(language: str | None = None):
    for path in DOCS:
        for match in BLOCK.finditer(path.read_text(encoding="utf-8")):
            if language is None or match.group(1) == language:
                yield path, match.group(1), match.group(2)


def command_lines():
    """(doc, line) of each `lawtool ...` line of the code blocks, continuation lines joined, comments
    and optional parts ([...]) removed."""
    for path, _, body in blocks():
        body = body.replace("\\\n", " ")
        lines = body.split("\n")
        for n, line in enumerate(lines):
            line = re.sub(r"\s+#\s.*$", "", line).strip()
            if not line.startswith("lawtool "):
                continue
            # a synopsis continues on indented lines of [options]
            for more in lines[n + 1 :]:
                if more.startswith(" ") and more.strip().startswith("["):
                    line += " " + re.sub(r"\s+#\s.*$", "", more).strip()
                else:
                    break
            yield path.name, line.split(" | ")[0]


COMMAND_LINES = list(command_lines())


CLI = cli_commands()


def _split(line: str) -> tuple[str, list[str]]:
    words = shlex.split(line)[1:]
    for size in (2, 1):
        name = " ".join(words[:size])
        if name in CLI:
            return name, words[size:]
    raise AssertionError(f"no command «lawtool {' '.join(words[:2])}»")


def test_the_docs_show_commands():
    assert len(COMMAND_LINES) >= 15
    assert {"diff", "compare", "publish", "amend check"} <= {_split(line)[0] for _, line in COMMAND_LINES}


@pytest.mark.parametrize("doc, line", COMMAND_LINES, ids=[f"{d}:{line[:60]}" for d, line in COMMAND_LINES])
def test_every_command_line_names_real_options(doc, line):
    name, words = _split(line)
    options = {opt for p in CLI[name].params for opt in getattr(p, "opts", []) + getattr(p, "secondary_opts", [])}
    shown = {w.strip("[]").split("=")[0] for w in words if w.strip("[]").startswith("-")}
    assert shown <= options, f"{doc}: «{line}» shows {sorted(shown - options)}, not options of lawtool {name}"


def _runnable(line: str) -> bool:
    """Lines with real paths only: no placeholder (BILL.xml, OLD.xml, DIR ...), no optional part."""
    if "[" in line or "..." in line:
        return False
    name, words = _split(line)
    paths = [w for w in words if w.endswith((".xml", ".yaml")) and "/" in w]
    placeholders = [w for w in words if re.fullmatch(r"[A-Z][A-Z_.]*(?:\.xml|\.yaml)?", w)]
    return bool(paths) and not placeholders and all((REPO / p).exists() for p in paths)


RUNNABLE = [(d, line) for d, line in COMMAND_LINES if _runnable(line)]


@pytest.fixture(scope="module")
def checkout(tmp_path_factory):
    """law/ and bills/ copied: the examples' outputs land in the copy, never in the repository."""
    root = tmp_path_factory.mktemp("docs")
    for top in ("law", "bills"):
        shutil.copytree(REPO / top, root / top)
    return root


def test_some_command_lines_run():
    assert len(RUNNABLE) >= 4


@pytest.mark.parametrize("doc, line", RUNNABLE, ids=[f"{d}:{line[:60]}" for d, line in RUNNABLE])
def test_the_runnable_command_lines_run(doc, line, checkout):
    result = subprocess.run(
        [sys.executable, "-m", "lawtool", *shlex.split(line)[1:]],
        cwd=checkout,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "Traceback" not in result.stderr, result.stderr
    # 0, or 1 for the commands whose exit 1 means «there are changes / findings» (docs/cli.md)
    assert result.returncode in (0, 1), f"{doc}: «{line}»: exit {result.returncode}: {result.stderr[-500:]}"
    assert result.stdout or list(checkout.glob("*.html")) or result.stderr


def test_the_python_examples_run(monkeypatch):
    """Each Python block runs; the names it leaves to the reader (paths, old, new) are bound to the
    bill's files."""
    bill = REPO / "bills/ma/bill/2024/digital-violence"
    bound = {
        "paths": sorted((bill / "amendments").glob("*.yaml"))[:2],
        "old": bill / "ara@2024-05-14.xml",
        "new": bill / "ara@2024-12-10.xml",
    }
    monkeypatch.chdir(REPO)
    examples = list(blocks("python"))
    assert len(examples) >= 2
    for path, _, body in examples:
        exec(compile(body, f"{path.name} (example)", "exec"), dict(bound))  # noqa: S102 - the docs' own code


def test_the_amendment_example_applies_to_the_bill_it_names(tmp_path):
    from lawtool.akn import Document
    from lawtool.amend import apply_amendments
    from lawtool.amend.model import parse_amendment, parse_yaml_text

    (example,) = [body for path, _, body in blocks("yaml") if path.name == "amendments.md"]
    amendment = parse_amendment(parse_yaml_text(example, "amendments.md"), "amendments.md")
    bill = Document.load(REPO / "bills/ma/bill/2024/digital-violence/ara@2024-12-10.xml")
    assert str(bill.frbr_expression) == str(amendment.target)
    result = apply_amendments(bill, [amendment], date="2025-01-21")
    assert "بالحبس من ثلاث إلى سبع سنوات" in result.document.to_bytes().decode("utf-8")


def test_the_correction_example_is_a_recorded_correction():
    (example,) = [body for path, _, body in blocks("yaml") if path.name == "importer.md"]
    from lawtool.yaml_input import parse_yaml_text

    shown = parse_yaml_text(example)["corrections"][0]
    recorded = parse_yaml_text((REPO / "law/ma/act/2018/103-13/import.yaml").read_text(encoding="utf-8"))
    corrections = [c for spec in recorded["expressions"] for c in spec.get("corrections", [])]
    assert any(
        c["line"] == shown["line"] and c["find"] == shown["find"] and c["replace"] == shown["replace"]
        for c in corrections
    )
