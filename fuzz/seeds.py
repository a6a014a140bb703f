"""Write fuzzing seeds from the real texts: slices of the Adala sources and the bill.

    .venv/bin/python fuzz/seeds.py            # → fuzz/corpus/importer, fuzz/corpus/xref
"""

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("LAWTOOL_SHARED", REPO.parent / "shared"))


def main() -> None:
    sources = sorted((SHARED / "sources/adala").rglob("*.txt")) + [SHARED / "sources/law-103-13/ar.txt"]
    sources += sorted((REPO / "bills").rglob("source/*.txt"))
    for target in ("importer", "xref"):
        out = REPO / "fuzz/corpus" / target
        out.mkdir(parents=True, exist_ok=True)
        n = 0
        for path in sources:
            lines = path.read_text(encoding="utf-8").split("\n")
            step = 40 if target == "importer" else 6
            for start in range(0, min(len(lines), 1200), step * 5):
                chunk = "\n".join(lines[start:start + step])
                (out / f"seed-{n:05d}").write_text(chunk, encoding="utf-8")
                n += 1


if __name__ == "__main__":
    main()
