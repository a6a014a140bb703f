"""Write fuzzing seeds from the real texts: slices of the Adala sources and the bill.

    .venv/bin/python fuzz/seeds.py            # → fuzz/corpus/importer, xref, akn, yaml
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


def structured() -> None:
    """Seeds of the AKN reader (small documents of the tests, the bill) and of the YAML inputs
    (amendments, import.yaml files)."""
    akn = REPO / "fuzz/corpus/akn"
    akn.mkdir(parents=True, exist_ok=True)
    xml = sorted((REPO / "tests/data").rglob("*.xml")) + sorted((REPO / "bills").rglob("ara@*.xml"))
    for n, path in enumerate(p for p in xml if p.stat().st_size < 200_000):
        (akn / f"seed-{n:05d}").write_bytes(path.read_bytes())
    yaml = REPO / "fuzz/corpus/yaml"
    yaml.mkdir(parents=True, exist_ok=True)
    sources = sorted((REPO / "bills").rglob("*.yaml")) + sorted((REPO / "law").rglob("*.yaml"))
    for n, path in enumerate(sources):
        (yaml / f"seed-{n:05d}").write_bytes(path.read_bytes())


if __name__ == "__main__":
    main()
    structured()
