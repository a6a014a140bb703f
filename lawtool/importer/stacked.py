"""Stacked ligatures printed in reverse, and letters whose dots the extraction lost.

Some fonts (Bank Al-Maghrib's reports, a few decrees) draw a letter in its initial form on top of
the «ج», «ح», «خ» or «م» that follows it, and a final «ين» as one glyph; the extraction gives such a
pair in reverse order: «حتقيق» for «تحقيق», «اخلاص» for «الخاص», «ميكن» for «يمكن», «جلنة» for
«لجنة», a stack of three, «احملاور» for «المحاور», and «الفاعلني» for «الفاعلين».  Every such form is
also what a real word may look like («حمل», «بني», «عني»), so the reading is a text's, not a word's:

* ``stacking`` decides on the whole text, for each kind of stack (lam-meem, another initial
  letter, the final «ين»): many distinct words that the corpus knows far better with such a stack
  put back, and a share of the text's words;
* ``read_stacked`` then reads each word: the reading the corpus (``ligatures.corpus_words``) knows
  3 times as often as any other reading, and 20 times at least and 10 times as often as the word as
  printed (5 times, when it does not know the word as printed; 100 times as often, when it knows the
  word as printed 10 times: a real word, «تبني», «الأمني»), is applied (repair kind
  ``stacked-ligature``); one it knows 20 times and 3 times as often as the word is listed as
  uncertain and left.
  The corpus's words leave out those of such a text that may be such a print («اخلاصة»,
  ``may_be_stacked``): they would vouch for themselves.

The same fonts draw «ش», «ص», «ض» as a base and dots in a glyph of their own, which the extraction
cannot name and gives as U+FFFD («ال�سنوي», «امل�صدر»), sometimes after the «ر» that followed the
letter («ال�رشكات» for «الشركات»); the base then comes out as any of its siblings.  ``drop_unknown_glyphs``
takes the unnamed glyph out (``unknown-glyph``; a run of them is a dot leader to a lost page number,
``dot-leader``) and puts a letter moved after the «ر» back; ``read_dots`` then reads a word the corpus
does not know, whose end is the letters that followed such a glyph, with the first of them («س», «ش»,
«ص» or «ض») changed for a sibling, when the corpus knows that reading well (``letter-dots``).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from itertools import combinations

from .common import ALEFS, AR_WORD, LETTER, Repair
from .ligatures import corpus_words

# a letter in its initial form: at a word's start or after a letter that does not join the next
NOT_JOINING = frozenset("اأإآدذرزوؤة")
STACK_TOP = frozenset("بتثنيلفقكسشصضعغهمجحخ")  # a letter drawn on the next one
STACK_BASE = frozenset("جحخم")
MIN_SEEN = 20  # corpus occurrences of a reading before it is applied
MIN_SEEN_UNKNOWN = 5  # the same, when the corpus does not know the word as printed
RATIO = 10  # times as often as the word as printed
RATIO_UNCERTAIN = 3
REAL_WORD_SEEN = 10  # the corpus knows the word as printed this often: a real word
RATIO_REAL_WORD = 100  # then the reading must be this many times as frequent to be applied
# (50 for a lost alef: the texts under the gate print their damaged «المضاء» 63 times, against 5,657
# «الإمضاء»; «الخير» of «صفر الخير», «الملحة», «الغيار» stay under it)
RATIO_REAL_LOST_ALEF = 50
RATIO_NEXT = 3  # times as often as the next reading
# a text shows a kind of stack: this many distinct words read so, and this share of its words (the
# final «ين» of a report: 24 to 48 words, 0.08 to 0.15 %; a clean text: 3 words at most)
GATE_WORDS = 8
GATE_SHARE = 0.0005
# a lost alef needs more: any «ل» may have lost one, and a clean text has a few words so read («آلت»,
# «خلل», «السهم»; an electrical decree's «الدارات», «النشطة»: circuits, live parts); a text that prints
# the damage has 0.6 % of its words so and more.  A text's most frequent such word does not count
# (a convention's «اللحق» 105 times is its own wording)
GATE_SHARES = {"lost-alef": 0.005}


# the kinds of stack a font may print in reverse; a text reads only those it shows (``stacking``)
LAM_MEEM, INITIAL, FINAL_YEH_NOON = "lam-meem", "initial", "final-yeh-noon"
# and the lam-alef ligature printed as a lone lam, its alef lost: «القتصاد» for «الاقتصاد»
LOST_ALEF = "lost-alef"
ALL_KINDS = frozenset({LAM_MEEM, INITIAL, FINAL_YEH_NOON, LOST_ALEF})
# the particles a lost alef leaves as a lone lam at a word's end («ل يمكن», «إل إذا»); another word's
# final «ل» stays: «فضل», «باطل» are words, and their «فضلا», «باطلا» no surer
LAM_PARTICLES = {"ل": "لا", "ول": "ولا", "فل": "فلا", "إل": "إلا", "أل": "ألا", "وأل": "وألا", "وإل": "وإلا"}


def _reversals(word: str) -> list[tuple[int, int, str, str]]:
    """(start, length, reading, kind) of each place where the print may hold a stack in reverse."""
    out: list[tuple[int, int, str, str]] = []
    for i in range(len(word) - 1):
        if i and word[i - 1] not in NOT_JOINING:
            continue
        pair = word[i + 1] + word[i]
        if pair[0] in STACK_TOP and pair[1] in STACK_BASE and pair[0] != pair[1]:
            out.append((i, 2, pair, LAM_MEEM if pair == "لم" else INITIAL))
        if i + 2 < len(word):
            three = word[i : i + 3][::-1]
            if three[0] in STACK_TOP and three[1] == "م" and three[2] in "جحخ":
                out.append((i, 3, three, INITIAL))
    if len(word) >= 3 and word.endswith("ني") and word[-3] not in NOT_JOINING:
        out.append((len(word) - 2, 2, "ين", FINAL_YEH_NOON))
    return out


def _lost_alefs(word: str) -> list[str]:
    """The word with one alef form put back after a lam that lost it."""
    if word in LAM_PARTICLES:
        return [LAM_PARTICLES[word]]
    return [
        word[: i + 1] + alef + word[i + 1 :]
        for i in range(len(word) - 1)
        if word[i] == "ل" and word[i + 1] not in ALEFS
        for alef in ALEFS
    ]


def stacked_readings(word: str, kinds: frozenset[str] = ALL_KINDS) -> tuple[str, ...]:
    """The word with one, two or three of its possible stacks of the given kinds put back in order."""
    return _readings(word, " ".join(sorted(kinds)))


# The caches below are plain dictionaries keyed by strings (``functools.cache``): an LRU cache keeps
# a linked node per entry, which the garbage collector walks on every full pass (the corpus run was
# 16 % slower with them)
@cache
def _readings(word: str, kinds_key: str) -> tuple[str, ...]:
    kinds = kinds_key.split()
    places = [p for p in _reversals(word) if p[3] in kinds]
    readings: set[str] = set(_lost_alefs(word)) if LOST_ALEF in kinds else set()
    for n in range(1, min(3, len(places)) + 1):
        for chosen in combinations(places, n):
            if any(a[0] + a[1] > b[0] for a, b in zip(chosen, chosen[1:], strict=False)):
                continue  # two places overlap
            out = word
            for start, length, reading, _ in reversed(chosen):
                out = out[:start] + reading + out[start + length :]
            readings.add(out)
    readings.discard(word)
    return tuple(sorted(readings))


def _best(word: str, readings: tuple[str, ...]) -> tuple[str, bool] | None:
    """The reading the corpus knows best, ``RATIO_NEXT`` times as often as the next, and whether it is
    certain: known ``MIN_SEEN`` times and ``RATIO`` times as often as the word as printed (a real word,
    known ``REAL_WORD_SEEN`` times: ``RATIO_REAL_WORD``, ``RATIO_REAL_LOST_ALEF`` times), or
    ``MIN_SEEN_UNKNOWN`` times where the corpus does not know the word as printed.  None when the
    corpus knows no reading ``RATIO_UNCERTAIN`` times as often as the word (or at all)."""
    known = corpus_words()
    seen = sorted(((known.get(r, 0), r) for r in readings), reverse=True)
    if not seen or not seen[0][0] or (len(seen) > 1 and seen[0][0] < RATIO_NEXT * seen[1][0]):
        return None
    n, reading = seen[0]
    printed = known.get(word, 0)
    if printed == 0 and n >= MIN_SEEN_UNKNOWN:
        return reading, True
    if n < MIN_SEEN or n < RATIO_UNCERTAIN * printed:
        return None
    # a word the corpus knows as printed is a real word too («تبني», «الأمني», «خلل»): only far
    # stronger evidence reads it («الدارة», «الول»), the rest is listed
    if printed < REAL_WORD_SEEN or word in LAM_PARTICLES:  # «ل» alone is no word: a lost «لا»
        return reading, n >= RATIO * printed
    return reading, n >= (RATIO_REAL_LOST_ALEF if len(reading) > len(word) else RATIO_REAL_WORD) * printed


@cache
def _certain_kinds(word: str) -> tuple[str, ...]:
    """The kinds of stack that, put back alone, give a certain reading of the word (``_best``)."""
    kinds = {place[3] for place in _reversals(word)} | ({LOST_ALEF} if "ل" in word else set())
    return tuple(k for k in sorted(kinds) if (best := _best(word, stacked_readings(word, frozenset({k})))) and best[1])


def best_stacked(word: str) -> tuple[str, bool] | None:
    """The reading of any kind the corpus knows best for the word, and whether it is certain (``_best``)."""
    return _best(word, stacked_readings(word))


def stacking(vocab: Counter[str]) -> frozenset[str]:
    """The kinds of stack the text (its words and their counts) prints in reverse: for each, many
    distinct words that the corpus knows far better with such a stack put back, and a share of the
    text's words.  A font may reverse one kind and not another: a finance law printing «ملدة» for
    «لمدة» prints its «الطابع الأمني» as meant."""
    words: Counter[str] = Counter()
    found: Counter[str] = Counter()
    top: Counter[str] = Counter()  # the count of the kind's most frequent word: it does not count
    for word, n in vocab.items():
        for kind in _certain_kinds(word):
            words[kind] += 1
            found[kind] += n
            top[kind] = max(top[kind], n)
    total = sum(vocab.values())
    return frozenset(
        k for k in ALL_KINDS if words[k] >= GATE_WORDS and found[k] - top[k] >= GATE_SHARES.get(k, GATE_SHARE) * total
    )


def may_be_stacked(word: str, kinds: frozenset[str]) -> bool:
    """Might the word be a stack of these kinds printed in reverse, or a word whose lam lost its alef
    (a reading the corpus knows: any «ل» may have lost one)?  Such a word of a text that prints them
    vouches for nothing (bench/build_corpus_words.py)."""
    if stacked_readings(word, kinds - {LOST_ALEF}):
        return True
    known = corpus_words()
    return LOST_ALEF in kinds and any(r in known for r in _lost_alefs(word))


def read_stacked(text: str, j: int, kinds: frozenset[str], repairs: list[Repair], uncertain: list[Repair]) -> str:
    """The line's words read with their stacks of the given kinds in order (``stacking``)."""

    def read(m: re.Match[str]) -> str:
        word = m.group(0)
        if not _PLAIN.fullmatch(word) or _beside(text, m) or _LABEL.match(text, m.end()):
            return word  # a list's label «ل)» is no particle
        if word in UNITS and _AFTER_NUMBER.search(text, 0, m.start()):
            return word  # a unit after a number: «100 مل» is a millilitre
        best = _best(word, stacked_readings(word, kinds))
        if best is None or _kept_before(word, text, m.end()):
            return word
        reading, certain = best
        kind = "lost-alef" if len(reading) > len(word) else "stacked-ligature"
        if not certain:
            uncertain.append(Repair(kind, j + 1, word, reading, False))
            return word
        repairs.append(Repair(kind, j + 1, word, reading))
        return reading

    return AR_WORD.sub(read, text)


_PLAIN = re.compile(f"[{LETTER}]+")  # a word without vowel marks or tatweel

# -- the glyph the extraction could not name -----------------------------------------------------------

UNKNOWN = "\ufffd"
# a run: the dots to a page number; two inside a word are two glyphs of it («املت��سط»)
LEADER = re.compile(f"{UNKNOWN}(?:[ .]*{UNKNOWN}){{2,}}|(?<![{LETTER}]){UNKNOWN}[ .]*{UNKNOWN}(?![{LETTER}])")
# the unnamed dots before the «ر» that followed their letter: «ال�رشكات» is «الشركات»
MOVED = re.compile(f"{UNKNOWN}ر([سشصض])([{LETTER}]*)")
# after a letter that only ends a word, or the reversed «ىل» of «إلى», it stood for a space:
# «إىل�سنتني» is «إلى سنتين»
AFTER_WORD_END = re.compile(f"([ةى]|ى[{LETTER}]){UNKNOWN}(?=[{LETTER}])")
SIBLINGS = {"س": "شصض", "ش": "سصض", "ص": "سشض", "ض": "سشص"}
DOTS_MIN_SEEN = 20


def drop_unknown_glyphs(text: str, j: int, repairs: list[Repair], pieces: list[str]) -> str:
    """The line without the glyphs the extraction could not name (U+FFFD); a letter moved after the
    «ر» back before it.  ``pieces`` gets the letters that followed each glyph taken out of a word:
    their first may have lost its dots to it (``read_dots``)."""
    if UNKNOWN not in text:
        return text

    def leader(m: re.Match[str]) -> str:
        repairs.append(Repair("dot-leader", j + 1, m.group(0), " "))
        return " "

    def moved(m: re.Match[str]) -> str:
        piece = m.group(1) + "ر" + m.group(2)
        pieces.append(piece)
        repairs.append(Repair("unknown-glyph", j + 1, m.group(0), piece))
        return piece

    def between(m: re.Match[str]) -> str:
        repairs.append(Repair("unknown-glyph", j + 1, m.group(0), m.group(1) + " "))
        return m.group(1) + " "

    text = AFTER_WORD_END.sub(between, LEADER.sub(leader, text))
    text = MOVED.sub(moved, text)
    pieces += PIECE.findall(text)
    n = text.count(UNKNOWN)
    repairs.extend(Repair("unknown-glyph", j + 1, UNKNOWN, "") for _ in range(n))
    return re.sub(f" ?{UNKNOWN}(?= )|{UNKNOWN}", "", text)


PIECE = re.compile(f"{UNKNOWN}([سشصض][{LETTER}]*)")


@cache
def dots_reading(word: str, at: int) -> str | None:
    """The word with its letter at ``at`` («س», «ش», «ص» or «ض») changed for a sibling, when the corpus
    knows that reading ``DOTS_MIN_SEEN`` times, ``RATIO_NEXT`` times as often as any other and ``RATIO``
    times as often as the word as printed (the table font's damaged words enter the corpus's list too)."""
    known = corpus_words()
    if len(word) < 3:
        return None
    seen = sorted(
        ((known.get(r, 0), r) for r in (word[:at] + c + word[at + 1 :] for c in SIBLINGS[word[at]])), reverse=True
    )
    if seen[0][0] < DOTS_MIN_SEEN or seen[0][0] < RATIO_NEXT * seen[1][0] or seen[0][0] < RATIO * known.get(word, 0):
        return None
    return seen[0][1]


def read_dots(text: str, j: int, repairs: list[Repair], pieces: list[str]) -> str:
    """The line's words read with the dots a letter lost to an unnamed glyph (``drop_unknown_glyphs``
    gave the letters after it: ``pieces``; ``dots_reading``).  A word with no such glyph is left: a
    real word the corpus does not know («شريحة») must not become one it knows («صريحة»)."""
    if not pieces:
        return text

    def read(m: re.Match[str]) -> str:
        word = m.group(0)
        if not _PLAIN.fullmatch(word) or _beside(text, m):
            return word
        for piece in pieces:  # the letters from the glyph to the word's end: the end of this word?
            at = len(word) - len(piece)
            reading = dots_reading(word, at) if at >= 0 and word.endswith(piece) else None
            if reading:
                repairs.append(Repair("letter-dots", j + 1, word, reading))
                return reading
        return word

    return AR_WORD.sub(read, text)


_GLUED = re.compile(r"[^\W\d_]")  # a letter of any script
_NEXT_WORD = re.compile(f"\\s+([{LETTER}]+)")


def _kept_before(word: str, text: str, end: int) -> bool:
    """Does the corpus print the real word ``word`` before the next word of the line, where a stack's
    reading would not fit: «بني ملال» (the city, not «بين ملال»)?  ``corpus_words`` holds such pairs."""
    after = _NEXT_WORD.match(text, end)
    return after is not None and corpus_words().get(f"{word} {after.group(1)}", 0) >= PAIR_MIN_SEEN


PAIR_MIN_SEEN = 3
_AFTER_NUMBER = re.compile(r"\d\s*$")
_LABEL = re.compile(r"\s*[)\-–]")
UNITS = frozenset({"مل", "مم", "ملغ", "مغ"})  # millilitre, millimetre, milligram


def _beside(text: str, m: re.Match[str]) -> bool:
    """Does a letter outside the Arabic alphabet stand right beside the word (the Persian «ی» of
    «بالضریبة»)?  Then the match is not the whole word."""
    return bool(_GLUED.match(text, m.end()) or (m.start() and _GLUED.match(text, m.start() - 1)))
