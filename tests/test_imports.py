"""Import shape: every module of lawtool imports on its own (an import cycle between modules
fails here with a partially initialised module), and the CLI's stage modules do not import
``lawtool.cli`` (they share ``lawtool.cli_base`` with it)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "lawtool"

FIRST_IMPORT = """
import importlib, sys
failed = []
for name in sys.argv[1:]:
    for loaded in [m for m in sys.modules if m == "lawtool" or m.startswith("lawtool.")]:
        del sys.modules[loaded]
    try:
        importlib.import_module(name)
    except Exception as exc:
        failed.append(f"{name}: {type(exc).__name__}: {exc}")
print("\\n".join(failed))
"""


def _modules() -> list[str]:
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        if parts[-1] != "__main__":
            names.append(name)
    return names


def test_every_module_imports_first():
    names = _modules()
    assert len(names) > 80  # the walk found the package
    done = subprocess.run([sys.executable, "-c", FIRST_IMPORT, *names], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""


def test_stage_command_modules_do_not_import_the_cli():
    code = (
        "import sys, lawtool.cli_gaps, lawtool.cli_publish, lawtool.cli_diff, lawtool.cli_amend, lawtool.cli_xref; "
        "print('lawtool.cli' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"
