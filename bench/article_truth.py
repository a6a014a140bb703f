"""The importer's articles and its self-check's heading count against the blind hand annotation
of tests/data/article_truth/ (issue 12): per text, whether each sequence equals the annotated one.

    python bench/article_truth.py [--diff]

The self-check's sequence is taken inside the import (its check_layout is wrapped): the same lines
and headings it compares with the built articles."""

from __future__ import annotations

import difflib
import sys
import tempfile
from pathlib import Path

import lawtool.importer as importer
import lawtool.importer.selfcheck as selfcheck
from lawtool.corpus import shared_dir
from lawtool.corpus_import import Options, import_one
from lawtool.yaml_input import parse_yaml_text

REPO = Path(__file__).resolve().parents[1]
TRUTH = REPO / "tests/data/article_truth"


def main() -> None:
    corpus = shared_dir(REPO) / "sources/adala/corpus"
    seen_and_built: dict[str, list] = {}
    check = selfcheck.check_layout

    def recording(layout, lines, numbers, *, source):
        headings = selfcheck.own_headings(selfcheck.source_headings(lines, numbers), lines, numbers)
        seen_and_built["seen"] = [h.number for h in headings]
        seen_and_built["built"] = [number for _, number in selfcheck.built_articles(layout)]
        return check(layout, lines, numbers, source=source)

    selfcheck.check_layout = recording
    importer.check_layout = recording  # the name the importer calls (imported from selfcheck)
    out = Path(tempfile.mkdtemp())
    built_right = seen_right = 0
    files = sorted(TRUTH.glob("*.yaml"))
    for path in files:
        truth = parse_yaml_text(path.read_text(encoding="utf-8"), str(path))
        want = [str(a["number"]) for a in truth.get("articles") or []]
        seen_and_built.clear()
        import_one(corpus / truth["file"], Options(out=out, spelling=False, schema=False))
        seen, built = seen_and_built.get("seen", []), seen_and_built.get("built", [])
        built_right += built == want
        seen_right += seen == want
        print(
            f"{truth['file']:45} annotated {len(want):4}  built {len(built):4} {'=' if built == want else '≠'}"
            f"  self-check {len(seen):4} {'=' if seen == want else '≠'}"
        )
        if "--diff" in sys.argv:
            for name, got in (("built", built), ("self-check", seen)):
                for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=want, b=got, autojunk=False).get_opcodes():
                    if tag != "equal":
                        print(f"    {name}: {tag} annotated {want[i1:i2][:6]} → {got[j1:j2][:6]}")
    print(f"{len(files)} texts: built = annotation {built_right}, self-check = annotation {seen_right}")


if __name__ == "__main__":
    main()
