"""Collect real amending instructions from the imported Adala corpus (build/corpus/akn, made by
`lawtool corpus import-all`) into instructions.yaml.  Run once, before the parser was tuned:

    python tests/data/amend_prose/collect.py /work/main/build/corpus/akn > tests/data/amend_prose/instructions.yaml

Rule (fixed in advance): a text block whose text starts with an amending verb and names an
element (المادة، الفصل، الفقرة، البند) in its first 150 characters; the instruction is the text
up to the first colon after «على النحو التالي» / «كما يلي» when there is one, else the
sentence (up to the first full stop that is not the dot of a number).  Law 103.13 (from law/) first, then every 4th of the
others in file order, 60 in all."""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
from lawtool.akn import Document, text_of  # noqa: E402

VERB = re.compile(r"^(تغير|يغير|تتمم|يتمم|تنسخ|ينسخ|تحذف|يحذف|تعوض|يعوض|تضاف|يضاف|تصبح|يصبح)\s")
NAMES = re.compile(r"(المادة|المواد|الفصل|الفصول|الفقرة|الفقرات|البند|البنود|المادتين|الفصلين)")


def instructions(path: Path):
    doc = Document.load(path)
    for block in doc.root.iter("{*}p", "{*}intro"):
        text = " ".join(text_of(block).split())
        if not VERB.match(text) or not NAMES.search(text[:150]):
            continue
        colon = text.find(":")
        announce = re.search(r"على النحو ?التالي|كما يل[يى]", text)
        if announce and colon > announce.start():
            text = text[: colon + 1]
        else:
            stop = re.search(r"\.(?!\d)", text)  # a full stop, not the dot of «22.01»
            text = text[: stop.end()] if stop else text
        owner = next((a.get("eId") for a in block.iterancestors() if a.get("eId")), None)
        yield text, owner


def main(corpus: str) -> None:
    repo = Path(__file__).resolve().parents[3]
    found = [
        ("law/ma/act/2018/103-13/ara@2018-03-12.xml", t, e)
        for t, e in instructions(repo / "law/ma/act/2018/103-13/ara@2018-03-12.xml")
    ]
    others = []
    for path in sorted(Path(corpus).glob("*.xml")):
        others.extend((f"build/corpus/akn/{path.name}", t, e) for t, e in instructions(path))
    found += others[::4]
    found = found[:60]
    print("# Real amending instructions from the Adala corpus, collected by collect.py (rule in its docstring)")
    print("# before the prose parser was written. source: the AKN file; place: the eId of the block.")
    print("instructions:")
    for source, text, eid in found:
        print(f"  - source: {source}")
        print(f"    place: {eid}")
        print(f"    text: {text!r}".replace("'", '"') if '"' not in text else f"    text: '{text}'")


if __name__ == "__main__":
    main(sys.argv[1])
