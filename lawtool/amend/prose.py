"""Amending instructions written in prose, read into operations.

    تغير أحكام الفقرة الثانية من المادة 5 على النحو التالي:
    تغير وتتمم على النحو التالي أحكام الفصول 404 و 431 و 446 من مجموعة القانون الجنائي ...:
    تتمم المادة 12 بالفقرة التالية:
    تحذف المادة 20

``read_instruction`` finds the verb, the elements named (and the text they belong to, the date
from which the change applies), and makes the operations.  A reading is **accepted only if** the
wording lawtool writes for those operations (``wording.act_instruction``, or ``wording.instruction``
for lawtool's own forms) gives the instruction again, compared after ``key`` (vowel marks, tatweel,
spaces and the final full stop or colon do not count).  Anything else is refused with the reason:
never guessed.  The new text that follows the colon is not read here: replacements and insertions
come without their new text (``Operation.body`` is None).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..eids import article_eid
from .model import Operation
from .wording import ACT_VERB_OPS, ActNamer, act_instruction, instruction, ordinal_ar

_MARKS = re.compile(r"[\u064b-\u0652\u0640]")
_ARABIC = r"\u0600-\u06ff"


def normalise(text: str) -> str:
    """Vowel marks and tatweel removed, a space between digits or Latin letters and Arabic
    letters («404و» → «404 و»), spaces collapsed, none before punctuation."""
    text = _MARKS.sub("", text or "")
    text = re.sub(rf"(?<=[0-9A-Za-z])(?=[{_ARABIC}])|(?<=[{_ARABIC}])(?=[0-9])", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r" (?=[:،.])", "", text)


def key(text: str) -> str:
    """What two wordings must share to be the same instruction."""
    text = normalise(text).rstrip(" .:")
    return re.sub(r"ى(?=\s|$)", "ي", text).replace(" ", "")


@dataclass
class Reading:
    text: str
    accepted: bool
    operations: list[Operation] = field(default_factory=list)
    act: str | None = None
    effective: str | None = None
    wording: str | None = None  # what lawtool writes for the reading
    reason: str = ""

    def to_dict(self) -> dict:
        out = {"text": self.text, "accepted": self.accepted}
        if self.accepted:
            out["operations"] = [op.to_dict() for op in self.operations]
            if self.act:
                out["act"] = self.act
            if self.effective:
                out["effective"] = self.effective
        else:
            out["reason"] = self.reason
        if self.wording:
            out["wording"] = self.wording
        return out


class Refused(ValueError):
    pass


_VERB = re.compile(
    r"^(?P<verb>تغير وتتمم|يغير ويتمم|تنسخ وتعوض|ينسخ ويعوض|تغير|يغير|تتمم|يتمم|تنسخ|ينسخ|تحذف|يحذف)"
    r"(?=\s|،)"
)
_VERB_KEYS = {
    "تغير وتتمم": "change-complete",
    "يغير ويتمم": "change-complete",
    "تنسخ وتعوض": "repeal-replace",
    "ينسخ ويعوض": "repeal-replace",
    "تغير": "change",
    "يغير": "change",
    "تتمم": "complete",
    "يتمم": "complete",
    "تنسخ": "repeal",
    "ينسخ": "repeal",
    "تحذف": "delete",
    "يحذف": "delete",
}
_HOW = r"(?:على النحو ?التالي|كما يل[يى])"
_NUM = r"\d+(?:-\d+)*"
_BIS = r"(?: المكررة| المكرر| مكررة| مكرر)?"
_ORDINALS = {ordinal_ar(n): n for n in range(1, 40)}
_ORD = "|".join(sorted((re.escape(w) for w in _ORDINALS), key=len, reverse=True))
_SEGMENT = re.compile(
    rf"(?P<para>الفقرة (?P<pn>{_ORD}))(?=\s|$|[:،.])"
    rf"|(?P<point>البند (?P<bn>\d+|[IVX]+))(?=\s|$|[:،.])"
    rf"|(?P<art>(?P<aw>المادة|الفصل) (?P<an>{_NUM}|الأولى|الأول)(?P<bis> مكررة| مكرر| المكررة| المكرر)?)(?=\s|$|[:،.])"
    rf"|(?P<dual>(?P<dw>المادتين|الفصلين) (?P<d1>{_NUM}) و ?(?P<d2>{_NUM}))(?=\s|$|[:،.])"
    rf"|(?P<many>(?P<mw>المواد|الفصول) (?P<ms>{_NUM}{_BIS}(?: و ?{_NUM}{_BIS})+))(?=\s|$|[:،.])"
)
_SINGULAR = {"المادتين": "المادة", "الفصلين": "الفصل", "المواد": "المادة", "الفصول": "الفصل"}


def _article_eid(number: str, bis: str | None) -> str:
    number = "1" if number in ("الأولى", "الأول") else number
    return article_eid(number) + ("-bis" if bis else "")


def _chain(text: str) -> tuple[list[str], str, str]:
    """Elements named at the start of ``text`` («الفقرة الثانية من المادة 5», «الفصلين 61 و 407»):
    their eIds, the article noun, and the rest of the text."""
    inner: list[str] = []
    rest = text
    while True:
        m = _SEGMENT.match(rest)
        if not m:
            raise Refused(f"no element named at «{rest[:40]}»")
        rest = rest[m.end() :]
        if m.group("para"):
            inner.append(f"para_{_ORDINALS[m.group('pn')]}")
        elif m.group("point"):
            inner.append(f"point_{m.group('bn')}")
        else:
            if m.group("art"):
                word, articles = m.group("aw"), [_article_eid(m.group("an"), m.group("bis"))]
            elif m.group("dual"):
                word, articles = _SINGULAR[m.group("dw")], [article_eid(m.group("d1")), article_eid(m.group("d2"))]
            else:
                word = _SINGULAR[m.group("mw")]
                articles = [
                    _article_eid(n.split(" ")[0], "bis" if " " in n else None)
                    for n in re.split(r" و ?(?=\d)", m.group("ms"))
                ]
            if len(articles) > 1 and inner:
                raise Refused("a part of several articles at once")
            suffix = "".join(f"__{p}" for p in reversed(inner))
            return [a + suffix for a in articles], word, rest
        if not rest.startswith(" من "):
            raise Refused("an element without its article")
        rest = rest[len(" من ") :]


def read_instruction(text: str) -> Reading:
    """Read one instruction (see the module's docstring)."""
    clean = normalise(text)
    try:
        reading = _read_own(clean) or _read_act(clean)
    except Refused as why:
        return Reading(text, False, reason=str(why))
    if key(reading.wording or "") != key(clean):
        return Reading(
            text,
            False,
            wording=reading.wording,
            reason="lawtool's wording of this reading differs from the instruction",
        )
    reading.text = text
    return reading


@dataclass
class _Opening:
    """The start of an amending law's instruction: the verb, the date of effect and «على النحو
    التالي» (in either order), and the rest of the instruction."""

    verb: str
    effective: str | None
    how: str | None
    style: dict
    rest: str


def _opening(text: str) -> _Opening:
    m = _VERB.match(text)
    if not m:
        raise Refused("no amending verb at the start (تغير، تتمم، تنسخ، تحذف ...)")
    opening = _Opening(_VERB_KEYS[m.group("verb")], None, None, {}, text[m.end() :])
    for _ in range(2):  # the date of effect and «على النحو التالي», in either order
        found = re.match(r"،? ابتداء من ([^،]+)،", opening.rest)
        if found and opening.effective is None:
            opening.effective, opening.rest = found.group(1).strip(), opening.rest[found.end() :]
            opening.style["effective_after_how"] = opening.how is not None
            continue
        found = re.match(rf" ({_HOW})(،(?! ابتداء))?", opening.rest)
        if found and opening.how is None:
            opening.how, opening.rest = found.group(1), opening.rest[found.end() :]
            opening.style["comma_after_how"] = bool(found.group(2))
    return opening


_NEW_ELEMENT = r" ب(?P<new>البند \S+|الفقرة|المادة \S+|الفصل \S+) (?P<adj>التالي|التالية)"


_NEW_ARTICLES = re.compile(
    rf" ب(?P<names>(?:المادة|الفصل) {_NUM}|(?:المادتين|الفصلين|المواد|الفصول) {_NUM}(?: و ?{_NUM})+)$"
)


def _new_articles(text: str, body: str, found: re.Match, how: str | None, common: dict) -> Reading:
    """«تتمم ... أحكام ACT بالفصول 88-1 و 88-2»: new articles completing the act."""
    named_act = _act(body[: found.start()])
    eids, word, tail = _chain(found.group("names"))
    if tail.strip():
        raise Refused("words after the new articles' numbers")
    ops = [
        Operation(op="insert", into="body", element="article", num=f"{word} {e[4:]}", index=i)
        for i, e in enumerate(eids, start=1)
    ]
    wording = act_instruction(ops, act=named_act, how=how or "على النحو التالي", article_word=word, **common)
    return Reading(text, True, ops, act=named_act, effective=common["effective"], wording=wording)


@dataclass
class _Tail:
    """What follows the elements named: «وتعوض», «على النحو التالي», the new element, the act."""

    act: str | None = None
    how: str | None = None
    into: re.Match | None = None
    replaced_after: bool = False


def _tail(tail: str, verb: str, lead: bool, new_first) -> _Tail:
    out = _Tail()
    found = re.search(rf" و[تي]عوض(?: ({_HOW}))?$", tail)
    if found and verb == "repeal" and not lead:  # «تنسخ أحكام الفصل 6 من ... وتعوض على النحو التالي»
        out.replaced_after, out.how, tail = True, found.group(1), tail[: found.start()]
    found = re.search(rf" ({_HOW})$", tail)
    if found and not lead and not out.replaced_after:
        out.how, tail = found.group(1), tail[: found.start()]
    found = re.search(_NEW_ELEMENT + "$", tail)
    if found and not new_first:
        out.into, tail = found, tail[: found.start()]
    if tail.startswith(" من "):
        out.act = _act(tail[len(" من ") :])
    elif tail.strip():
        raise Refused(f"words after the elements named: «{tail.strip()[:40]}»")
    return out


def _new_element(new: re.Match, eids: list[str]) -> list[Operation]:
    """«... بالبند 6 التالي»: one new element into the one named."""
    if len(eids) != 1:
        raise Refused("an element added to several elements")
    what = new.group("new")
    kind = {"البند": "point", "الفقرة": "paragraph"}.get(what.split()[0], "article")
    num = what if kind == "article" else (what.split(" ", 1)[1] if " " in what else None)
    return [Operation(op="insert", into=eids[0], element=kind, num=num, index=1)]


def _read_act(text: str) -> Reading:
    opening = _opening(text)
    how, effective = opening.how, opening.effective
    lead = how is not None
    rest = opening.rest
    new_first = re.match(_NEW_ELEMENT, rest)
    if new_first:
        rest = rest[new_first.end() :]
    rest = rest.lstrip(" ،")
    provisions = next((w for w in ("أحكام", "مقتضيات") if rest.startswith(w + " ")), None)
    if provisions:
        rest = rest[len(provisions) + 1 :]
    body = rest.rstrip(" .:")
    style = dict(
        opening.style,
        digit_one=bool(re.search(r"(?:المادة|الفصل) 1(?!\d|-)", body)),
        bis_definite=bool(re.search(r"\d ال(?:مكررة|مكرر)\b", body)),
    )
    common = dict(verb=opening.verb, effective=effective, provisions=provisions, **style)
    found = _NEW_ARTICLES.search(body)
    if provisions and found and not _SEGMENT.match(body):
        return _new_articles(text, body, found, how, common)
    eids, word, tail_text = _chain(body)
    tail = _tail(tail_text, opening.verb, lead, new_first)
    if tail.replaced_after:
        common["verb"] = "repeal-replace"
    new = new_first or tail.into
    if new:
        ops = _new_element(new, eids)
        wording = act_instruction(ops, act=tail.act, how=how, article_word=word, new_first=bool(new_first), **common)
        return Reading(text, True, ops, act=tail.act, effective=effective, wording=wording)
    op = ACT_VERB_OPS[common["verb"]]
    if op == "replace" and not how and not tail.how:
        raise Refused("a replacement that does not announce its new text («على النحو التالي» / «كما يلي»)")
    ops = [Operation(op=op, eid=e, index=i) for i, e in enumerate(eids, start=1)]
    wording = act_instruction(
        ops,
        act=tail.act,
        lead=lead,
        how=how or tail.how,
        article_word=word,
        replaced_after=tail.replaced_after,
        **common,
    )
    return Reading(text, True, ops, act=tail.act, effective=effective, wording=wording)


def _act(citation: str) -> str:
    """How the amended text is cited: plain words, no new text (a colon) nor quotes in it."""
    if re.search(r"[:«»\"]", citation):
        raise Refused("the cited text holds a colon or quotes: it runs into new text")
    if re.search(r"\bو[تي]عوض\b|وتحل محلها", citation):
        raise Refused("a repeal that also replaces, in a form lawtool does not write")
    return citation


_QUOTED = r'"([^"]+)"'


def _read_own(text: str) -> Reading | None:
    """lawtool's own forms that the act forms do not cover: substitution of words, insertion
    after or before an element."""
    m = re.match(rf"^تعوض عبارة {_QUOTED} بعبارة {_QUOTED} في (.+?)[.:]?$", text)
    if m:
        eids, _, tail = _chain(m.group(3))
        if tail.strip() or len(eids) != 1:
            raise Refused("a substitution in one element")
        op = Operation(op="substitute", eid=eids[0], find=m.group(1), with_=m.group(2), index=1)
        return Reading(text, True, [op], wording=instruction(op, ActNamer()).text_ar)
    m = re.match(rf"^تحذف عبارة {_QUOTED} من (.+?)[.:]?$", text)
    if m:
        eids, _, tail = _chain(m.group(2))
        if tail.strip() or len(eids) != 1:
            raise Refused("a deletion of words in one element")
        op = Operation(op="substitute", eid=eids[0], find=m.group(1), with_="", index=1)
        return Reading(text, True, [op], wording=instruction(op, ActNamer()).text_ar)
    m = re.match(
        r"^[تي]ضاف (بعد|قبل) (.+?) ((?:مادة|فصل) \S+(?: مكررة| مكرر)?|فقرة جديدة|بند \S+) [تي]حرر كما يلي:?$", text
    )
    if m:
        eids, word, tail = _chain(m.group(2))
        if tail.strip() or len(eids) != 1:
            raise Refused("an element added next to one element")
        side = "after" if m.group(1) == "بعد" else "before"
        new = m.group(3)
        kind = {"فقرة": "paragraph", "بند": "point"}.get(new.split()[0], "article")
        num = None if kind == "paragraph" else (new.split(" ", 1)[1] if kind == "point" else "ال" + new)
        place: dict[str, Any] = {side: eids[0]}
        op = Operation(op="insert", element=kind, num=num, index=1, **place)
        return Reading(text, True, [op], wording=instruction(op, ActNamer(word)).text_ar)
    m = re.match(
        r"^([تي])تمم (.+?) ب(فقرة جديدة|بند \S+|مادة \S+(?: مكررة)?|فصل \S+(?: مكرر)?) [تي]حرر كما يلي:?$", text
    )
    if m:
        eids, word, tail = _chain(m.group(2))
        if tail.strip() or len(eids) != 1:
            raise Refused("an element added to one element")
        new = m.group(3)
        kind = {"فقرة": "paragraph", "بند": "point"}.get(new.split()[0], "article")
        num = None if kind == "paragraph" else (new.split(" ", 1)[1] if kind == "point" else "ال" + new)
        op = Operation(op="insert", into=eids[0], element=kind, num=num, index=1)
        return Reading(text, True, [op], wording=instruction(op, ActNamer(word)).text_ar)
    return None
