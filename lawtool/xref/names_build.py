"""Build the names table (``lawtool/xref/data/names.yaml``) from a corpus's own titles.

    python -m lawtool.xref.names_build --report build/corpus/report.json \\
        --corpus ../shared/sources/adala/corpus -o lawtool/xref/data/names.yaml   (after make corpus-all)

Nothing in the table is typed by hand.  For every imported text of the corpus report: its work URI,
kind and number (from the report), the other numbers its own head gives it (the promulgating
dahir of a law: :func:`lawtool.xref.identity.own_numbers`), its title (the raw text's first lines)
and the short names its title gives it («قانون المسطرة المدنية», «ظهير بمثابة قانون الالتزامات
والعقود» → «قانون الالتزامات والعقود», «القانون رقم 15.95 المتعلق بمدونة التجارة» → «مدونة التجارة»).
Then, from the citations of the whole corpus, the names of codes the corpus cites with their number
without holding them («القانون رقم 70.03 بمثابة مدونة الأسرة»): a name is kept when one number
accounts for at least four fifths of its uses, and at least two.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

import yaml

from .identity import own_numbers
from .names import fold_number
from .patterns import View

_BLANK = re.compile(r"\n\s*\n")
_STOP = {
    "الصادر",
    "الصادره",
    "المنفذ",
    "كما",
    "الذي",
    "التي",
    "بتاريخ",
    "المؤرخ",
    "المغير",
    "المتمم",
    "و",
    "في",
    "من",
    "علي",
    "رقم",
    "سالف",
    "السالف",
    "المشار",
    "المذكور",
    "المذكوره",
    "ولا",
    "ولاسيما",
    "لا",
    "سيما",
    "او",
    "بشان",
}
_WORD = re.compile(r"[^\W\d_]+")
_AS_CODE = re.compile(r"(?:بمثابه|المتعلق\s+ب|المتعلقه\s+ب)\s*((?:مدونه|قانون|مجموعه|ميثاق)\s+[^\n]+)")
_CITED_CODE = re.compile(
    r"رقم\s*(\d+\s*[.\-]\s*\d+(?:\s*[.\-]\s*\d+)?)\s*(?:ال)?(?:متعلق\s+ب|بمثابه\s+|بشان\s+)"
    r"(مدونه(?:\s+[^\W\d_]+){1,4})"
)


def folded(text: str) -> str:
    return " ".join(View(text).text.split())


def title_of(text: str) -> str:
    """The title: the raw text's first lines, up to the first blank line (without «صيغة محينة ...»)."""
    first = _BLANK.split(text.lstrip(), 1)[0]
    first = re.split(r"صيغ[ةه]\s+محين", first)[0]
    return " ".join(first.split())[:240]


def _words(phrase: str, limit: int = 5) -> str:
    out: list[str] = []
    for w in phrase.split():
        if w in _STOP or not _WORD.fullmatch(w) or len(out) >= limit:
            break
        out.append(w)
    return " ".join(out)


_CODE_TITLE = re.compile(
    r"^(?:ظهير\s+(?:شريف\s+)?(?:معتبر\s+)?بمثابه\s+|القانون\s+رقم\s+[\d.]+\s+(?:المتعلق\s+ب|بمثابه\s+))?"
    r"((?:ال)?(?:مدونه|قانون|مجموعه)\s+(?:ال|لل)[^\W\d_]+(?:\s+(?:و?ال|لل)[^\W\d_]+){0,3})$"
)


def title_names(title: str, kind: str | None = None) -> list[str]:
    """Short names a title gives its text (folded): a code's name («قانون المسطره المدنيه»,
    «مدونه التجاره»), «الدستور».  A decree or an order applies a code, it is not one: no name."""
    t = folded(title)
    if kind in ("decree", "order", "treaty"):
        return []
    if t in ("الدستور", "دستور المملكه المغربيه"):
        return ["الدستور"]
    m = _CODE_TITLE.match(t)
    if not m or re.search(r"\s(?:بتغيير|بتتميم|بنسخ|بتطبيق|يتعلق|المتعلق)\s", " " + m.group(1) + " "):
        return []
    name = m.group(1)
    return [name[2:] if name.startswith("ال") and name[2:].startswith(("مدونه", "قانون")) else name]


def _type(number: str) -> str:
    parts = fold_number(number)
    return "dahir" if len(parts) == 3 and parts[0] == 1 else "decree" if len(parts) == 3 else "law"


def _work_uri(expression: str) -> str:
    return re.sub(r"/[a-z]{3}@[^/]*$", "", expression)


def _year(uri: str) -> str | None:
    m = re.search(r"/(\d{4})/", uri)
    return m.group(1) if m and m.group(1) not in ("1900",) else None


def text_entries(report: dict, corpus: Path) -> list[dict]:
    out = []
    for t in report.get("texts", []):
        if not t.get("frbr_uri") or t.get("status") == "refused":
            continue
        path = corpus / t["file"]
        raw = path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""
        uri = _work_uri(t["frbr_uri"])
        numbers = [t["number"]] if t.get("number") else []
        heading = own_numbers(raw)
        disputed = bool(numbers and heading and fold_number(numbers[0]) not in {fold_number(n) for n in heading})
        for n in heading if t.get("kind") not in ("decree", "order") else []:
            # a decree or an order has one number; a law and its promulgating dahir two:
            # one number of each type: the law and the dahir that promulgates it (not the amending texts)
            if all(_type(n) != _type(x) for x in numbers):
                numbers.append(n)
        title = title_of(raw) if raw else (t.get("title") or "")
        entry = {
            "uri": uri,
            "kind": t.get("kind"),
            "numbers": numbers,
            "year": _year(uri),
            "title": title,
            "file": t["file"],
        }
        if disputed:
            # the report's number is not one the text's own heading gives it (an amending law's number
            # taken for the text's): the text is not looked up by number at all
            entry["disputed"] = True
        names = title_names(title, t.get("kind"))
        if names:
            entry["names"] = names
        out.append(entry)
    return out


def cited_codes(corpus: Path) -> dict[str, str]:
    """Code names the corpus cites with a number: {folded name: number}.  A name is grown word by
    word while most of its uses go on with the same word («مدونه المحاكم الماليه», not «مدونه
    التجاره حول اجال»)."""
    uses = _code_uses(corpus)
    out: dict[str, str] = {}
    for head in sorted({tuple(w[:2]) for w, _ in uses}):
        group = [(w, n) for w, n in uses if tuple(w[:2]) == head]
        numbers = Counter(n for w, n in group)
        number, n = numbers.most_common(1)[0]
        if n >= 2 and n >= 0.8 * sum(numbers.values()):
            out[" ".join(_grown_name(list(head), group))] = number
    return out


def _code_uses(corpus: Path) -> list[tuple[list[str], str]]:
    """(the first words of the name, the number) of each code cited with its number in the corpus."""
    uses: list[tuple[list[str], str]] = []
    for path in sorted(corpus.glob("*.txt")):
        text = folded(path.read_text(encoding="utf-8", errors="replace"))
        for m in _CITED_CODE.finditer(text):
            words = _words(m.group(2), 5).split()
            number = ".".join(
                str(int(p)).zfill(2) if i == 1 and len(p) <= 2 else str(int(p))
                for i, p in enumerate(re.split(r"\s*[.\-]\s*", m.group(1)))
            )
            if len(words) >= 2:
                uses.append((words, number))
    return uses


def _grown_name(name: list[str], group: list[tuple[list[str], str]]) -> list[str]:
    """``name`` grown word by word while at least 60 % of the uses that have it go on with one word."""
    while True:
        nxt = Counter(w[len(name)] for w, _ in group if len(w) > len(name) and w[: len(name)] == name)
        if not nxt:
            return name
        word, count = nxt.most_common(1)[0]
        if count < 0.6 * sum(1 for w, _ in group if w[: len(name)] == name):
            return name
        name.append(word)


def build(report_path: Path, corpus: Path) -> dict:
    report = json.loads(report_path.read_text(encoding="utf-8"))
    texts = text_entries(report, corpus)
    held = {n for e in texts for n in e.get("names", [])}
    cited = {name: number for name, number in cited_codes(corpus).items() if name not in held}
    return {
        "format": "lawtool-xref-names/1",
        "source": {"report": str(report_path), "corpus": str(corpus)},
        "works": texts,
        "cited_codes": [{"name": k, "number": v} for k, v in cited.items()],
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--report", type=Path, required=True)
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("-o", "--output", type=Path, required=True)
    args = ap.parse_args(argv)
    data = build(args.report, args.corpus)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.dump(
        data, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), allow_unicode=True, sort_keys=False, width=200
    )
    args.output.write_text(text, encoding="utf-8")
    print(f"{args.output}: {len(data['works'])} works, {len(data['cited_codes'])} cited code names", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
