"""What the site's search must also find: spelling variants and article numbers written
another way.

Material's search (lunr, Arabic and French pipelines) matches the words of the page.  Readers
type «اساءة» for «إساءة», «مسؤولية» or «مسئولية», leave out diacritics, and write an article
number «447-1», «1-447» or «٤٤٧-١».  Each article gets one hidden, search-only line
(``<p class="lt-search" hidden>``) holding, for the words of the article that have another
spelling, that spelling (hamza and alef forms folded, diacritics and tatweel removed; and the
full :func:`lawtool.arabic.normalise` form), and the variants of the article's number (see :func:`number_variants`).

Only the words whose variant differs are written, once per article, which keeps the search
index small (see docs/site.md for the figures).
"""

from __future__ import annotations

import re

from ..arabic import DIACRITICS, TATWEEL, normalise, words

_HAMZA_ALEF = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و", "ئ": "ي"})
_TO_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
_NUMBER = re.compile(r"^\d+(?:-\d+)*(?:-[a-z]+)?$")


def spelling_variants(word: str) -> list[str]:
    """The other spellings a reader may type for ``word`` (possibly none)."""
    bare = DIACRITICS.sub("", word).replace(TATWEEL, "")
    folded = bare.translate(_HAMZA_ALEF)
    out = []
    for form in (bare, folded, normalise(bare), normalise(folded)):
        if form and form != word and form not in out:
            out.append(form)
    return out


JOINER = "\u2011"  # NON-BREAKING HYPHEN: what site/javascripts/search.js puts between typed digits


def number_variants(number: str) -> list[str]:
    """«447-1» → 447‑1, 1‑447, ٤٤٧‑١, ١‑٤٤٧ (joined by U+2011, which the search separator
    does not split: one word each, as the search box turns a typed «447-1» into «447‑1»);
    «12» → 12, ١٢."""
    if not number:
        return []
    parts = number.split("-")
    out = [JOINER.join(parts)]
    if len(parts) > 1 and all(p.isdigit() for p in parts):
        out.append(JOINER.join(reversed(parts)))
    for form in list(out):
        indic = form.translate(_TO_INDIC)
        if indic != form:
            out.append(indic)
    return list(dict.fromkeys(out))


def search_line(text: str, number: str | None = None) -> str:
    """The hidden line of an article: number variants first, then spelling variants."""
    seen: set[str] = set()
    out: list[str] = number_variants(number) if number and _NUMBER.match(number) else []
    seen.update(out)
    for word in words(text):
        if word in seen:
            continue
        seen.add(word)
        for variant in spelling_variants(word):
            if variant not in seen:
                seen.add(variant)
                out.append(variant)
    return " ".join(out)


def article_number(eid: str) -> str | None:
    """«art_447-1» → «447-1»; «art_12-bis» → «12-bis»."""
    if not eid.startswith("art_"):
        return None
    return eid[4:]
