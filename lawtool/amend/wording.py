"""The wording of amendment instructions, in Moroccan legislative Arabic and in French.

=============  ===================================================  =====================================================
operation      Arabic                                               French
=============  ===================================================  =====================================================
replace        تغير وتتمم أحكام المادة 12 على النحو التالي:          L'article 12 est modifié et complété comme suit :
(paragraph)    تغير أحكام الفقرة الثانية من المادة 12 على النحو التالي:  Le deuxième alinéa de l'article 12 est ainsi rédigé :
substitute     تعوض عبارة "X" بعبارة "Y" في الفقرة الثانية من المادة 12   Au deuxième alinéa de l'article 12, les mots "X" sont
                                                                    remplacés par les mots "Y"
(no new words) تحذف عبارة "X" من الفقرة الثانية من المادة 12           Au deuxième alinéa de l'article 12, les mots "X" sont supprimés
insert         تضاف بعد المادة 9 مادة 9 مكررة تحرر كما يلي:          Il est inséré après l'article 9 un article 9 bis ainsi rédigé :
(into)         تتمم المادة 12 بفقرة جديدة تحرر كما يلي:             L'article 12 est complété par un alinéa ainsi rédigé :
delete         تحذف المادة 7                                       L'article 7 est abrogé
move           تنقل المادة 3 إلى ما بعد المادة 17 وتصبح المادة 17 مكررة  L'article 3 devient l'article 17 bis et est placé après l'article 17
renumber       تصبح المادة 28 المادة 27                            L'article 28 devient l'article 27
=============  ===================================================  =====================================================

Elements are named as the text names them: the article by its ``<num>`` («المادة الأولى»,
«الفصل 447-1»), a paragraph by its ordinal («الفقرة الثانية», «le deuxième alinéa»), a point by
its number («البند 3», «le 3°»); verbs agree with the noun (تحذف المادة / يحذف الفصل).  Without
the document the names are made from the eIds («art_12-bis» → «المادة 12 مكررة»).

An instruction is a list of *parts* so that the AKN export can mark them up: ``("t", text)``,
``("old", words)`` and ``("new", words)`` (quoted words), ``("ref", label, eId)``, ``("num",
label)`` (a new number) and ``("heading", text)`` (a new heading).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..akn import Document, local_name, text_of
from ..eids import LATIN_SUFFIXES, number_from_num
from ..errors import LawtoolError
from .content import build, head_of, kind_of_eid, parse_fragment
from .model import Amendment, Operation

QUOTE = '"'

# -- ordinals -------------------------------------------------------------------------------------------------

_AR_F = [
    "",
    "الأولى",
    "الثانية",
    "الثالثة",
    "الرابعة",
    "الخامسة",
    "السادسة",
    "السابعة",
    "الثامنة",
    "التاسعة",
    "العاشرة",
]
_AR_M = ["", "الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع", "العاشر"]
_AR_TENS = {
    2: "العشرون",
    3: "الثلاثون",
    4: "الأربعون",
    5: "الخمسون",
    6: "الستون",
    7: "السبعون",
    8: "الثمانون",
    9: "التسعون",
}


def ordinal_ar(n: int, feminine: bool = True) -> str:
    """1 → الأولى (الأول), 11 → الحادية عشرة, 21 → الحادية والعشرون; digits from 100 on."""
    units = _AR_F if feminine else _AR_M
    if 1 <= n <= 10:
        return units[n]
    if 11 <= n <= 19:
        first = ("الحادية" if feminine else "الحادي") if n == 11 else units[n - 10]
        return f"{first} {'عشرة' if feminine else 'عشر'}"
    if 20 <= n <= 99:
        tens, unit = divmod(n, 10)
        if not unit:
            return _AR_TENS[tens]
        first = ("الحادية" if feminine else "الحادي") if unit == 1 else units[unit]
        return f"{first} و{_AR_TENS[tens]}"
    return str(n)


_FR_UNITS = [
    "zéro",
    "un",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "onze",
    "douze",
    "treize",
    "quatorze",
    "quinze",
    "seize",
]
_FR_TENS = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}


def _cardinal_fr(n: int) -> str:
    if n <= 16:
        return _FR_UNITS[n]
    if n < 20:
        return "dix-" + _FR_UNITS[n - 10]
    tens, unit = divmod(n, 10)
    if tens == 7:
        return "soixante et onze" if unit == 1 else "soixante-" + _cardinal_fr(10 + unit)
    if tens == 8:
        return "quatre-vingts" if not unit else "quatre-vingt-" + _FR_UNITS[unit]
    if tens == 9:
        return "quatre-vingt-" + _cardinal_fr(10 + unit)
    if not unit:
        return _FR_TENS[tens]
    return _FR_TENS[tens] + (" et un" if unit == 1 else "-" + _FR_UNITS[unit])


def ordinal_fr(n: int, feminine: bool = False) -> str:
    """1 → premier (première), 2 → deuxième, 21 → vingt et unième, 80 → quatre-vingtième."""
    if n == 1:
        return "première" if feminine else "premier"
    if not 1 <= n <= 99:
        return f"{n}e"
    words = _cardinal_fr(n)
    cut = max(words.rfind(" "), words.rfind("-")) + 1
    head, last = words[:cut], words[cut:]
    if last == "un":
        last = "unième"
    elif last == "cinq":
        last = "cinquième"
    elif last == "neuf":
        last = "neuvième"
    elif last == "vingts":
        last = "vingtième"
    elif last.endswith("e"):
        last = last[:-1] + "ième"
    else:
        last += "ième"
    return head + last


# -- numbers ----------------------------------------------------------------------------------------------------


def _number_parts(number: str) -> tuple[str, int]:
    """'12-bis' → ('12', 1); '447-1' → ('447-1', 0)."""
    parts = number.split("-")
    if len(parts) > 1 and parts[-1] in LATIN_SUFFIXES:
        return "-".join(parts[:-1]), LATIN_SUFFIXES.index(parts[-1]) + 1
    return number, 0


def number_ar(number: str, feminine: bool = True) -> str:
    """eId number → how Arabic writes it: '1' → الأولى, '12-bis' → 12 مكررة, '12-ter' → 12 مكررة مرتين."""
    base, suffix = _number_parts(number)
    if base == "1" and not suffix:
        return ordinal_ar(1, feminine)
    if not suffix:
        return base
    word = "مكررة" if feminine else "مكرر"
    times = {1: "", 2: " مرتين", 3: " ثلاث مرات", 4: " أربع مرات", 5: " خمس مرات"}.get(suffix, f" {suffix}")
    return f"{base} {word}{times}"


def number_fr(number: str, *, point: bool = False) -> str:
    """'1' → 1er, '12-bis' → 12 bis, '447-1' → 447-1; for a point: '3' → 3°, '3-bis' → 3° bis."""
    base, suffix = _number_parts(number)
    if point:
        shown = f"{base}°" if base[:1].isdigit() else f"{base})"
        return shown + (f" {LATIN_SUFFIXES[suffix - 1]}" if suffix else "")
    if base == "1" and not suffix:
        return "1er"
    return base + (f" {LATIN_SUFFIXES[suffix - 1]}" if suffix else "")


# -- names of elements ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Name:
    ar: str
    fr: str
    feminine_ar: bool
    feminine_fr: bool


_AR_KIND = {
    "article": ("المادة", True),
    "chapter": ("الباب", False),
    "section": ("الفرع", False),
    "part": ("الجزء", False),
    "book": ("الكتاب", False),
    "title": ("القسم", False),
    "subsection": ("الفرع", False),
    "point": ("البند", False),
    "paragraph": ("الفقرة", True),
}
_FR_KIND = {
    "article": ("article", False),
    "chapter": ("chapitre", False),
    "section": ("section", True),
    "part": ("partie", True),
    "book": ("livre", False),
    "title": ("titre", False),
    "subsection": ("sous-section", True),
    "point": ("point", False),
    "paragraph": ("alinéa", False),
}


def _fr_def(noun: str, feminine: bool) -> str:
    return f"l'{noun}" if noun[0] in "aeiouéèêh" else (f"la {noun}" if feminine else f"le {noun}")


def _clean_label(text: str) -> str:
    return text.strip().rstrip(".-–: ").strip()


class Namer:
    """Names of elements, read from the document when there is one."""

    def __init__(self, document: Document | None = None):
        self.index = document.eid_index() if document is not None else {}

    def _label(self, eid: str) -> str | None:
        el = self.index.get(eid)
        if el is None:
            return None
        num = el.find("{*}num")
        return _clean_label(text_of(num)) if num is not None and text_of(num) else None

    def component(self, eid: str) -> Name | None:
        """The name of the element ``eid`` on its own (no parents), or None for a wrapper (mod, qstr)."""
        last = eid.rsplit("__", 1)[-1]
        kind = kind_of_eid(eid)
        number = last.split("_", 1)[1] if "_" in last else ""
        label = self._label(eid)
        if kind in ("mod", "quotedStructure"):
            return None
        if kind == "paragraph":
            n = int(number) if number.isdigit() else 0
            return Name(
                f"الفقرة {ordinal_ar(n)}" if n else "الفقرة",
                f"le {ordinal_fr(n)} alinéa" if n else "l'alinéa",
                True,
                False,
            )
        if kind == "intro":
            return Name("المقطع التمهيدي", "le chapeau", False, False)
        if kind == "wrapUp":
            return Name("المقطع الختامي", "la phrase finale", False, True)
        if kind == "point":
            shown = label or number
            try:
                fr = "le " + number_fr(number_from_num(shown), point=True)
            except LawtoolError:
                fr = f"le {shown})"
            plain = shown[:1].isdigit() or not label
            return Name(f"البند {shown}" if plain else f"البند ({shown})", fr, False, False)
        if kind in _AR_KIND:
            word, fem = _AR_KIND[kind]
            if label:
                ar = label
                fem = label.split()[0].endswith("ة")
            else:
                ar = f"{word} {number_ar(number, fem)}"
            noun, fem_fr = _FR_KIND[kind]
            try:
                shown = number_fr(number_from_num(label)) if label else number_fr(number)
            except LawtoolError:
                shown = number_fr(number)
            return Name(ar, f"{_fr_def(noun, fem_fr)} {shown}", fem, fem_fr)
        return Name(f"العنصر {eid}", f"l'élément {eid}", False, False)

    def name(self, eid: str) -> Name:
        """«الفقرة الثانية من المادة 12» / «le deuxième alinéa de l'article 12»."""
        parts = eid.split("__")
        names = []
        quoted_in = None
        for i in range(len(parts), 0, -1):
            sub = "__".join(parts[:i])
            if kind_of_eid(sub) == "quotedStructure":
                quoted_in = "__".join(parts[: i - 2]) if i > 2 else None
                break
            found = self.component(sub)
            if found is not None:
                names.append(found)
        if not names:
            return Name(f"العنصر {eid}", f"l'élément {eid}", False, False)
        ar = " من ".join(n.ar for n in names)
        fr = names[0].fr + "".join(" " + _de(n.fr) for n in names[1:])
        if quoted_in:
            outer = self.name(quoted_in)
            ar += f" كما وردت في {outer.ar}"
            fr += f" cité {_a(outer.fr)}"
        return Name(ar, fr, names[0].feminine_ar, names[0].feminine_fr)


def _de(phrase: str) -> str:
    if phrase.startswith("le "):
        return "du " + phrase[3:]
    if phrase.startswith("les "):
        return "des " + phrase[4:]
    return "de " + phrase


def _a(phrase: str) -> str:
    if phrase.startswith("le "):
        return "au " + phrase[3:]
    if phrase.startswith("les "):
        return "aux " + phrase[4:]
    return "à " + phrase


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


# -- instructions ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Instruction:
    """The wording of one operation; ``lines`` is the new text it introduces (replace, insert)."""

    index: int
    ar: tuple
    fr: tuple
    lines: tuple[str, ...] = ()

    @staticmethod
    def plain(parts) -> str:
        out = []
        for part in parts:
            if part[0] == "t":
                out.append(part[1])
            elif part[0] in ("old", "new", "heading"):
                out.append(f"{QUOTE}{part[1]}{QUOTE}")
            else:
                out.append(part[1])
        return "".join(out)

    @property
    def text_ar(self) -> str:
        return self.plain(self.ar)

    @property
    def text_fr(self) -> str:
        return self.plain(self.fr)


def _new_name(op: Operation, namer: Namer) -> tuple[str, str, bool, bool, str]:
    """For an inserted element: (Arabic indefinite, French indefinite, Arabic feminine, French
    feminine, Arabic definite)."""
    kind = op.kind
    num = op.num
    if op.body and "xml" in op.body:
        num = head_of(parse_fragment(op.body["xml"]))[0]
    if kind == "paragraph":
        return "فقرة جديدة", "un alinéa", True, False, "الفقرة الجديدة"
    if kind == "point":
        shown = _clean_label(num or "")
        try:
            fr = "un " + number_fr(number_from_num(shown), point=True)
        except LawtoolError:
            fr = f"un {shown})"
        return f"بند {shown}".strip(), fr, False, False, f"البند {shown}".strip()
    word, fem = _AR_KIND.get(kind, ("عنصر", False))
    noun, fem_fr = _FR_KIND.get(kind, (kind, False))
    if num:
        label = _clean_label(num)
        first = label.split()[0]
        fem = first.endswith("ة")
        indefinite = (first[2:] if first.startswith("ال") else first) + label[len(first) :]
        try:
            shown = number_fr(number_from_num(label))
        except LawtoolError:
            shown = label
        return indefinite, f"{'une' if fem_fr else 'un'} {noun} {shown}", fem, fem_fr, label
    bare = word[2:] if word.startswith("ال") else word
    return f"{bare} جديد{'ة' if fem else ''}", f"{'une' if fem_fr else 'un'} {noun}", fem, fem_fr, word


def _new_label(op: Operation, el_kind: str) -> tuple[tuple, str]:
    """The Arabic parts and the French name of a new number (renumber, move or replace with num):
    the ``num`` part holds ``op.num`` exactly (the AKN import reads it back)."""
    label = _clean_label(op.required("num"))
    try:
        number = number_from_num(label)
    except LawtoolError:
        number = label
    if el_kind == "point":
        return (("t", "البند "), ("num", op.num)), "le " + number_fr(number, point=True)
    noun, fem_fr = _FR_KIND.get(el_kind, (el_kind, False))
    return (("num", op.num),), f"{_fr_def(noun, fem_fr)} {number_fr(number)}"


def _v(feminine: bool, verb: str) -> str:
    """Third person present passive: ت for feminine, ي for masculine («تحذف المادة», «يحذف الفصل»)."""
    return ("ت" if feminine else "ي") + verb


def _e(feminine: bool) -> str:
    return "e" if feminine else ""


def _ref(op: Operation, target: Name) -> tuple:
    return ("ref", target.ar, op.eid)


def _head_words(op: Operation, target: Name, lines: tuple[str, ...]) -> Instruction:
    """A replacement of the number and/or heading only («يغير عنوان ... على النحو التالي:»)."""
    what = "عنوان" if op.heading is not None and op.num is None else "رقم"
    if op.heading is not None and op.num is not None:
        what = "رقم وعنوان"
    values: tuple = ()
    if op.num is not None:
        values += (("t", " "), ("num", op.num))
    if op.heading is not None:
        values += (("t", " "), ("heading", op.heading))
    ar = (("t", f"يغير {what} "), _ref(op, target), ("t", " على النحو التالي:"), *values)
    fr_what = "L'intitulé" if op.num is None else "Le numéro et l'intitulé" if op.heading is not None else "Le numéro"
    verb_fr = "sont ainsi rédigés" if "et" in fr_what else "est ainsi rédigé"
    return Instruction(op.index, ar, (("t", f"{fr_what} {_de(target.fr)} {verb_fr} :"),), lines)


def _replace_words(op: Operation, namer: Namer, target: Name, lines: tuple[str, ...]) -> Instruction:
    kind = kind_of_eid(op.required("eid"))
    if not op.body:
        return _head_words(op, target, lines)
    fem = target.feminine_fr
    renumbered: tuple = ()
    fr_renumbered = ""
    if op.num is not None:
        new_ar, new_fr = _new_label(op, kind)
        renumbered = (("t", f" و{_v(target.feminine_ar, 'صبح')} "), *new_ar)
        fr_renumbered = f" devient {new_fr} et"
    if kind == "article":
        ar = (("t", "تغير وتتمم أحكام "), _ref(op, target), *renumbered, ("t", " على النحو التالي:"))
        fr = (("t", f"{_cap(target.fr)}{fr_renumbered} est modifié{_e(fem)} et complété{_e(fem)} comme suit :"),)
    else:
        ar = (("t", "تغير أحكام "), _ref(op, target), *renumbered, ("t", " على النحو التالي:"))
        fr = (("t", f"{_cap(target.fr)}{fr_renumbered} est ainsi rédigé{_e(fem)} :"),)
    return Instruction(op.index, ar, fr, lines)


def _substitute_words(op: Operation, namer: Namer, target: Name, lines: tuple[str, ...]) -> Instruction:
    if op.occurrence:
        ar_occ = f"، في ورودها {ordinal_ar(op.occurrence, feminine=False)}،"
        fr_occ = f", à la {ordinal_fr(op.occurrence, feminine=True)} occurrence,"
    else:
        ar_occ, fr_occ = "", ","
    ar: tuple[tuple, ...]
    fr: tuple[tuple, ...]
    old = ("old", op.required("find"))
    fr_start = ("t", f"{_cap(_a(target.fr))}{fr_occ} les mots ")
    if op.with_:
        new = ("new", op.with_)
        ar = (("t", "تعوض عبارة "), old, ("t", f"{ar_occ} بعبارة "), new, ("t", " في "), _ref(op, target))
        fr = (fr_start, old, ("t", " sont remplacés par les mots "), new)
    else:
        ar = (("t", "تحذف عبارة "), old, ("t", f"{ar_occ} من "), _ref(op, target))
        fr = (fr_start, old, ("t", " sont supprimés"))
    return Instruction(op.index, ar, fr, lines)


def _delete_words(op: Operation, namer: Namer, target: Name, lines: tuple[str, ...]) -> Instruction:
    fr_verb = "abrogé" if kind_of_eid(op.required("eid")) == "article" else "supprimé"
    return Instruction(
        op.index,
        (("t", _v(target.feminine_ar, "حذف") + " "), _ref(op, target)),
        (("t", f"{_cap(target.fr)} est {fr_verb}{_e(target.feminine_fr)}"),),
    )


def _renumber_words(op: Operation, namer: Namer, target: Name, lines: tuple[str, ...]) -> Instruction:
    new_ar, new_fr = _new_label(op, kind_of_eid(op.required("eid")))
    return Instruction(
        op.index,
        (("t", _v(target.feminine_ar, "صبح") + " "), _ref(op, target), ("t", " "), *new_ar),
        (("t", f"{_cap(target.fr)} devient {new_fr}"),),
    )


_AR_MOVED_TO = {"after": "إلى ما بعد ", "before": "إلى ما قبل ", "into": "إلى آخر "}


def _move_words(op: Operation, namer: Namer, target: Name, lines: tuple[str, ...]) -> Instruction:
    side, where = op.placed
    place = namer.name(where)
    fr_side = {"after": "après " + place.fr, "before": "avant " + place.fr, "into": "à la fin " + _de(place.fr)}[side]
    moved = [("t", _v(target.feminine_ar, "نقل") + " "), _ref(op, target), ("t", " " + _AR_MOVED_TO[side])]
    moved.append(("ref", place.ar, where))
    if op.num is not None:
        new_ar, new_fr = _new_label(op, kind_of_eid(op.required("eid")))
        moved += [("t", f" و{_v(target.feminine_ar, 'صبح')} "), *new_ar]
        moved_fr = f"{_cap(target.fr)} devient {new_fr} et est placé{_e(target.feminine_fr)} {fr_side}"
    else:
        moved_fr = f"{_cap(target.fr)} est déplacé{_e(target.feminine_fr)} {fr_side}"
    return Instruction(op.index, tuple(moved), (("t", moved_fr),))


def _insert_words(op: Operation, namer: Namer, target: Name | None, lines: tuple[str, ...]) -> Instruction:
    side, where = op.placed
    place = namer.name(where)
    place_ref = ("ref", place.ar, where)
    indefinite, fr_new, fem, fem_fr, _ = _new_name(op, namer)
    if side == "into":
        ar = (("t", _v(place.feminine_ar, "تمم") + " "), place_ref, ("t", f" ب{indefinite} {_v(fem, 'حرر')} كما يلي:"))
        fr = (("t", f"{_cap(place.fr)} est complété{_e(place.feminine_fr)} par {fr_new} ainsi rédigé{_e(fem_fr)} :"),)
    else:
        ar_side = "بعد" if side == "after" else "قبل"
        ar = (("t", f"{_v(fem, 'ضاف')} {ar_side} "), place_ref, ("t", f" {indefinite} {_v(fem, 'حرر')} كما يلي:"))
        fr_side = "après" if side == "after" else "avant"
        fr = (("t", f"Il est inséré {fr_side} {place.fr} {fr_new} ainsi rédigé{_e(fem_fr)} :"),)
    return Instruction(op.index, ar, fr, lines)


_WORDING: dict[str, Callable[..., Instruction]] = {
    "replace": _replace_words,
    "substitute": _substitute_words,
    "delete": _delete_words,
    "renumber": _renumber_words,
    "move": _move_words,
    "insert": _insert_words,
}


def instruction(op: Operation, namer: Namer) -> Instruction:
    """The Arabic and French wording of one operation (one writer per kind of operation)."""
    target = namer.name(op.eid) if op.eid else None
    lines = new_lines(op) if op.op in ("replace", "insert") else ()
    return _WORDING[op.op](op, namer, target, lines)


def _head_lines(el) -> list[str]:
    """The element's own num and heading (a point's num is written before its text instead)."""
    own = [c for c in el if isinstance(c.tag, str) and local_name(c) in ("num", "heading")]
    is_point = local_name(el) in ("point", "item")
    return [text_of(c) for c in own if not (is_point and local_name(c) == "num")]


def _point_prefix(p) -> str:
    """«3- » before the first <p> of a point, nothing before the others."""
    point = next((a for a in p.iterancestors() if local_name(a) in ("point", "item")), None)
    if point is None or p is not next(point.iter("{*}p"), None):
        return ""
    num = point.find("{*}num")
    return f"{text_of(num)}- " if num is not None else ""


def new_lines(op: Operation) -> tuple[str, ...]:
    """The new text an operation writes, as lines (num and heading first; points as «1- ...»)."""
    if not op.body:
        return tuple(x for x in (op.num, op.heading) if x)
    kind = local_name(build(op.kind, op.body, num=op.num, heading=op.heading))
    el = build(kind, op.body, num=op.num, heading=op.heading)
    paragraphs = [node for node in el.iter() if isinstance(node.tag, str) and local_name(node) == "p"]
    return (*_head_lines(el), *(_point_prefix(p) + text_of(p) for p in paragraphs))


def instructions(
    amendment: Amendment, document: Document | None = None, *, namer: Namer | None = None
) -> list[Instruction]:
    """The wording of every operation of ``amendment`` (names read from ``document``, the bill,
    when given).  For many amendments of one bill, pass one ``Namer(bill)`` as ``namer``: it
    indexes the bill once."""
    namer = namer or Namer(document)
    return [instruction(op, namer) for op in amendment.operations]


def wording_comments(amendment: Amendment, document: Document | None = None) -> dict[int, list[str]]:
    """Comment lines per operation for the YAML: the Arabic and the French instruction."""
    return {i.index: [i.text_ar, i.text_fr] for i in instructions(amendment, document)}


# -- the wording of amending laws ---------------------------------------------------------------------------------
#
# Moroccan amending laws group the operations on one text in one instruction and name that text:
#   تغير وتتمم على النحو التالي أحكام الفصول 404 و 431 و 446 من مجموعة القانون الجنائي ...:
#   تتمم على النحو التالي أحكام مجموعة القانون الجنائي ... بالفصول 88-1 و 88-2:
#   ينسخ البند 8 من الفصل 2 من الظهير الشريف رقم ...
# ``act_instruction`` writes these forms from operations and a few choices (the verb, where «على
# النحو التالي» stands, whether «أحكام» is written); lawtool.amend.prose reads them back and accepts
# a reading only when this wording gives the instruction again.

ACT_VERBS = {  # verb key → (feminine, masculine)
    "change-complete": ("تغير وتتمم", "يغير ويتمم"),
    "change": ("تغير", "يغير"),
    "complete": ("تتمم", "يتمم"),
    "repeal-replace": ("تنسخ وتعوض", "ينسخ ويعوض"),
    "repeal": ("تنسخ", "ينسخ"),
    "delete": ("تحذف", "يحذف"),
}
ACT_VERB_OPS = {
    "change-complete": "replace",
    "change": "replace",
    "complete": "replace",
    "repeal-replace": "replace",
    "repeal": "delete",
    "delete": "delete",
}
_PLURAL = {
    "المادة": ("المادتين", "المواد"),
    "الفصل": ("الفصلين", "الفصول"),
    "الفقرة": ("الفقرتين", "الفقرات"),
    "البند": ("البندين", "البنود"),
}
_FEMININE_NOUNS = ("المادة", "الفقرة")


class ActNamer(Namer):
    """Names without the document, with the article noun of the amended text (المادة or الفصل);
    ``digit_one`` writes «المادة 1» (not «المادة الأولى»), ``bis_definite`` «المادة 16 المكررة»."""

    def __init__(self, article_word: str = "المادة", *, digit_one: bool = False, bis_definite: bool = False):
        super().__init__(None)
        self.article_word = article_word
        self.digit_one = digit_one
        self.bis_definite = bis_definite

    def component(self, eid: str) -> Name | None:
        found = super().component(eid)
        if found is None or kind_of_eid(eid) != "article":
            return found
        number = eid.rsplit("__", 1)[-1].split("_", 1)[1]
        fem = self.article_word in _FEMININE_NOUNS
        shown = number_ar(number, fem)
        if self.digit_one and number == "1":
            shown = "1"
        if self.bis_definite and shown.endswith(("مكررة", "مكرر")):
            base, word = shown.rsplit(" ", 1)
            shown = f"{base} ال{word}"
        return Name(f"{self.article_word} {shown}", found.fr, fem, found.feminine_fr)


def _names_list(names: list[str]) -> str:
    """«الفصلين 61 و 407», «الفصول 404 و 431 و 446»: one noun, the numbers joined by «و»."""
    if len(names) == 1:
        return names[0]
    noun = names[0].split()[0]
    if any(n.split()[0] != noun for n in names) or noun not in _PLURAL:
        return " و".join(names)
    numbers = [n[len(noun) :].strip() for n in names]
    plural = _PLURAL[noun][0 if len(names) == 2 else 1]
    return f"{plural} " + " و ".join(numbers)


@dataclass
class _ActForm:
    """The parts of an amending law's instruction that do not depend on the operations."""

    verb: str
    article_word: str
    act: str | None
    provisions: str | None
    when: str  # «، ابتداء من ...،»
    how_part: str  # « على النحو التالي»
    opening: str  # the two above, in the order chosen
    words: str  # «أحكام »
    cited: str  # « من <act>»
    new_first: bool
    lead: bool
    replaced_after: bool

    def head(self, feminine: bool, verb: str | None = None) -> str:
        return ACT_VERBS[verb or self.verb][0 if feminine else 1]


def _new_articles(operations: list[Operation], form: _ActForm) -> str:
    """«تتمم على النحو التالي أحكام <act> بالفصول 88-1 و 88-2:»"""
    if not form.act or not form.provisions:
        raise ValueError("new articles complete the provisions of a named act")
    nums = [_clean_label(op.required("num")) for op in operations]
    names = [f"{form.article_word} {n.split(' ', 1)[1] if ' ' in n else n}" for n in nums]
    # «أحكام» (feminine plural) is the subject
    return f"{form.head(True)}{form.opening} {form.words}{form.act} ب{_names_list(names)}:"


def _new_element(op: Operation, namer: Namer, form: _ActForm) -> str:
    """«تتمم على النحو التالي أحكام الفصل 2 من <act> بالبند 6 التالي:»"""
    target = namer.name(op.required("into"))
    new = f"{_AR_KIND.get(op.kind, ('العنصر', False))[0]}{(' ' + _clean_label(op.num)) if op.num else ''}"
    adjective = "التالي" if not _AR_KIND.get(op.kind, ("", False))[1] else "التالية"
    head = form.head(True if form.provisions else target.feminine_ar)
    subject = f"{form.words}{target.ar}{form.cited}"
    if form.new_first:
        return f"{head}{form.opening} ب{new} {adjective} {subject}:"
    return f"{head}{form.opening} {subject} ب{new} {adjective}:"


def _named_provisions(operations: list[Operation], namer: Namer, form: _ActForm) -> str:
    """Replacements or deletions of named provisions («تغير وتتمم ... أحكام الفصول 404 و 431 ...:»)."""
    named = [namer.name(op.required("eid")) for op in operations]
    targets = _names_list([n.ar for n in named])
    fem = True if form.provisions else (named[0].feminine_ar if len(named) == 1 else True)
    head = form.head(fem)
    subject = f"{form.words}{targets}{form.cited}"
    if form.replaced_after:  # «تنسخ أحكام الفصل 6 من ... وتعوض على النحو التالي:»
        return f"{form.head(fem, 'repeal')}{form.when} {subject} و{'ت' if fem else 'ي'}عوض{form.how_part}:"
    if ACT_VERB_OPS[form.verb] == "delete":
        return f"{head}{form.opening} {subject}."
    if form.lead:
        return f"{head}{form.opening} {subject}:"
    return f"{head}{form.when} {subject}{form.how_part}:"


def act_instruction(
    operations: list[Operation],
    *,
    verb: str,
    act: str | None = None,
    effective: str | None = None,
    lead: bool = True,
    provisions: str | None = "أحكام",
    how: str | None = "على النحو التالي",
    article_word: str = "المادة",
    new_first: bool = False,
    effective_after_how: bool = False,
    comma_after_how: bool = False,
    digit_one: bool = False,
    bis_definite: bool = False,
    replaced_after: bool = False,
) -> str:
    """The Arabic instruction of an amending law for ``operations`` on one text (``act``: how the
    text is cited, None for the text itself).  Replacements and deletions name their targets
    («أحكام الفصول 404 و 431»); insertions of articles complete the act («بالفصول 88-1 و 88-2»);
    the insertion of one element into another names it («بالبند 6 التالي»).  The other arguments
    are the variants of the form found in Moroccan laws: where «على النحو التالي» (``how``) and the
    date of effect stand, «أحكام» or «مقتضيات» (``provisions``) or neither, «المادة 1» for the first
    article, «المكررة», and «تنسخ أحكام ... وتعوض على النحو التالي» (``replaced_after``)."""
    namer = ActNamer(article_word, digit_one=digit_one, bis_definite=bis_definite)
    when = f"، ابتداء من {effective}،" if effective else ""
    how_part = f" {how}{'،' if comma_after_how else ''}" if how else ""
    form = _ActForm(
        verb=verb,
        article_word=article_word,
        act=act,
        provisions=provisions,
        when=when,
        how_part=how_part,
        opening=(how_part + when) if effective_after_how else (when + how_part),
        words=f"{provisions} " if provisions else "",
        cited=f" من {act}" if act else "",
        new_first=new_first,
        lead=lead,
        replaced_after=replaced_after,
    )
    kinds = {op.op for op in operations}
    if kinds == {"insert"}:
        if all(op.into == "body" for op in operations):  # new articles of the act
            return _new_articles(operations, form)
        if len(operations) == 1 and operations[0].into:
            return _new_element(operations[0], namer, form)
        raise ValueError("insertions other than new articles or one new element are written one by one")
    if len(kinds) != 1 or ACT_VERB_OPS[verb] not in kinds:
        raise ValueError(f"the verb {verb} does not say {', '.join(sorted(kinds))}")
    return _named_provisions(operations, namer, form)
