"""The names table: every text of the corpus by its numbers and names (data/names.yaml, built by
:mod:`lawtool.xref.names_build` from the corpus's own titles).

- :func:`by_number`: the work a law, dahir, decree or order number designates («09.08» = «9.08» =
  «09-08»; a promulgating dahir's number is its law's).  A number two works claim is ambiguous:
  no work (never a guess).
- :func:`match_name`: the longest code name of the table at a place of a folded text
  («قانون الالتزامات والعقود», «مدونة التجارة البحرية» before «مدونة التجارة»).
- :func:`by_name`: the work a name designates at a date (a «الدستور» of 2015 is the Constitution of
  2011; of 1980, the 1972 one, which the corpus may not hold: then none).
- :func:`foreign_at`: a foreign law or a foreign code («مجلة التحقيق الجنائي الفرنسي», «القانون
  الفرنسي», a Tunisian «مجلة»): never resolved to a Moroccan work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from ..arabic import ascii_digits

TABLE = Path(__file__).with_name("data") / "names.yaml"
_DIGIT_RUNS = re.compile(r"\d+")


@lru_cache(maxsize=4096)
def fold_number(number: str) -> tuple[int, ...]:
    """A law number's parts as integers, for comparing «009.71» with «9.71»."""
    return tuple(int(p) for p in _DIGIT_RUNS.findall(ascii_digits(number)))


@dataclass(frozen=True)
class Named:
    uri: str | None  # None: cited with a number by the corpus, not held by it
    number: str | None
    kind: str | None
    year: str | None
    title: str = ""


class Names:
    def __init__(self, data: dict):
        self.numbers: dict[tuple, list[Named]] = {}
        self._by_uri: dict[str, list[str]] = {}
        self._titles: dict[str, str] = {e["uri"]: e.get("title", "") for e in data.get("works", [])}
        self.names: dict[str, list[Named]] = {}
        for e in data.get("works", []):
            first = e["numbers"][0] if e.get("numbers") else None
            named = Named(e["uri"], first, e.get("kind"), e.get("year"), e.get("title", ""))
            self._by_uri.setdefault(e["uri"], []).extend(e.get("numbers", []))
            for n in [] if e.get("disputed") else e.get("numbers", []):
                key = fold_number(n)
                if key:
                    bucket = self.numbers.setdefault(key, [])
                    if all(x.uri != named.uri for x in bucket):
                        bucket.append(named)
            for name in e.get("names", []):
                self.names.setdefault(name, []).append(named)
        for c in data.get("cited_codes", []):
            if c["name"] not in self.names:
                held = self.numbers.get(fold_number(c["number"]))
                self.names[c["name"]] = (
                    list(held) if held and len(held) == 1 else [Named(None, c["number"], "code", None)]
                )
        alternatives = sorted(self.names, key=len, reverse=True)
        self._name_re = (
            re.compile(
                r"(?:ال)?(?:"
                + "|".join(re.escape(_bare(n)).replace(r"\ ", r"\s+") for n in alternatives)
                + r")(?![^\W\d_])"
            )
            if alternatives
            else None
        )
        self._bare = {_bare(n): n for n in alternatives}

    def title_of(self, uri: str) -> str | None:
        return self._titles.get(uri)

    def numbers_of(self, uri: str) -> list[str]:
        return self._by_uri.get(uri, [])

    def by_number(self, number: str) -> tuple[Named | None, bool]:
        """(the work, ambiguous)."""
        found = self.numbers.get(fold_number(number)) or []
        if len(found) == 1:
            return found[0], False
        return None, len(found) > 1

    def match_name(self, text: str, pos: int) -> tuple[str, int] | None:
        """(table name, end) of the longest name at ``pos`` of a folded text."""
        if self._name_re is None:
            return None
        m = self._name_re.match(text, pos)
        if not m:
            return None
        found = " ".join(m.group(0).split())
        if _GOES_ON.match(text, m.end()):
            return None  # «مدونة التجارة البحرية» is not «مدونة التجارة»
        bare = found[2:] if found.startswith("ال") and found[2:] in self._bare else found
        name = self._bare.get(bare) or self._bare.get(found)
        return (name, m.end()) if name else None

    def by_name(self, name: str, year: str | None) -> Named | None:
        """The work ``name`` designates for a text of ``year``: the latest one made by then."""
        found = self.names.get(name) or []
        if len(found) == 1 and (found[0].year is None or year is None or found[0].year <= year):
            return found[0]
        # several texts of that name (constitutions): only the latest, for a text made after it — the
        # corpus may lack the versions in between, so an older text's name stays unresolved
        dated = sorted((n for n in found if n.year), key=lambda n: n.year or "")
        if year is None or not dated or (dated[-1].year or "") > year:
            return None
        return dated[-1]

    def uris_of_name(self, name: str) -> set[str]:
        return {n.uri for n in self.names.get(name, []) if n.uri}


_GOES_ON = re.compile(
    r"\s+(?!(?:الصادر|الصادره|المنفذ|المتعلق|الذي|التي|المؤرخ|المغير|المتمم|المشار|المذكور|السالف|"
    r"المذكوره|الجاري|المعمول|المغربي|المغربيه|الجديد|الجديده)(?![^\W\d_]))ال[^\W\d_]{3,}"
)


def _bare(name: str) -> str:
    return name[2:] if name.startswith("ال") and name[2:].startswith(("مدونه", "قانون")) else name


@lru_cache(maxsize=1)
def table() -> Names:
    if not TABLE.exists():
        return Names({})
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return Names(yaml.load(TABLE.read_text(encoding="utf-8"), Loader=loader) or {})


# foreign law: the words that say a law is not Moroccan (on the folded view)
_FOREIGN = re.compile(
    r"(?:(?:ال)?(?:قانون|مجله|مجلة|مدونه|ظهير|مرسوم)(?:\s+(?:ال)?[^\W\d_]+){0,3}?\s+(?:ال)?(?:فرنسي|فرنساوي|تونسي|"
    r"جزائري|مصري|اسباني|بلجيكي)(?:ه)?(?![^\W\d_]))"
)


def foreign_at(text: str, pos: int) -> int | None:
    """The end of a foreign law's name at ``pos`` of a folded text, if one starts there."""
    m = _FOREIGN.match(text, pos)
    return m.end() if m else None
