"""A letter that only ends a word, «ة» or «ى», standing inside one: no Arabic word is spelled so.

The extraction leaves it in several ways, read here in every text (``reading`` gives the order):

* two words glued, the space lost: «الجريدةالرسمية», «علىتنفيذها»: split at each such letter, each
  piece read as a word (the corpus knows it, or its stem, or it with a reversed lam-alef read); pieces
  still glued with no final letter between are split by the corpus's words and listed as uncertain;
* a final ligature printed in reverse, its two glyphs swapped: «إىل» for «إلى», «عىل» for «على»,
  «أدىن» for «أدنى»;
* a letter printed for another throughout a text by a wrong font map (``text_substitutions``:
  «الةاصة» for «الخاصة»);
* glyphs printed twice, the final letter among them («وتهيئئةة»): ``ligatures.stutter_reading``;
* «ى» drawn as an elongation («الصىىادر»), or for «ي» («الحكومىة»); a word printed right to left
  («ىدامج» for «جمادى»);
* a word's end printed apart and glued to the next word («القرو يةو المياه»), the conjunction after
  a word's «ة» («التربيةو التعليم»).

«ىء» is the old spelling of a final hamza on a yeh («يبتدىء», «الموانىء»): a word, left alone.  What
no reading explains stays as printed, listed as uncertain; the damage signatures count it (ligatures.py).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache
from typing import NamedTuple

from .common import ALEFS, ARTICLE_PREFIXES, END_LETTER_INSIDE, HAMZA_ALEFS, LETTER, Repair, listed, unlist
from .ligatures import BARE_SIGNATURES, is_damaged, stutter_reading
from .strayheh import MAX_PIECE, MIN_SEEN, MIN_SEEN_SHORT, SHORT_WORDS, is_piece, known, known_piece

# «ة» or «ى» with a letter after it (not «ىء»): the run of letters around it
INSIDE = re.compile(f"[{LETTER}]*(?:ة|ى(?!ء))[{LETTER}]+")
_BOUNDARY = re.compile("(?<=[ةى])(?=[^ء])")
_SWAPPED = re.compile("ى([^ءىاأإآدذرزوؤة])$")  # before a last letter joined to it: «إىل», «عاىن»
_ALEF_BEFORE_HAMZA = re.compile("ا[أإآ]")
_CLITICS = re.compile("(?:[وف])?(?:[بكل])?(?:ال)?")
_WITH_ARTICLE = re.compile("(?:[وف])?(?:[بك])?(?:ال|لل)")
_ELONGATION = re.compile(f"(?<=[{LETTER}])ى{{2,}}(?=[{LETTER}])")  # «الصىىادر»: «ى» drawn as tatweel
_INSIDE_YEH = re.compile(f"(?<=[{LETTER}])ى(?=[{LETTER}])")
# the conjunction printed after a word's «ة» belongs to the next word: «التربيةو التعليم»
_CUT_WAW = re.compile(f"(?<![{LETTER}])([{LETTER}]+ة)و\\s*(?=/|\\s(?!أو(?![{LETTER}]))[{LETTER}])\\s*")
# short words a piece may be beyond ``strayheh.SHORT_WORDS``: the old spelling «فى» («فىالمادة»),
# «به», «تم», «ذو», «ذي» («الخاصةبه», «البنيةتم»); and the reversed «لا» standing alone («لمدةال»)
PIECE_SHORT_WORDS = SHORT_WORDS | {"فى", "به", "تم", "ذو", "ذي", "له"}
_PROCLITICS = ("و", "ف", "ب", "ك", "ل", "وب", "وك", "ول", "فب", "فل", "لل", "ولل", "فلل")
_ARTICLE = tuple(sorted(prefix + "ال" for prefix in ARTICLE_PREFIXES))  # «ال», «وال», «بال», «وبال» ...
# the pronoun suffixes («هما», «ها», «ه» ...); a stem may also end in the «ي» of «كتابي»
PRONOUN_SUFFIXES = ("هما", "هم", "ها", "هن", "كم", "كما", "نا", "ني", "ه", "ك")
_SUFFIXES = (*PRONOUN_SUFFIXES, "ي")
# lam-alef and lam-meem printed in reverse inside a piece («إلنتاج», «املعتادة», «ملجالس»)
_REVERSIBLE = frozenset({"ال", "لا", "أل", "لأ", "إل", "لإ", "آل", "لآ", "مل"})
RUN_MAX = 60  # letters of a piece split by the corpus's words (``_split_run``): longer runs are left
RUN_WORDS = 5  # words at most in such a piece
COMMON_SHORT = 1000  # a word of three letters that may split a piece the corpus does not know («مدة»)
# letters of a piece the corpus does not know that may stand beside one it knows («بلشبونة يومي»)
PLAUSIBLE_MIN, PLAUSIBLE_MAX = 4, 11
# a text's own glyph substitution (``text_substitutions``): words it must explain, and its share of
# the words with the letter inside
SUBSTITUTION_MIN = 4
SUBSTITUTION_SHARE = 0.5
SUBSTITUTION_MARGIN = 1.5
# the letters a «ة» or a «ى» may stand for in a text printed with a wrong font map
_TARGETS = "ءآأؤإئابتثجحخدذرزسشصضطظعغفقكلمنهوي"


class Reading(NamedTuple):
    """What a damaged word reads as: the words, the repair kind, and whether the reading is certain
    (a split the corpus's words make inside a piece is not: it is listed too)."""

    text: str
    kind: str
    certain: bool = True


def reading(
    word: str,
    printed: Counter[str] | None = None,
    substitutions: dict[str, str] | None = None,
    *,
    stray_heh: bool = False,
    ligatures_follow: bool = False,
) -> Reading | None:
    """What ``word``, holding a «ة» or a «ى» before another letter, reads as, or None.  In order:

    * the text's own glyph substitution (``text_substitutions``: «الةاصة» is «الخاصة» where the text
      prints «ة» for «خ»);
    * the final ligature printed in reverse («عىل» → «على», «حاةل» → «حالة»);
    * a split at each «ة» or «ى»: every piece a word (``_piece_reading``: the corpus knows it, or its
      stem once proclitics and a pronoun suffix are off, or its reversed ligature read); in a word
      of two pieces, one the corpus does not know may stand beside the other (the place is certain:
      «بلشبونة يومي»); a piece still glued is split by the corpus's words (``_split_run``), a reading
      listed as uncertain;
    * glyphs printed twice, the final letter among them: ``ligatures.stutter_reading``;
    * «ى» drawn as an elongation («الصىىادر» → «الصادر»; a run read as one «ى» first: «فىىالمادة»);
      one «ى» for «ي» or drawn so, in a word of five letters the corpus knows well («الحكومىة»,
      «الضىرائب»);
    * a word printed right to left («ىدامج» → «جمادى»).

    ``printed``, the words of the text itself, vouches for a piece of four letters or more that the
    corpus prints too rarely and the text prints apart («الشرطةوضباطها»).  ``ligatures_follow``: the
    ligature rules read the line next, taking every «لا» for one printed in reverse: a piece whose
    «ال» or «لا» one swap read is left to them as printed («االلتحاق», not «الالتحاق» they would
    turn to «اللاتحاق»)."""
    if known_piece(word) >= MIN_SEEN:
        return None  # a word after all (a name, a spelling the corpus prints)
    if substitutions:
        found = _substituted(word, substitutions)
        if found:
            return Reading(found, "glyph-substitution")
    swapped = _swapped(word)
    if swapped:
        return Reading(swapped, "final-ligature")
    split = _split(word, printed, plausible=not substitutions, stray_heh=stray_heh)
    if split and ligatures_follow:
        split = split._replace(text=_as_printed(split.text, word))
    if split:
        return split
    # glyphs printed twice, the final letter among them («وتهيئئةة»): the doubled-glyph reading, only
    # where the final letter shows it doubled (it took letters out of «ىليها», «ينتةبهما»)
    if "ةة" in word or "ىى" in word:
        stutter = stutter_reading(word, printed or Counter())
        if stutter:
            return Reading(stutter, "doubled-glyph")
    if _ELONGATION.search(word):  # «ى» drawn as an elongation: «الصىىادر» is «الصادر»
        once = _ELONGATION.sub("ى", word)  # first as one «ى»: «فىىالمادة» is «فى المادة»
        collapsed = reading(once, printed, substitutions, stray_heh=stray_heh, ligatures_follow=ligatures_follow)
        if collapsed and collapsed.kind == "glued-word":
            return collapsed  # a split only: «غشىىت» is «غشت», no final ligature
        drawn = _piece_reading(_ELONGATION.sub("", word), printed)
        if drawn:
            return Reading(drawn, "tatweel")
    # one «ى» for «ي» («الحكومىة»), or drawn as an elongation («الضىرائب»), in a word the corpus
    # knows well so
    for drawn, kind in ((_INSIDE_YEH.sub("ي", word), "word-end"), (_INSIDE_YEH.sub("", word), "tatweel")):
        if _well_known(drawn, word):
            return Reading(drawn, kind)
    # a word printed in reverse, its letters right to left («ىدامج» for «جمادى», «ةركذت» for «تذكرة»)
    if len(word) >= 4 and known_piece(word[::-1]) >= MIN_SEEN_SHORT:
        return Reading(word[::-1], "reversed-word")
    return None


def _well_known(drawn: str, word: str) -> bool:
    """Is ``drawn``, read from ``word``, a word of five letters or more the corpus prints often?"""
    return (
        drawn != word and len(drawn) >= 5 and not END_LETTER_INSIDE.search(drawn) and known_piece(drawn) >= COMMON_SHORT
    )


def _swapped(word: str) -> str | None:
    """The word with its final ligature read: «ى» printed before the letter it follows («إىل», «عاىن»;
    «الذاىت» is «الذاتي»), «ة» before a last «ل» («حاةل»); the reading the corpus knows."""
    forms = [word, word[1:]] if _ALEF_BEFORE_HAMZA.match(word) else [word]  # «اإىل»
    swapped = [form for form in (_SWAPPED.sub(r"\1ى", f) for f in forms) if form not in forms]
    # the «ي» spelling first where the corpus prints it ten times as often («التوالي», not «التوالى»)
    swapped = [f[:-1] + "ي" if known(f[:-1] + "ي") > 10 * known(f) else f for f in swapped]
    candidates = swapped + [form[:-1] + "ي" for form in swapped if form.endswith("ى")]
    candidates += [form[:-2] + "لة" for form in forms if form.endswith("ةل")]
    candidates = [c for c in candidates if len(c) >= 3]  # «ىل» alone is no «لى»
    for candidate in candidates:  # as printed first: «مىض» is «مضى», «الذاىت» «الذاتي»
        if known_piece(candidate) >= (MIN_SEEN_SHORT if len(candidate) == 3 and candidate[-1] != "ى" else MIN_SEEN):
            return candidate  # first: «عىل» is «على», not «عى ل»
    for candidate in candidates:
        if len(candidate) > 3 and _stem_known(candidate):
            return candidate  # «وأولى»
    return None


def _split(word: str, printed: Counter[str] | None, *, plausible: bool, stray_heh: bool) -> Reading | None:
    pieces = [p for p in _BOUNDARY.split(word) if p]
    if len(pieces) < 2:
        return None
    if stray_heh:  # «وبالجودةه», «هالتشريعيةوالتنظيمية»: the «ه» at a piece's edge was a space
        pieces = [_heh_out(p, printed) for p in pieces]
        pieces = [p for p in pieces if p]
        if len(pieces) == 1:
            one = _piece_reading(pieces[0], printed)
            if one:
                return Reading(one, "stray-heh")
            run = _split_run(pieces[0], stray_heh=True)
            return Reading(" ".join(run), "stray-heh", certain=False) if run else None
    read = [_piece_reading(p, printed) for p in pieces]
    if all(read):
        return Reading(" ".join(r for r in read if r), "glued-word")
    unknown = [k for k, r in enumerate(read) if r is None]
    if plausible and len(unknown) == 1 and len(pieces) == 2 and _may_be_word(pieces[unknown[0]], stray_heh):
        # one piece the corpus does not know beside one it knows: a name, a rare word («بلشبونة»),
        # unless common words make it up («فيالسنة»)
        k = unknown[0]
        run = _split_run(pieces[k], stray_heh=stray_heh, least_short=COMMON_SHORT)
        read[k] = " ".join(run) if run else pieces[k]
        return Reading(" ".join(r for r in read if r), "glued-word", certain=run is None)
    # pieces still glued with no final letter between: the corpus's words split them, uncertain
    runs = [_split_run(pieces[k], stray_heh=stray_heh) for k in unknown]
    if not all(runs):
        return None
    for k, run in zip(unknown, runs, strict=True):
        read[k] = " ".join(run or ())
    return Reading(" ".join(r for r in read if r), "glued-word", certain=False)


def _heh_out(piece: str, printed: Counter[str] | None) -> str:
    """A piece of a stray-«ه» text less the «ه» at its edges that stood for a space: none when it is a
    word as printed («أعاله»), the fewest that make it one («هالتشريعية» → «التشريعية»), all of them
    when it is only «ه»; else as printed (the corpus's words may split it)."""
    if piece.strip("ه") == "":
        return ""
    if _piece_reading(piece, printed):
        return piece
    for form in (piece.rstrip("ه"), piece.lstrip("ه"), piece.strip("ه")):
        if form != piece and _piece_reading(form, printed):
            return form
    return piece


def _as_printed(read: str, word: str) -> str:
    """The words ``read`` with each lam-alef that a swap read put back as ``word`` prints it, for the
    ligature rules to read; not a hamza-alef and lam opening a word («ألولئك» is «لأولئك»: the
    rules leave that one)."""
    if len(read.replace(" ", "")) != len(word):
        return read
    out, at = [], 0
    for piece in read.split(" "):
        printed = word[at : at + len(piece)]
        letters = list(piece)
        for i in range(len(piece) - 1):
            pair = printed[i : i + 2]
            if "ل" in pair and set(pair) & set(ALEFS) and piece[i : i + 2] == pair[::-1]:
                if not (i == 0 and pair[0] in HAMZA_ALEFS):
                    letters[i : i + 2] = pair
        out.append("".join(letters))
        at += len(piece)
    return " ".join(out)


def _may_be_word(piece: str, stray_heh: bool = False) -> bool:
    """A piece that may open and end a word («بلشبونة», «كوبوليميرات», «والهيدروليكية»): four to
    eleven letters besides its proclitics, or three a common word has; not one opening with a letter
    that opens no word (nor with an «ه» where an «ه» was printed for a space)."""
    article = _WITH_ARTICLE.match(piece)
    stem = piece[article.end() :] if article else piece
    if len(stem) == 3:
        return known_piece(stem) >= MIN_SEEN_SHORT  # not «اصة», «الحيو» (stem «حيو»)
    return (
        PLAUSIBLE_MIN <= len(stem) <= PLAUSIBLE_MAX
        and piece[0] not in ("ؤئءةىه" if stray_heh else "ؤئءةى")
        and not is_damaged(piece)
        and piece[:2] != piece[2:4]
    )


@lru_cache(maxsize=1 << 15)
def _word(piece: str) -> str | None:
    """``piece`` as the word it is, or None: a word the corpus knows (``strayheh.is_piece``), or one
    with its proclitics and a pronoun suffix off («ومواطنهم», «لمساطرها»); failing that, the same with
    a reversed lam-alef or lam-meem read («إلنتاج» → «لإنتاج», «املعتادة» → «المعتادة»)."""
    if piece in PIECE_SHORT_WORDS:
        return piece
    if piece in BARE_SIGNATURES:
        return BARE_SIGNATURES[piece]  # «لمدةال تقل»: «لا» printed in reverse
    if len(piece) < 3 or len(piece) > MAX_PIECE:
        return None
    if _two_words(piece):
        return None  # «فيالمادة», «هذاالقانون»: damaged texts print them, the corpus counts them
    rest = piece[2:]
    if piece.startswith(("الي", "التت")) and is_piece(rest) and known(piece) * 10 < known(rest):
        return f"لا {rest}"  # «اليتعدى», «التتعدى»: «لا» printed in reverse before a verb
    forms = [form for form in _ligature_forms(piece) if is_piece(form) or _stem_known(form)]
    if piece in forms:
        return piece  # «العملية», not «العلمية»
    return max(forms, key=known, default=None)


GLUING_WORDS = SHORT_WORDS | {"فى", "هذا", "هذه", "على", "إلى", "التي", "الذي", "ذلك"}


def _two_words(piece: str) -> bool:
    """Is ``piece`` a short word glued to a word of three letters or more that the corpus prints more
    often than the piece («فيالمادة», «هذاالقانون»; not «فيلم»)?"""
    count = known(piece)
    for w in GLUING_WORDS:
        rest = piece[len(w) :]
        if piece.startswith(w) and len(rest) >= 3 and is_piece(rest) and known(rest) > count:
            return True
    return False


def _piece_reading(piece: str, printed: Counter[str] | None = None) -> str | None:
    found = _word(piece)
    if found:
        return found
    if (
        len(piece) >= 4
        and printed is not None
        and printed[piece] >= 1
        and piece[0] not in "ؤئءةى"
        and not _two_words(piece)
    ):
        return piece  # the text prints it apart
    return None


def _ligature_forms(piece: str) -> list[str]:
    forms = [piece]
    for i in range(len(piece) - 1):
        if piece[i : i + 2] in _REVERSIBLE:
            forms.append(piece[:i] + piece[i + 1] + piece[i] + piece[i + 2 :])
    return forms


def _stem_known(piece: str) -> bool:
    """Is ``piece`` a word the corpus knows once its proclitics (with the article or not) and its
    pronoun suffix are off?  «ومستحضراتها» → «مستحضرات»; «معرفته» → «معرفة».  Not the article
    before what opens like a verb unless the corpus knows the whole («التتعدى» is «لا تتعدى»), nor
    «ل» before the article, written «لل» («لالمحكمة»)."""
    for before in ("", *_PROCLITICS, *_ARTICLE):
        if not piece.startswith(before):
            continue
        rest = piece[len(before) :]
        if rest.startswith("ال") and (before.endswith("ل") or before in _ARTICLE):
            continue  # «لالمحكمة», «الالبيضاء»
        if before in _ARTICLE and rest[:1] in "تين" and not is_piece(piece):
            continue  # «التتعدى», «اليتعدى», «التفرض»
        for after in ("", *_SUFFIXES):
            if (not before and not after) or not piece.endswith(after):
                continue
            stem = piece[len(before) : len(piece) - len(after)]
            if len(stem) < 3:
                continue
            stems = [stem]
            if after and stem.endswith("ت"):
                stems.append(stem[:-1] + "ة")  # «معرفت» + «ه»: «معرفة»
            if before in _ARTICLE or before.endswith("لل"):
                stems.append("ال" + stem)
            if any(is_piece(s) for s in stems):
                return True
    return False


@lru_cache(maxsize=1 << 12)
def _split_run(run: str, *, stray_heh: bool = False, least_short: int = MIN_SEEN_SHORT) -> tuple[str, ...] | None:
    """A run of words glued with no final letter between («لتلكالتيعرفتهاسنة»), split by the corpus's
    words (``_word``): the fewest words, then the commonest; a word of three letters or a pronoun
    suffix only when seen ``least_short`` times, the article with a letter or two ``COMMON_SHORT``
    times («التي», not «الم», «الت», «هما»).
    None when no split reads it all.  In a text printed with an «ه» for a space, an «ه» between two
    words goes («ذوهالحجة»)."""
    if len(run) > RUN_MAX:
        return None
    n = len(run)
    # best[e]: (words, -log score, words read) of the best reading of run[:e]
    best: dict[int, tuple[int, float, tuple[str, ...]]] = {0: (0, 0.0, ())}
    for e in range(1, n + 1):
        options = []
        if stray_heh and run[e - 1] == "ه" and e - 1 in best and 0 < e - 1 and e < n:
            options.append(best[e - 1])  # the «ه» for a space
        for s in range(max(0, e - MAX_PIECE), e - 1):
            if s not in best or best[s][0] >= RUN_WORDS:
                continue
            piece = run[s:e]
            word = _word(piece)
            if word and (len(word) == 3 or _SUFFIX.match(piece) or _ARTICLE_CHUNK.match(piece)):
                # «التي», not «الم», «الت», «هما»: the article and a letter or two, a common word only
                least = max(least_short, COMMON_SHORT) if _ARTICLE_CHUNK.match(piece) else least_short
                word = word if known_piece(word) >= least else None
            # «ال» inside a run is the article, «اا» opens no word; where an «ه» was printed for a
            # space, a word holding one may be a piece and a stray «ه» («للنصوصها»): only a common
            # word as printed («عليها», «هذه»)
            if stray_heh and "ه" in piece and known(piece) < MIN_SEEN_SHORT:
                word = None
            if word and piece not in BARE_SIGNATURES and not piece.startswith("اا"):
                words, score, read = best[s]
                options.append((words + 1, score - math.log(max(known_piece(word), 1)), (*read, word)))
        if options:
            best[e] = min(options)
    return best[n][2] if n in best and best[n][0] >= 2 else None


def text_substitutions(vocab: Counter[str]) -> dict[str, str]:
    """The glyph substitution a text shows, if any: «ة» or «ى» printed for another letter by a wrong
    font map («الةاصة» for «الخاصة», «ىلى» for «إلى», «المملةة» for «المملكة»).  A letter is taken to
    stand for another when that one, put in its place inside the words no other reading explains,
    makes ``SUBSTITUTION_MIN`` words the corpus knows, half of those words at least, and weighs
    ``SUBSTITUTION_MARGIN`` times as much as any other letter (each word weighing the log of its count
    in the corpus).  ``vocab``: the words of the text.  The repair does not ask a text printed with an
    «ه» for a space: «منظومةه» is no «منظومته»."""
    damaged = [w for w in vocab if INSIDE.fullmatch(w) and known_piece(w) < MIN_SEEN and _swapped(w) is None]
    found: dict[str, str] = {}
    for letter in "ةى":
        inside = _inside(letter)
        having = [w for w in damaged if inside.search(w) and not _certain_split(w)]
        if len(having) < SUBSTITUTION_MIN:
            continue
        made: Counter[str] = Counter()  # how many words each letter makes
        weight: dict[str, float] = {}  # and how common they are: «ىلى» makes «إلى» and «على»
        for w in having:
            for target in _TARGETS:
                read = _word(inside.sub(target, w))
                if read:
                    made[target] += 1
                    weight[target] = weight.get(target, 0.0) + math.log1p(known_piece(read))
        if not weight:
            continue
        top, top_weight = max(weight.items(), key=lambda item: item[1])
        # the alef forms are one letter here: «ىلى» makes «إلى» and «الى»
        second = max((w for t, w in weight.items() if t != top and not (t in ALEFS and top in ALEFS)), default=0)
        count = made[top]
        if (
            count >= SUBSTITUTION_MIN
            and count >= SUBSTITUTION_SHARE * len(having)
            and top_weight >= SUBSTITUTION_MARGIN * second
        ):
            found[letter] = top
    return found


def _inside(letter: str) -> re.Pattern[str]:
    """``letter`` («ة» or «ى») before another letter; not «ىء», the old spelling of a final hamza."""
    return re.compile(f"{letter}(?!ء)(?=[{LETTER}])")


def _certain_split(word: str) -> bool:
    split = _split(word, None, plausible=False, stray_heh=False)
    return split is not None and split.certain


def _substituted(word: str, substitutions: dict[str, str]) -> str | None:
    """``word`` with the text's substituted letters read: those inside, and the last too where that
    makes the word the corpus knows («الةاصة» → «الخاصة», «للمملةة» → «للمملكة»)."""
    inside = word
    for letter, target in substitutions.items():
        inside = _inside(letter).sub(target, inside)
    if inside == word:
        return None
    candidates = [inside]
    last = inside[-1]
    if last in substitutions:  # «الةاصة» is «الخاصة», «المةونة» «المكونة»: the last letter only if need be
        candidates.append(inside[:-1] + substitutions[last])
    for candidate in candidates:
        found = _word(candidate)
        if found:
            return found
    return None


def substituted_end(word: str, substitutions: dict[str, str]) -> str | None:
    """A word of a substituting text whose last letter only stands for another: «تارية» is «تاريخ»
    where the text prints «ة» for «خ»; read when the corpus does not know the word and knows the other."""
    last = word[-1:]
    if last not in substitutions or known_piece(word) or len(word) < 3:
        return None
    candidate = word[:-1] + substitutions[last]
    return candidate if known_piece(candidate) >= MIN_SEEN else None


def repair_line(
    text: str,
    j: int,
    repairs: list[Repair],
    uncertain: list[Repair],
    printed: Counter[str] | None = None,
    *,
    last: bool = True,
    substitutions: dict[str, str] | None = None,
    stray_heh: bool = False,
    ligatures_follow: bool = False,
) -> str:
    """The line with its glued words split, its reversed final ligatures, doubled glyphs, glyph
    substitutions, reversed words, stray «ه» and words' ends printed apart read (repair kinds
    ``glued-word``, ``final-ligature``, ``doubled-glyph``, ``glyph-substitution``, ``tatweel``,
    ``word-end``, ``reversed-word``, ``stray-heh``, ``intraword-space``: ``reading``); a word read is
    no longer listed as uncertain by a rule before; a split made by the corpus's words alone is listed as uncertain (kind ``glued-run``,
    with its reading); a word no reading explains is left, and listed as uncertain (kind
    ``word-end``) on the ``last`` pass (the repair runs this once before the ligature rules, which
    then read each piece, and once after every other rule, which may have left a word it can now
    read: «اإىل» → «إىل» → «إلى»)."""
    if last:
        list_glued(text, j, uncertain, printed)
    if substitutions:
        text = _read_substituted_ends(text, j, repairs, substitutions)
    if not END_LETTER_INSIDE.search(text):
        return text

    def join(m: re.Match) -> str:  # a word's end printed apart: «القرو يةو المياه» → «القرويةو المياه»
        if not _joins(m.group(1), m.group(2)):
            return m.group(0)
        repairs.append(Repair("intraword-space", j + 1, m.group(0), m.group(1) + m.group(2)))
        return m.group(1) + m.group(2)

    def cut(m: re.Match) -> str:  # the conjunction after a word's «ة»: «التربيةو التعليم» → «... والتعليم»
        head = m.group(1)
        if not (_word(head) or reading(head, printed, substitutions)):
            return m.group(0)
        repairs.append(Repair("glued-word", j + 1, m.group(0).strip(), f"{head} و"))
        return f"{head} و"

    def move(m: re.Match) -> str:  # a space printed a few letters late: «مماثلةتا بعة» → «مماثلة تابعة»
        head, piece, rest = m.groups()
        joined = piece + rest
        # the word made whole is common, far more than the rest printed apart («انات», a fragment the
        # damaged texts print too), and what stands before is a word
        common = known_piece(joined)
        if common < MIN_SEEN_SHORT or known_piece(rest) * 20 > common or _word(head) is None:
            return m.group(0)
        repairs.append(Repair("intraword-space", j + 1, m.group(0), f"{head} {joined}"))
        return f"{head} {joined}"

    text = _CUT_WAW.sub(cut, _CUT_END.sub(join, text))
    text = _LATE_SPACE.sub(move, text)

    def read(m: re.Match) -> str:
        word = m.group(0)
        if not last and "ـ" in text[max(0, m.start() - 1) : m.end() + 1]:
            return word  # a word broken by tatweel («تــأىت»): read whole on the last pass
        new = reading(word, printed, substitutions, stray_heh=stray_heh, ligatures_follow=ligatures_follow)
        if new is None:
            if last and not listed(uncertain, j + 1, word):
                uncertain.append(Repair("word-end", j + 1, word, word, False))  # once a line
            return word
        repairs.append(Repair(new.kind, j + 1, word, new.text))
        unlist(uncertain, j + 1, word)  # a rule before could not read it: now read
        if not new.certain:
            uncertain.append(Repair("glued-run", j + 1, word, new.text, False))
        # a stray «ه» dropped at the end stood for a space: «ذوهالحجةه1442» → «ذو الحجة 1442»
        space = (
            stray_heh and word.endswith("ه") and not new.text.endswith("ه") and text[m.end() : m.end() + 1].isalnum()
        )
        return new.text + (" " if space else "")

    return INSIDE.sub(read, text)


_CUT_END = re.compile(f"(?<![{LETTER}])([{LETTER}]{{2,}}) ([{LETTER}]{{0,2}}ة)(?=[{LETTER}])")


# a word ending in «ة» or «ى», glued to the first letters of the next word, whose rest the space
# printed too late left apart: «مماثلةتا بعة», «بمراقبةالحيو انات»
_LATE_SPACE = re.compile(f"(?<![{LETTER}])([{LETTER}]{{2,}}[ةى])([{LETTER}]{{1,6}}) ([{LETTER}]{{2,8}})(?![{LETTER}])")


def _joins(head: str, end: str) -> bool:
    """Is ``end`` («ية») no word, and ``head + end`` a word the corpus prints four times as often as
    ``head`` («القروية», «القرو»: damaged texts print that too)?"""
    joined = known_piece(head + end)
    return _word(end) is None and joined >= MIN_SEEN and known_piece(head) * 4 <= joined


_WORD_END = re.compile(f"(?<![{LETTER}])[{LETTER}]+[ةى](?![{LETTER}])")


def _read_substituted_ends(text: str, j: int, repairs: list[Repair], substitutions: dict[str, str]) -> str:
    def read(m: re.Match) -> str:
        new = substituted_end(m.group(0), substitutions)
        if new is None:
            return m.group(0)
        repairs.append(Repair("glyph-substitution", j + 1, m.group(0), new))
        return new

    return _WORD_END.sub(read, text)


# -- two words glued with no final letter between: listed, not split --------------------------------

GLUED_MIN = 7  # letters of a word the corpus does not know before it is looked at
GLUED_SEEN = 20  # each of its two words: seen this often in the corpus
# a second piece that is a pronoun suffix («استجواب هما», «مقدم تهم»), a first that is a proclitic
# with the article and a letter or two («والم تابعين», «المت قاضي»)
_PRONOUNS = "|".join(PRONOUN_SUFFIXES)
_SUFFIX = re.compile(f"^(?:[تويا])?(?:{_PRONOUNS}|لها|له)$")
_ARTICLE_CHUNK = re.compile("^[وفبكل]{0,2}ال[\u0621-\u064a]{0,2}$")
_WORD_RUN = re.compile(f"(?<![{LETTER}])[{LETTER}]{{{GLUED_MIN},}}(?![{LETTER}])")


@lru_cache(maxsize=1 << 14)
def glued_reading(word: str) -> tuple[str, str] | None:
    """Two words the word may be, glued where no «ة» or «ى» shows the place («ارتكابإحدى»,
    «مائتينإلى»), or None.  A segmenter on the corpus's words alone also splits real words
    («استجوابهما», «والمتابعين»), so this reading is only listed for the reader, never applied."""
    if known_piece(word) or _a_word_with_affixes(word):
        return None
    best: tuple[float, str, str] | None = None
    for i in range(3, len(word) - 2):
        first, second = word[:i], word[i:]
        if _SUFFIX.match(second) or _ARTICLE_CHUNK.match(first):
            continue
        a, b = known_piece(first), known_piece(second)
        if a >= _least(first) and b >= _least(second):
            score = math.log(a) + math.log(b)
            if best is None or score > best[0]:
                best = (score, first, second)
    return (best[1], best[2]) if best else None


_PRONOUN = re.compile(f"(?:{_PRONOUNS})$")


def _a_word_with_affixes(word: str) -> bool:
    """A word the corpus knows once its proclitics or its pronoun suffix are taken off
    («ليستعمل»: «ل» + «يستعمل»; «يحددانها»: «يحددان» + «ها»): a word, not two glued."""
    clitics = _CLITICS.match(word)
    start = clitics.end() if clitics else 0
    suffix = _PRONOUN.search(word)
    end = suffix.start() if suffix else len(word)
    stems = {word[start:], word[:end], word[start:end]}
    return any(len(stem) >= 3 and known_piece(stem) >= MIN_SEEN for stem in stems if stem != word)


def _least(piece: str) -> int:
    """How often a piece must be seen: a word of three letters much more («ممن», «ألف», «إلى»)."""
    return 25 * GLUED_SEEN if len(piece) == 3 else GLUED_SEEN


def list_glued(text: str, j: int, uncertain: list[Repair], printed: Counter[str] | None = None) -> None:
    """List as uncertain (kind ``glued-word``) each word of the line that reads as two words glued
    (``glued_reading``), unless the text prints it twice (a real word of its own)."""
    for m in _WORD_RUN.finditer(text):
        word = m.group(0)
        if printed is not None and printed[word] >= 2:
            continue
        pair = glued_reading(word)
        if pair and not listed(uncertain, j + 1, word):
            uncertain.append(Repair("glued-word", j + 1, word, " ".join(pair), False))
