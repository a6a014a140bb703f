"""The reversed letter pairs of the extraction and the glyphs it printed twice.

* the reversed lam-alef ligature («ال» printed for «لا», «أل» for «لأ» ...) and «الله» printed «هللا»: read
  by rules on the word and the text's own evidence, after the lexicon of decisions made by reading
  (``data/ligatures.yaml``), only in a text that shows the damage (the gate, ``_damage_detected``);
* the lam-meem reversal («املادة» for «المادة»);
* glyphs printed twice (fake bold, a tripled alef, a doubled alef madda), read once first;
* the words no Arabic spells, in every text (``_fix_non_words``); ``damage_signatures`` counts those left.
"""

from __future__ import annotations

import gzip
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations
from pathlib import Path

from ..arabic import strip_marks
from .common import (
    ALEFS,
    AR_LETTER,
    AR_WORD,
    ARTICLE_PREFIXES,
    END_LETTER_INSIDE,
    HAMZA_ALEFS,
    LETTER,
    MARK_CHARS,
    MARKS,
    NEGATION_PREFIXES,
    Repair,
)


def _shape(word: str) -> str:
    """Template skeleton used to compare word patterns: alef 'A', weak letters and
    endings kept, a consonant repeating the previous consonant 'D' (doubled roots:
    "استرداد"), every other consonant 'C'."""
    out = []
    last_consonant = ""
    for ch in word:
        if ch == "ا":
            out.append("A")
        elif ch in "أإآءئؤ":
            out.append("ء")
        elif ch in "ويىة":
            out.append(ch)
        elif AR_LETTER.match(ch):
            out.append("D" if ch == last_consonant else "C")
            last_consonant = ch
    return "".join(out)


_ARTICLE_PREFIXES_LONGEST_FIRST = sorted(ARTICLE_PREFIXES, key=len, reverse=True)


def _strip_article(word: str) -> str:
    """Remove a proclitic cluster + article, or li + article ("لل")."""
    for p in _ARTICLE_PREFIXES_LONGEST_FIRST:
        if word.startswith(p + "ال") and len(word) > len(p) + 3:
            return word[len(p) + 2 :]
    if word.startswith("لل") and len(word) > 4:
        return word[2:]
    return word


PRONOUN_SUFFIX = re.compile("(هما|هم|هن|ها|ه|كم|ك|نا)$")
INFLECTION_SUFFIX = re.compile("(تين|تان|ات|ين|ون|ان|ية|ة|ي)$")


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def _first_difference(a: str, b: str) -> int:
    return _common_prefix(a, b)


def _strip_pronoun(word: str) -> str:
    m = PRONOUN_SUFFIX.search(word)
    if m and len(word) - len(m.group(1)) >= 3:
        return word[: m.start()]
    return word


def _strip_suffix(word: str) -> str:
    """Stem for template comparison: drop a pronoun suffix, then an inflection."""
    bare = _strip_pronoun(word)
    if bare != word and bare.endswith("ت") and not bare.endswith("ات"):
        bare = bare[:-1] + "ة"  # "إحالته": the ta marbuta before a pronoun
    m = INFLECTION_SUFFIX.search(bare)
    if m and len(bare) - len(m.group(1)) >= 3:
        bare = bare[: m.start()]
    return bare


def _swap(word: str, i: int) -> str:
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


class _Lexicon:
    """Evidence collected from the document itself (never from a dictionary).

    * `cores`: words (proclitics/article stripped) of tokens whose reading is
      certain — used to attest "لأغراض" via "الأغراض";
    * `shapes`: template skeletons of certain tokens, used to tell which side of
      the lam the long vowel goes ("سالمة" CACCة vs "سلامة" CCACة)."""

    def __init__(self, tokens: Counter[str]):
        self.repaired: dict[str, tuple] = {}  # token → _repair_word's result, for this text
        self.inert: set[str] = set()  # tokens neither the rules nor the lexicon change or doubt here
        self.cores: Counter[str] = Counter()
        self.definite: Counter[str] = Counter()  # cores seen with the article
        self.bare: Counter[str] = Counter()  # words seen without proclitic/article
        self.shapes: Counter[str] = Counter()
        for tok, n in tokens.items():
            core, definite, shape = _word_facts(tok)
            self.cores[core] += n
            if definite:
                self.definite[core] += n
            else:
                self.bare[core] += n
            if shape is not None:
                self.shapes[shape] += n

    def shape_votes(self, keep: str, swap: str) -> tuple[int, int]:
        # compare stems: inflection suffixes ("تين", "ات", ...) look like root letters
        # the same suffix comes off both readings (the swap may not create one: "إحلاتها")
        k = _strip_suffix(keep)
        cut = _common_prefix(keep, k)
        w = swap[:cut] + k[cut:] if cut >= _first_difference(keep, swap) + 2 else swap
        if w == swap:
            k = keep
        return self.shapes[_shape(k)], self.shapes[_shape(w)]


@lru_cache(maxsize=1 << 17)
def _word_facts(tok: str) -> tuple[str, bool, str | None]:
    """What the lexicon of a text counts for a token: its core (certain ligature rules applied, the
    article and its proclitics removed), whether it had the article, and its template shape when
    no ligature of it is left open.  The same for every text, so computed once per process."""
    fixed, open_pairs = _certain_reading(_plain(tok))
    core = _strip_article(fixed)
    return core, core != fixed, None if open_pairs else _shape(_strip_suffix(core))


_plain = strip_marks  # the token without harakat, superscript alef and tatweel


def _certain_reading(word: str) -> tuple[str, list[int]]:
    """Apply only the certain ligature rules; return the word and the pairs left open."""
    out = list(word)
    open_pairs = []
    i = 0
    while i < len(out) - 1:
        if out[i] in ALEFS and out[i + 1] == "ل":
            decision = _certain_decision(out, i, lexicon_pass=True)
            if decision is True:
                out[i], out[i + 1] = out[i + 1], out[i]
                i += 2
                continue
            if decision is None:
                open_pairs.append(i)
        i += 1
    return "".join(out), open_pairs


def _certain_decision(chars: list[str], i: int, lexicon_pass: bool = False) -> bool | None:
    """True = certainly a reversed ligature, False = certainly genuine, None = open."""
    x = chars[i]
    prefix = "".join(chars[:i])
    rest = "".join(chars[i + 2 :])
    prev = chars[i - 1] if i else ""
    if prev in ALEFS and prev:
        return True  # two alef forms never meet inside an Arabic word
    if prev == "ل":
        return True  # an unreversed "لا" cannot exist in the extraction
    if x == "ا":
        if not rest:
            return True if prefix in NEGATION_PREFIXES else None
        if prefix in ARTICLE_PREFIXES:
            if rest[0] == "ئ" or (len(rest) == 2 and rest[1] == "ة"):
                return True  # لائحة, ولاية: no word is "ئ..." or a 2-letter "..ة"
            return None if i == len(prefix) and not lexicon_pass else False
        return None
    # hamza alef + lam
    if prefix in ("", "و", "ف"):
        return None  # "ألغراض" = لأغراض, but "ألف", "إلى" are genuine
    return False


ALEF_LAM = re.compile(f"[{ALEFS}]ل")  # the pair a reversed ligature prints
ALLAH_PRINTED = frozenset(("هللا", "وهللا", "باهلل", "هلل", "وهلل"))  # «الله», «لله» as printed

# broken plurals أفعال / آفال ("أغراض", "أسباب", "آثار")
AFAAL = re.compile(f"^(?:أ[{LETTER}]{{2}}ا[{LETTER}]|آ[{LETTER}]ا[{LETTER}])$")
# verbal nouns إفعال of sound roots ("إنجاز", "إيداع", "إبرام"), with their endings
IFAAL = re.compile(f"^إ[{LETTER}]{{2}}ا[{LETTER}](?:ة|ات|ي|ية)?$")
ILA_FORMS = {"إلى", "إلي", "إليه", "إليها", "إليهم", "إليهما", "إليك", "إلينا", "إليكم", "إليهن"}
# what follows the alef of forms VII, VIII, X verbal nouns (انتحار, ارتكاب, استعمال)
WASL_REST = re.compile(f"^(ست|ن[{LETTER}]|[{LETTER}]ت|ت)[{LETTER}]{{2,}}")
SUFFIXES_AFTER_LA = ("ن", "ت", "ته", "تها", "تهم", "تهما", "نه", "نها", "نهم")
MIN_VOTES = 5


def _shape_decision(keep: str, swap: str, i: int, lex: _Lexicon) -> bool | None:
    c1, c2 = lex.shape_votes(_strip_article(keep), _strip_article(swap))
    if c2 >= MIN_VOTES and c2 >= 3 * c1:
        return True
    if c1 >= MIN_VOTES and c1 >= 3 * c2:
        return False
    return None


def _decide_open(word: str, i: int, lex: _Lexicon) -> bool | None:
    """Decide a pair the certain rules left open: True swap, False keep, None unsure."""
    if word[i] in HAMZA_ALEFS:
        return _decide_hamza_lam(word, i, lex)
    if word[:i] in ARTICLE_PREFIXES:
        return _decide_after_proclitics(word, i, lex)
    decision = _decide_inside(word, i, lex)
    if decision is not True and _corpus_prefers_swap(word, i):
        return True  # «التسهيالت»: the text and the shapes could not tell; the corpus can
    return decision


CORPUS_SWAP_SEEN = 50  # the swapped word: printed this often over the repaired corpus ...
CORPUS_SWAP_RATIO = 20  # ... and this many times as often as the word as printed


def _corpus_prefers_swap(word: str, i: int) -> bool:
    """Does the repaired corpus (``corpus_words``) print the word with its «ال» at ``i`` read as «لا»
    (``CORPUS_SWAP_SEEN`` times) far more often than as printed, the word or the word less a
    one-letter proclitic («المواصلات» against «المواصالت»; not «التسهيلات» against «التسهيالت», which
    damaged texts print too)?"""
    words = corpus_words()
    # «وانطالق»: «انطلاق» tells; not a stem of three letters («ببال», «لفال»: Basel, Val-de-Grâce)
    for cut in (0, 1) if word[:1] in "وفبلك" and i > 1 and len(word) >= 5 else (0,):
        swapped = words.get(_swap(word, i)[cut:], 0)
        if swapped >= CORPUS_SWAP_SEEN and words.get(word[cut:], 0) * CORPUS_SWAP_RATIO <= swapped:
            return True
    return False


def _decide_hamza_lam(word: str, i: int, lex: _Lexicon) -> bool:
    """Word-initial "أل...": li + hamza word ("ألغراض" = لأغراض) or a genuine word ("ألف", "إلى",
    "إلغاء")."""
    stem = word[i] + word[i + 2 :]
    if len(stem) < 3 or word[i:] in ILA_FORMS:
        return False
    if lex.cores[stem] >= 1 or lex.cores[_strip_pronoun(stem)] >= 1:
        return True
    if AFAAL.match(_strip_pronoun(stem)):
        return True  # li + a broken plural: "ألغراض" = لأغراض, "وآلثار" = ولآثار
    if IFAAL.match(_strip_pronoun(stem)) and not word[i:].startswith(("إلى", "إليه", "إليك", "إلين")):
        return True  # li + a verbal noun إفعال: "إلنجاز" = لإنجاز (a genuine «إل» word has a shorter stem)
    c1, c2 = lex.shape_votes(word, _swap(word, i))
    # "ألغراض" has a template no Arabic word has; "لأغراض" a common one
    return c1 == 0 and c2 >= 2


def _decide_after_proclitics(word: str, i: int, lex: _Lexicon) -> bool | None:
    """The article, or li + a hamzat-wasl verbal noun: "الرتكاب" = لارتكاب."""
    rest = word[i + 2 :]
    wasl = "ا" + rest
    if (
        word[:i] in ("", "و", "ف")
        and WASL_REST.match(rest)
        and (lex.cores[wasl] >= 1 or lex.cores[_strip_pronoun(wasl)] >= 1)
    ):
        return None if lex.bare[rest] >= 1 else True
    return False


def _decide_inside(word: str, i: int, lex: _Lexicon) -> bool | None:
    """An "ال" inside the word or at its end."""
    rest = word[i + 2 :]
    core = _strip_article(word)
    head = core[: len(core) - len(rest) - 2]  # letters of the core before the pair
    attested = lex.cores[head + "ل"] >= 1 or lex.cores[head + "لة"] >= 1
    if not rest:
        return _decide_final(word, i, lex, core, head, attested)
    if rest.startswith("ل"):
        # a long vowel before a written double lam does not occur inside a word:
        # "استغالل" = استغلال, "إخالل" = إخلال, "جاللة" = جلالة
        return True
    if rest in SUFFIXES_AFTER_LA and attested:
        return True  # dual/plural of an attested word: "الفصالن" = الفصلان
    return _shape_decision(word, _swap(word, i), i, lex)


def _decide_final(word: str, i: int, lex: _Lexicon, core: str, head: str, attested: bool) -> bool | None:
    """A final "ال": tanween "...لا" (كافلا) or a genuine word (أعمال, حال)."""
    if lex.definite[core] >= 1:
        return False
    if attested:
        return True
    if head.startswith("م") and len(head) >= 3:
        return True  # indefinite participle + tanween: "مستغال" = مستغلا
    if len(head) >= 3 and head.endswith("ي") and not head.startswith(("أ", "إ")):
        return True  # فعيل + tanween: "زميال" = زميلا (but حيال, أجيال)
    return _shape_decision(word, _swap(word, i), i, lex)


def _repair_word(tok: str, lex: _Lexicon) -> tuple[str, list[tuple[str, str, bool]], list[tuple[str, str]]]:
    """Return (new token, applied [(kind, after, certain)], uncertain [(kind, candidate)])."""
    if not ALEF_LAM.search(tok) and not tok.startswith("امل") and tok not in ALLAH_PRINTED:
        return tok, [], []  # no pair the rules read
    if _plain(tok) != tok:  # MARK_CHARS: harakat, superscript alef, tatweel
        # harakat/tatweel: no lexicon lookups, only the certain rules
        fixed, _ = _certain_reading(tok)
        return (fixed, [("ligature", fixed, True)], []) if fixed != tok else (tok, [], [])
    word = tok
    applied: list[tuple[str, str, bool]] = []
    uncertain: list[tuple[str, str]] = []
    all_certain = True
    if word in ALLAH_PRINTED:
        new = word.replace("هللا", "الله").replace("هلل", "لله")
        return new, [("reversed-pair", new, True)], []
    if word.startswith("امل") and len(word) > 4:
        # lam-meem reversed in some fonts ("املتعلق" = "المتعلق"): only when attested
        cand = "الم" + word[3:]
        if lex.cores[_strip_article(cand)] >= 2 and lex.cores[word] <= 1:
            word = cand
            applied.append(("reversed-pair", word, True))
    chars = list(word)
    i = 0
    changed = False
    while i < len(chars) - 1:
        if chars[i] in ALEFS and chars[i + 1] == "ل":
            decision = _certain_decision(chars, i)
            if decision is None:
                decision = _decide_open("".join(chars), i, lex)
                if decision is None:
                    uncertain.append(("ligature", _swap("".join(chars), i)))
                    decision = False  # ambiguous: keep as found, report it
            if decision:
                chars[i], chars[i + 1] = chars[i + 1], chars[i]
                changed = True
                i += 2
                continue
        i += 1
    if changed:
        applied.append(("ligature", "".join(chars), all_certain))
    return "".join(chars), applied, uncertain


# Some fonts print the article's lam + meem reversed too: «املادة» for «المادة».  Only after the
# proclitics و ف ب (never ك: «كاملة» is a word), and only in a text that shows the damage.
LAM_MEEM = re.compile(r"(?<![\u0621-\u064a])((?:[وف]?ب|[وف])?)امل(?=[\u0621-\u064a])")
LAM_MEEM_WORD = re.compile(r"^(?:[وف]?ب|[وف])?امل[\u0621-\u064a]")
LAM_MEEM_RIGHT = re.compile(r"^(?:[وف]?ب|[وف])?الم[\u0621-\u064a]")


def _lam_meem_damage(tokens: Counter[str]) -> bool:
    """Does the text print «الم» as «امل»?  Many damaged forms, and not few against the right ones."""
    damaged = sum(n for tok, n in tokens.items() if LAM_MEEM_WORD.match(tok))
    right = sum(n for tok, n in tokens.items() if LAM_MEEM_RIGHT.match(tok))
    return damaged >= 10 and damaged >= 0.2 * right


def _lam_meem_repaired(tokens: Counter[str]) -> Counter[str]:
    out: Counter[str] = Counter()
    for tok, n in tokens.items():
        out[LAM_MEEM.sub(r"\1الم", tok)] += n
    return out


def _damage_detected(tokens: Counter[str]) -> bool:
    """Is the reversed-ligature damage present?  Clean Arabic is full of "لا";
    the damaged extraction has almost none and shows signatures instead.  A «لا» that the
    lam-meem reversal makes («املادة» printed for «المادة», «املالية» for «المالية») is no
    ligature: a finance law printed so has hundreds of them beside its hundreds of «األول»."""
    sig = 0
    two_alefs = 0
    la = 0
    for tok, n in tokens.items():
        w = _plain(tok)
        if DAMAGE_SIGNATURE.match(w):
            two_alefs += n
        if w in ("ال", "وال", "إال") or DAMAGE_SIGNATURE.match(w):
            sig += n
        if "لا" in w and not w.startswith("لال") and w != "هللا" and not LAM_MEEM_WORD.match(w):
            la += n
    # a short decree («األول», «اإلمضاء» and no «لا» at all): two words no Arabic spells are enough
    return (sig >= 3 and sig > la) or (two_alefs >= 2 and la == 0)


DAMAGE_SIGNATURE = re.compile("^[وفبكل]*ا[اأإآ]ل")  # two alef forms before a lam: «األحوال»
TWO_ALEFS = re.compile("[اأإآ]{2}")
BARE_SIGNATURES = {"ال": "لا", "وال": "ولا", "إال": "إلا"}  # the reversed «لا» standing alone


# -- the lexicon kept as data (data/ligatures.yaml) -----------------------------------------------
#
# Decisions made by reading, for the words the rules above cannot decide or decide wrongly.  The
# file is keyed by the printed (damaged) form; every entry is expanded here to its inflected forms
# (proclitics, article, pronoun suffixes, tanween alef), each mapped from its printed form to its
# correct reading, so a token costs one dictionary lookup.

LEXICON_PATH = Path(__file__).resolve().parent / "data" / "ligatures.yaml"

LEX_PROCLITICS = ("", "و", "ف", "ب", "ل", "ك", "وب", "فب", "ول", "فل", "وك", "فك")
LEX_ARTICLES = ("ال", "وال", "فال", "بال", "كال", "وبال", "فبال", "وكال", "لل", "ولل", "فلل")
# third-person pronouns and "نا" ("ببلادنا"); not ي/ك: "ولاة" + ي would be printed "والتي"
LEX_PRONOUNS = ("ه", "ها", "هما", "هم", "هن", "نا")
LEX_OUTCOMES = ("keep", "fix", "uncertain")


def printed_form(real: str) -> str:
    """What the extraction prints for `real`: every lam + alef ligature reversed ("لا" → "ال").
    Words separated by a space are printed glued (a lost line break): no ligature across them."""
    if " " in real:
        return "".join(printed_form(w) for w in real.split())
    out: list[str] = []
    i = 0
    while i < len(real):
        if real[i] == "ل" and i + 1 < len(real) and real[i + 1] in ALEFS:
            out += [real[i + 1], "ل"]
            i += 2
        else:
            out.append(real[i])
            i += 1
    return "".join(out)


@dataclass(frozen=True)
class _LexEntry:
    """One printed form: its reading when kept (`keep`) and when fixed (`fix`), and the rule."""

    key: str  # the entry of the data file it comes from
    keep: str | None
    fix: str | None
    otherwise: str = "keep"  # "keep" | "fix" | "uncertain" when no context rule applies
    keep_if_prev: frozenset[str] = frozenset()
    keep_if_next: frozenset[str] = frozenset()
    fix_if_prev: frozenset[str] = frozenset()
    fix_if_next: frozenset[str] = frozenset()

    def decide(self, prev: str, nxt: str) -> str | None:
        """The correct reading in this context, or None (undecided: left to the rules)."""
        if self.fix is None:
            return self.keep
        if self.keep is None:
            return self.fix
        before, after = _context_forms(prev), _context_forms(nxt)
        if before & self.keep_if_prev or after & self.keep_if_next:
            return self.keep
        if before & self.fix_if_prev or after & self.fix_if_next:
            return self.fix
        return {"keep": self.keep, "fix": self.fix}.get(self.otherwise)


def _context_forms(word: str) -> set[str]:
    """A neighbour word and the same without its proclitic ("والباب" also counts as "الباب")."""
    if not word:
        return set()
    forms = {word}
    w = word[1:] if word[0] in "وف" and len(word) > 3 else word
    forms.add(w)
    if w.startswith("لل") and len(w) > 4:
        forms.add("ا" + w[1:])  # li + article: "للفصول" = "الفصول"
    elif w[0] in "بلك" and len(w) > 3:
        forms.add(w[1:])
    return forms


def _inflections(base: str, *, tanween: bool) -> dict[tuple[str, str], str]:
    """The inflected forms of a correct `base`: {(prefix, suffix): word}."""
    if " " in base:
        return {("", ""): base}  # words glued at a lost line break: that form only
    definite = base.startswith("ال") and len(base) > 4
    forms: dict[tuple[str, str], str] = {}
    for suffix, stem in _suffixed(base, definite=definite, tanween=tanween).items():
        for pre in LEX_PROCLITICS:
            word = _with_proclitic(pre, stem, base, definite=definite)
            if word is not None:
                forms[(pre, suffix)] = word
        if not definite and not suffix and not base.endswith("ا") and not base.startswith("ل"):
            for art in LEX_ARTICLES:
                forms[(art, "")] = art + base
    return forms


def _suffixed(base: str, *, definite: bool, tanween: bool) -> dict[str, str]:
    """{suffix: stem}: the base alone, with each pronoun suffix, with the tanween alef."""
    stems = {"": base}
    if definite or base.endswith("ا"):
        return stems
    for k, head in enumerate(_heads_before_pronoun(base)):
        for p in LEX_PRONOUNS:
            stems[p + "#" * k] = head + p  # ("#": a second spelling of the same suffix)
    if tanween and not base.endswith(("ة", "ات", "ى", "ء")):
        stems["ا"] = base + "ا"
    return stems


def _heads_before_pronoun(base: str) -> list[str]:
    """The base as written before a pronoun suffix: ة → ت, ى → ا; a final hamza also on ئ or ؤ."""
    if base.endswith("ة"):
        return [base[:-1] + "ت"]
    if base.endswith("ء"):
        return [base, base[:-1] + "ئ", base[:-1] + "ؤ"]
    if base.endswith("ى"):
        return [base[:-1] + "ا"]
    return [base]


def _with_proclitic(pre: str, stem: str, base: str, *, definite: bool) -> str | None:
    if pre.endswith("ل") and definite:
        return pre + "ل" + stem[2:]  # li + article: "لل"
    if pre.endswith("ل") and stem.startswith("ا") and len(base) < 5:
        return None  # li + a short hamzat-wasl word: "لاسم" is printed "السم" (= the poison)
    return pre + stem


class Lexicon:
    """The printed forms of data/ligatures.yaml, each with its decision."""

    RULE_FIELDS = ("keep_if_prev", "keep_if_next", "fix_if_prev", "fix_if_next")

    def __init__(self, data: dict, source: str = "<lexicon>"):
        self.source = source
        self.forms: dict[str, _LexEntry] = {}
        self.entries: dict[str, str] = {}  # key -> kind: keep | fix | context | protect
        self._rank: dict[str, int] = {}
        sets = {str(name): [str(w) for w in words] for name, words in (data.get("sets") or {}).items()}
        for key, spec in (data.get("words") or {}).items():
            self._add(str(key), spec, sets)
        for key in data.get("protect") or []:
            key = str(key)
            if key in self.entries and self.entries[key] != "keep":
                raise self._error(key, "protected, but not kept in `words`")
            if key not in self.entries:
                self._add(key, "keep", sets, kind="protect")

    def _error(self, key: str, message: str) -> ValueError:
        return ValueError(f"{self.source}: {key}: {message}")

    def _words(self, key: str, spec: dict, field: str, sets: dict) -> frozenset[str]:
        out: set[str] = set()
        for w in spec.get(field) or []:
            w = str(w)
            if w.startswith("$") and w[1:] not in sets:
                raise self._error(key, f"unknown set {w}")
            for x in sets[w[1:]] if w.startswith("$") else [w]:
                out |= {x, printed_form(x)}
        return frozenset(out)

    def _add(self, key: str, spec, sets: dict, kind: str | None = None) -> None:
        if key in self.entries:
            raise self._error(key, "listed twice")
        if not AR_WORD.fullmatch(key) or any(ch in MARK_CHARS for ch in key):
            raise self._error(key, "the key must be one Arabic word, as printed, without harakat")
        if spec == "keep":
            if printed_form(key) != key:
                raise self._error(key, "a kept word cannot be printed so (it has lam + alef)")
            self.entries[key] = kind or "keep"
            self._add_forms(key, key, None, "keep", dict.fromkeys(self.RULE_FIELDS, frozenset()))
        elif isinstance(spec, dict) and "fix" in spec:
            fix, otherwise, fields = self._fix_spec(key, spec, sets)
            contextual = any(fields.values()) or "otherwise" in spec
            self.entries[key] = "context" if contextual else "fix"
            self._add_forms(key, key if contextual else None, fix, otherwise, fields)
        else:
            raise self._error(key, "expected `keep` or a mapping with `fix:`")

    def _fix_spec(self, key: str, spec: dict, sets: dict) -> tuple[str, str, dict[str, frozenset[str]]]:
        """A `fix:` entry's reading, its `otherwise` and its context rules, checked."""
        unknown = set(spec) - {"fix", "otherwise", *self.RULE_FIELDS}
        if unknown:
            raise self._error(key, f"unknown field(s) {sorted(unknown)}")
        fix = str(spec["fix"])
        if printed_form(fix) != key:
            raise self._error(key, f"{fix!r} is printed {printed_form(fix)!r}, not as the key")
        fields = {f: self._words(key, spec, f, sets) for f in self.RULE_FIELDS}
        otherwise = str(spec.get("otherwise", "keep"))
        if otherwise not in LEX_OUTCOMES:
            raise self._error(key, f"otherwise: must be one of {', '.join(LEX_OUTCOMES)}")
        return fix, otherwise, fields

    def _add_forms(
        self, key: str, keep: str | None, fix: str | None, otherwise: str, fields: dict[str, frozenset[str]]
    ) -> None:
        """Every inflected printed form of the entry, mapped to its readings (when both readings
        exist, only the forms they share)."""
        plain = keep is None or fix is None
        keep_forms = _inflections(keep, tanween=plain) if keep else {}
        fix_forms = _inflections(fix, tanween=plain) if fix else {}
        for affix in (keep_forms.keys() & fix_forms.keys()) if keep and fix else (keep_forms or fix_forms):
            keep_word, fix_word = keep_forms.get(affix), fix_forms.get(affix)
            printed = printed_form(fix_word or keep_word or "")  # one of the two is there
            if keep_word is not None and printed_form(keep_word) != printed:
                continue  # the two readings do not inflect alike here
            added = len(affix[0]) + len(affix[1].rstrip("#"))
            self._put(key, printed, added, _LexEntry(key, keep_word, fix_word, otherwise, **fields))

    def _put(self, key: str, printed: str, added: int, entry: _LexEntry) -> None:
        old = self._rank.get(printed)
        if old is None or added < old:
            self.forms[printed] = entry
            self._rank[printed] = added
        elif added == old:
            prior = self.forms[printed]
            if (prior.keep, prior.fix, prior.otherwise) != (entry.keep, entry.fix, entry.otherwise):
                raise self._error(key, f"its form {printed!r} is also a form of {prior.key!r}: write it out")

    def lookup(self, printed: str) -> _LexEntry | None:
        return self.forms.get(printed)

    def counts(self) -> dict[str, int]:
        return dict(sorted(Counter(self.entries.values()).items()))


_LEXICON: Lexicon | None = None


def load_lexicon(path: Path | None = None) -> Lexicon:
    """The lexicon of data/ligatures.yaml, read once per process (another path: read each time)."""
    global _LEXICON
    if path is None and _LEXICON is not None:
        return _LEXICON
    import yaml

    p = Path(path) if path else LEXICON_PATH
    lex = Lexicon(yaml.safe_load(p.read_text(encoding="utf-8")) or {}, source=str(p))
    if path is None:
        _LEXICON = lex
    return lex


def _transfer(tok: str, plain: str, new: str) -> str | None:
    """Apply to a token with harakat/tatweel the swaps that turn its plain letters into `new`."""
    if len(new) != len(plain):
        return None
    where = [i for i, ch in enumerate(tok) if ch not in MARK_CHARS]
    out = list(tok)
    i = 0
    while i < len(plain):
        if plain[i] == new[i]:
            i += 1
            continue
        if i + 1 >= len(plain) or (plain[i], plain[i + 1]) != (new[i + 1], new[i]) or where[i + 1] != where[i] + 1:
            return None
        out[where[i]], out[where[i + 1]] = out[where[i + 1]], out[where[i]]
        i += 2
    return "".join(out)


def _in_lexicon(tok: str, lexicon: Lexicon) -> bool:
    """Whether the lexicon has an entry for the printed token (a cheap test before its context is read)."""
    return lexicon.lookup(_plain(tok)) is not None


def _lexicon_reading(tok: str, prev: str, nxt: str, lexicon: Lexicon) -> str | None:
    """The lexicon's reading of a printed token in its context (None: not covered or undecided)."""
    plain = _plain(tok)
    marked = plain != tok
    entry = lexicon.lookup(plain)
    if entry is None:
        return None
    new = entry.decide(_plain(prev), _plain(nxt))
    if new is None or not marked:
        return new
    if new == plain:
        return tok
    return None if " " in new else _transfer(tok, plain, new)


# three alef forms before the lam opening a word (after its proclitics): the first is a glyph printed
# twice («ااالقتصادية», «ااألجراء»); the reversed ligature alone makes at most two.  Not «اآ»: that is
# the article whose lam went with the glyph «ﻵ» («باآالف», read by _fix_non_words), and not without
# the lam («فاااتي»: the stretched alef of another damage, left to the reader)
TRIPLE_ALEF = re.compile(f"(?<![{LETTER}])([وفبكل]*)ا(?=[اأإ][{ALEFS}]ل)")
LOST_LAM = re.compile("^([وفبكل]*ا)آل")  # «اآ» opening a word: the lam of «الآ» lost with its ligature
# two bare alefs after another letter inside a word: no Arabic word has them.  The stretched alef of a
# print whose kashida came out as alefs («الصااادر», «رقاام»), or two words glued («هذاالإطار»): how many
# alefs are real is not known, so the word is left as found and listed for the reader
ALEF_RUN = re.compile("[\u0621-\u0626\u0628-\u063a\u0641-\u064a]اا")
DOUBLED_MADDA = re.compile("آآ")  # no Arabic word has two alef maddas in a row: a glyph printed twice


# a word in fake bold: each glyph printed twice («االلتتأأسسييسس» for «التأسيس»); a pair of two alef
# forms is the doubled hamzated ligature («االلأاوولل» for «الأول»); the bold may end inside the word
# («االلااددااررية» for «الادارية»): group 1 the doubled part, group 2 the rest
FAKE_BOLD = re.compile(f"(?<![{LETTER}])((?:([{LETTER}])\\2|[{ALEFS}]{{2}}){{3,}})([{LETTER}]*)(?![{LETTER}{MARKS}])")


def _is_fake_bold(doubled: str) -> bool:
    """Whether the doubled part of a word (FAKE_BOLD's group 1) is fake bold: more than one letter
    («هههههه» is no word), and four pairs when it opens with «لل», the article after «ل» («للممدد»,
    «للممررة» are words)."""
    return len(set(doubled)) > 2 and (len(doubled) >= 8 or not doubled.startswith("لل"))


def _undoubled(doubled: str) -> str:
    """The doubled part of a fake-bold word read once (each pair to one letter; a pair of two alef
    forms to the hamzated one)."""
    pairs = zip(doubled[0::2], doubled[1::2], strict=True)
    return "".join(a if a != "ا" else b for a, b in pairs)


def _fix_doubled_glyphs(
    text: str, j: int, repairs: list[Repair], uncertain: list[Repair], vocab: Counter[str] | None = None
) -> str:
    """Glyphs the extraction printed twice, before any other repair reads the word: a word in fake
    bold, a tripled alef opening a word, a doubled alef madda («ـآآالت»).  A word whose bold ends
    inside it is read so only when the text prints that reading elsewhere (``vocab``: the words of the
    whole text); otherwise it is left as found and listed as uncertain: some such words are two layers
    of text interleaved («االلتتجاجرارية»), which no rule reads back."""

    def undouble(m: re.Match) -> str:
        word, doubled, rest = m.group(0), m.group(1), m.group(3)
        if not _is_fake_bold(doubled):
            return word
        fixed = _undoubled(doubled) + rest
        if rest and not (vocab and vocab[fixed]):
            uncertain.append(Repair("doubled-glyph", j + 1, word, fixed, False))
            return word
        repairs.append(Repair("doubled-glyph", j + 1, word, fixed))
        return fixed

    def once(m: re.Match) -> str:
        word = m.group(0)
        fixed = DOUBLED_MADDA.sub("آ", TRIPLE_ALEF.sub(r"\1", word))
        if fixed != word:
            repairs.append(Repair("doubled-glyph", j + 1, word, fixed))
        return fixed

    text = FAKE_BOLD.sub(undouble, text)
    if TRIPLE_ALEF.search(text) or "آآ" in text:
        text = AR_WORD.sub(once, text)
    return text


# -- a word printed with doubled glyphs whose bold ends inside it, or two layers interleaved ---------------

WORDS_PATH = Path(__file__).resolve().parent / "data" / "corpus-words.txt.gz"
MAX_COPIES = 14  # glyphs that may be copies: 2**14 readings at most are looked up
MIN_CORPUS = 10  # a reading the text never prints: seen this often in the corpus


@lru_cache(maxsize=1)
def corpus_words() -> dict[str, int]:
    """The words of the repaired Adala corpus seen at least three times in two texts, with their
    counts (bench/build_corpus_words.py builds the file); and, keyed «word next» (a space between:
    no word holds one), the pairs that keep a real word a stack's reading would change (stacked.py)."""
    words: dict[str, int] = {}
    with gzip.open(WORDS_PATH, "rt", encoding="utf-8") as fh:
        for line in fh:
            word, _, count = line.partition("\t")
            words[word] = int(count)
    return words


def _same_glyph(a: str, b: str) -> bool:
    return a == b or (a in ALEFS and b in ALEFS)


def _copies(word: str) -> list[int]:
    """Positions of the glyphs that may be copies: the same glyph as the one before it or the one
    before that (alef forms count as one glyph; of a bare alef and a hamzated one, the bare one is
    the copy)."""
    out = []
    for p in range(1, len(word)):
        c = word[p]
        nxt = word[p + 1] if p + 1 < len(word) else ""
        repeats = _same_glyph(c, word[p - 1]) or (p >= 2 and _same_glyph(c, word[p - 2]))
        if c in HAMZA_ALEFS and (word[p - 1] == "ا" or nxt == "ا"):
            repeats = False  # the bare alef beside it is the copy
        if repeats or (c == "ا" and nxt in ALEFS and nxt != "ا"):
            out.append(p)
    if word[0] == "ا" and len(word) > 1 and word[1] in HAMZA_ALEFS:
        out.insert(0, 0)
    return out


def stutter_reading(word: str, vocab: Counter[str], *, corpus_taken: int = 1) -> str | None:
    """The reading of a word printed with doubled glyphs that fake bold does not explain (the bold
    ends inside it: «تتممننححهاها»; glyphs tripled: «ممصصلللحححةةة»; two layers of one word interleaved:
    «االلتجتججهههييززاات»).  Every word left when some glyphs that repeat a neighbour are taken out is a
    candidate; the one the text prints most often elsewhere (``vocab``) is the reading, when it is
    printed at least twice as often as the next; failing that, the one the corpus knows best
    (``corpus_words``), seen ``MIN_CORPUS`` times and three times as often as the next, with at least
    ``corpus_taken`` glyphs taken out.  None otherwise: the word stays as found."""
    copies = _copies(word)
    if not copies or len(copies) > MAX_COPIES:
        return None
    known = corpus_words()
    candidates: dict[str, tuple[int, int]] = {}
    for size in range(1, len(copies) + 1):
        for taken in combinations(copies, size):
            drop = set(taken)
            reading = "".join(c for i, c in enumerate(word) if i not in drop)
            if reading in candidates or _has_signature(reading):
                continue
            from_corpus = known.get(reading, 0) if size >= corpus_taken else 0
            if vocab[reading] or from_corpus:
                candidates[reading] = (vocab[reading], from_corpus)
    printed = sorted(((n, r) for r, (n, _) in candidates.items() if n), reverse=True)
    if printed:
        if len(printed) == 1 or printed[0][0] >= 2 * printed[1][0]:
            return printed[0][1]
        return None
    seen = sorted(((n, r) for r, (_, n) in candidates.items()), reverse=True)
    if seen and seen[0][0] >= MIN_CORPUS and (len(seen) == 1 or seen[0][0] >= 3 * seen[1][0]):
        return seen[0][1]
    return None


# a line that may hold a word with a damage signature (``_has_signature`` decides on each word): two
# alef forms and a lam, three doubled glyphs opening a word, a doubled alef madda
_SIGNATURE_HINT = re.compile(
    f"(?<![{LETTER}])(?:[وفبكل]*ا[{ALEFS}]{{1,2}}ل|(?:([{LETTER}])\\1|[{ALEFS}]{{2}}){{3}})|آآ"
)


def _read_stutters(text: str, j: int, repairs: list[Repair], uncertain: list[Repair], vocab: Counter[str]) -> str:
    """The words that still carry a damage signature after every other repair of the line, read by
    ``stutter_reading``; one it cannot read stays as found and is listed as uncertain, once."""
    if not _SIGNATURE_HINT.search(text):
        return text

    def read(m: re.Match) -> str:
        token = m.group(0)
        word = _plain(token)
        if not _has_signature(word):
            return token
        listed = [r for r in uncertain if r.line == j + 1 and r.before == token]
        # a word another rule left uncertain (a reversed ligature with more damage): a reading only the
        # corpus knows must take out two glyphs at least (one alef out of «االمن» gives «المن», a
        # fragment of a broken word that the corpus counts; the reversed ligature is the likelier damage)
        other = any(r.kind not in ("doubled-glyph", "alef-run") for r in listed)
        reading = stutter_reading(word, vocab, corpus_taken=2 if other else 1)
        if reading is None:
            if not listed:
                uncertain.append(Repair("doubled-glyph", j + 1, token, token, False))
            for r in listed[1:]:  # listed by two rules («اا» inside, fake bold): once is enough
                uncertain.remove(r)
            return token
        for r in listed:
            uncertain.remove(r)
        repairs.append(Repair("doubled-glyph", j + 1, token, reading))
        return reading

    return AR_WORD.sub(read, text)


def _has_signature(word: str) -> bool:
    """A word (vowel marks stripped) no Arabic spells, as the extraction's damage leaves it (the bare
    «ال» aside, told on the token: see ``damage_signatures``)."""
    return bool(
        DAMAGE_SIGNATURE.match(word)
        or "آآ" in word
        or TRIPLE_ALEF.match(word)
        or ((bold := FAKE_BOLD.fullmatch(word)) and _is_fake_bold(bold.group(1)))
    )


def damage_signatures(text: str) -> Counter[str]:
    """The words of a (repaired) text that no Arabic spells and the extraction's damage leaves: «ال»,
    «وال», «إال» standing alone (not «الـ 18», where the tatweel says the article is meant), two alef
    forms before a lam, a doubled alef madda, a tripled alef, a word in fake bold, a «ة» or «ى»
    inside a word (wordends.py reads what it can), a glyph the extraction could not name (U+FFFD).  A clean import holds none; the corpus report
    counts them."""
    found: Counter[str] = Counter()
    for token, count in Counter(AR_WORD.findall(text)).items():  # each distinct word read once
        if is_damaged(token):
            found[_plain(token)] += count
    if "\ufffd" in text:  # a glyph the extraction could not name (stacked.py takes it out)
        found["\ufffd"] = text.count("\ufffd")
    return found


def is_damaged(token: str) -> bool:
    """A word (``AR_WORD``) no Arabic spells, as the extraction's damage leaves it: ``damage_signatures``'s
    test."""
    return token in BARE_SIGNATURES or _has_signature(_plain(token)) or bool(END_LETTER_INSIDE.search(_plain(token)))


def _fix_non_words(text: str, j: int, repairs: list[Repair], uncertain: list[Repair]) -> str:
    """The words no Arabic spells, in every text (outside the gate too, where a text does not show
    the damage as a whole, and after the ligature rules, which may leave one): «ال», «وال», «إال» standing
    alone (the reversed «لا», «ولا», «إلا»), and two alef forms before a lam («اإلمضاء», «األول», «باآلاف») is a reversed
    ligature, certainly («الإمضاء», «الأول», «بالآلاف»).  Two bare alefs inside a word (``ALEF_RUN``) are
    listed as uncertain and left: no rule knows how many of them are real."""

    def repair(m: re.Match) -> str:
        word = m.group(0)
        if word in BARE_SIGNATURES:  # the article alone is no word: «وال سيما» is «ولا سيما»
            repairs.append(Repair("ligature", j + 1, word, BARE_SIGNATURES[word]))
            return BARE_SIGNATURES[word]
        sig = DAMAGE_SIGNATURE.match(word)
        if sig is None:
            if "اا" in word and ALEF_RUN.search(word):
                uncertain.append(Repair("alef-run", j + 1, word, word, False))
            return word
        end = sig.end()  # the lam after the second alef form
        fixed = word[: end - 2] + "ل" + word[end - 2] + word[end:]
        lost = LOST_LAM.match(word)
        if TWO_ALEFS.search(fixed) and lost and "ال" not in word[lost.end(1) + 1 :]:
            # «باآلاف» (printed «باآالف»): the glyph «ﻵ» came out as its alef madda alone, without its lam.
            # Not when a reversed «ال» follows: «اآلالت» is «الآلات» with both ligatures reversed, which
            # the gated rules read; here it is left as found
            fixed = lost.group(1) + "ل" + word[lost.end(1) :]
        if TWO_ALEFS.search(fixed):
            # another damage as well: left as found, and listed as uncertain for the reader
            uncertain.append(Repair("ligature", j + 1, word, word, False))
            return word
        repairs.append(Repair("ligature", j + 1, word, fixed))
        return fixed

    return AR_WORD.sub(repair, text) if _NON_WORD_HINT.search(text) else text


# a line that may hold a word ``_fix_non_words`` reads (each word of it is then looked at): two alef
# forms and a lam or two alefs anywhere, «ال», «وال», «إال» standing alone
_NON_WORD_HINT = re.compile(f"ا[اأإآ]ل|اا|(?<![{LETTER}])[وإ]?ال(?![{LETTER}{MARKS}])")


def _fix_ligatures(
    text: str,
    j: int,
    lex: _Lexicon,
    repairs: list[Repair],
    uncertain: list[Repair],
    lexicon: Lexicon | None = None,
    line_before: str = "",
    line_after: str = "",
) -> str:
    """Repair the ligatures of one line; `line_before`/`line_after`: last/first word of the
    neighbour lines, for the lexicon's context rules."""
    if lex.inert.issuperset(AR_WORD.findall(text)):
        return text  # every word of the line was read before in this text: nothing to repair
    out: list[str] = []
    pos = 0
    tokens = list(AR_WORD.finditer(text))
    for k, m in enumerate(tokens):
        tok = m.group(0)
        if tok in lex.inert:
            continue
        reading = None
        in_lexicon = lexicon is not None and _in_lexicon(tok, lexicon)
        if lexicon is not None and in_lexicon:
            # the lexicon decides first (decisions made by reading); what it leaves goes to the rules
            # a neighbour counts only when nothing but spaces stands between (no mark: «الثالث: أحكام»)
            if k > 0:
                prev = tokens[k - 1].group(0) if not text[tokens[k - 1].end() : m.start()].strip() else ""
            else:
                prev = line_before if not text[: m.start()].strip() else ""
            if k + 1 < len(tokens):
                nxt = tokens[k + 1].group(0) if not text[m.end() : tokens[k + 1].start()].strip() else ""
            else:
                nxt = line_after if not text[m.end() :].strip() else ""
            reading = _lexicon_reading(tok, prev, nxt, lexicon)
            if reading is not None and reading != tok:
                repairs.append(Repair("glued-word" if " " in reading else "ligature", j + 1, tok, reading))
        if reading is None:
            reading = _rule_reading(tok, j, lex, repairs, uncertain, inert_if_unchanged=not in_lexicon)
        if reading != tok:
            out.append(text[pos : m.start()])
            out.append(reading)
            pos = m.end()
    out.append(text[pos:])
    return "".join(out)


def _rule_reading(
    tok: str, j: int, lex: _Lexicon, repairs: list[Repair], uncertain: list[Repair], *, inert_if_unchanged: bool
) -> str:
    """The rules' reading of a token (once per word and text: it depends on the word and this text's
    evidence only), its repairs and doubts recorded for line j.  A word the rules leave alone, with
    nothing to report, is inert in this text when the lexicon does not know it."""
    known = lex.repaired.get(tok)
    if known is None:
        known = lex.repaired[tok] = _repair_word(tok, lex)
    new, applied, unsure = known
    if not applied and not unsure and new == tok:
        if inert_if_unchanged:
            lex.inert.add(tok)
        return tok
    for kind, after, certain in applied:
        repairs.append(Repair(kind, j + 1, tok, after, certain))
    for kind, cand in unsure:
        uncertain.append(Repair(kind, j + 1, tok, cand, False))
    return new
