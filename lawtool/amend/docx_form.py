"""Amendments in Word: the form staff fill in (``template``) and the reading of a filled form
(``read_form``) into lawtool's amendments.

The form is one right-to-left table, one row per amendment (or per operation: rows with the
same amendment number make one amendment), with these columns:

==============  ======================================  =========================================
column          Arabic header                           what the importer reads
==============  ======================================  =========================================
number          رقم التعديل                              rows with one number form one amendment
target          المرجع                                   «المادة 17، الفقرة 1», «الفصل 447-1»,
                                                        «article 17, alinéa 2», or an eId
kind            نوع التعديل                              تعديل (modification) / حذف (suppression)
                                                        / إضافة (ajout: after the target)
current         النص الحالي                              empty or the target's whole text: the
                                                        whole text is replaced; some of its words:
                                                        only those words are replaced (or deleted)
proposed        النص المقترح                             the new text (one paragraph per line)
justification   التعليل
proposer        مقدم التعديل
cosignatories   الموقعون                                 one per line (or separated by «،» / «;»)
status          الحالة (optional)                        مقترح، مقبول، مرفوض، مسحوب، ساقط
==============  ======================================  =========================================

The template lists every text block of the bill (paragraph, point, introduction) with its target
and current text; the rows left without kind and proposed text are ignored, and so are blank
rows.  Headers may be in Arabic or in French, in any order; merged cells are read once.  Every
bad row is reported (row number as Word counts them, the header being row 1, what is wrong,
what to do) and then nothing is made.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field

from ..akn import Document, local_name, read_bytes, text_of
from ..diff.docx import fill_cell, finish, new_document, paragraph, rtl_table
from ..eids import number_from_num
from ..errors import AmendmentError, LawtoolError
from .model import Amendment, parse_amendment
from .resolve import Resolver
from .wording import new_lines, ordinal_ar, ordinal_fr

COLUMNS = ("number", "target", "kind", "current", "proposed", "justification", "proposer", "cosignatories", "status")
HEADERS_AR = {
    "number": "رقم التعديل",
    "target": "المرجع",
    "kind": "نوع التعديل",
    "current": "النص الحالي",
    "proposed": "النص المقترح",
    "justification": "التعليل",
    "proposer": "مقدم التعديل",
    "cosignatories": "الموقعون",
    "status": "الحالة",
}
# every header accepted, normalised (see _norm): Arabic and French, with the usual variants
_HEADER_WORDS = {
    "number": ["رقم التعديل", "رقم", "ر.ت", "n°", "no", "numéro", "numero", "n° de l'amendement", "amendement n°"],
    "target": [
        "المرجع",
        "المادة",
        "المادة المعنية",
        "موضوع التعديل",
        "الهدف",
        "النص المعني",
        "cible",
        "article",
        "référence",
        "reference",
        "disposition",
        "article visé",
        "target",
    ],
    "kind": ["نوع التعديل", "النوع", "طبيعة التعديل", "type", "nature", "type d'amendement", "kind"],
    "current": [
        "النص الحالي",
        "النص الأصلي",
        "نص المشروع",
        "النص كما ورد في المقترح",
        "النص الاصلي",
        "texte actuel",
        "texte initial",
        "texte en vigueur",
        "rédaction actuelle",
        "current text",
    ],
    "proposed": [
        "النص المقترح",
        "التعديل المقترح",
        "الصيغة المقترحة",
        "الصياغة المقترحة",
        "texte proposé",
        "rédaction proposée",
        "nouvelle rédaction",
        "proposed text",
    ],
    "justification": ["التعليل", "المبررات", "التبرير", "الأسباب", "exposé des motifs", "motifs", "justification"],
    "proposer": [
        "مقدم التعديل",
        "الجهة المقدمة",
        "صاحب التعديل",
        "المقترح",
        "auteur",
        "auteurs",
        "déposé par",
        "proposer",
    ],
    "cosignatories": ["الموقعون", "الموقعين", "الموقعون الآخرون", "cosignataires", "co-signataires", "cosignatories"],
    "status": ["الحالة", "مآل التعديل", "المآل", "statut", "sort", "status"],
}
REQUIRED = ("target", "kind", "proposed", "proposer")
KIND_AR = {"replace": "تعديل", "delete": "حذف", "insert": "إضافة"}
_KIND_WORDS = {
    "replace": [
        "تعديل",
        "تغيير",
        "تعويض",
        "تغيير وتتميم",
        "modification",
        "modifier",
        "remplacement",
        "remplacer",
        "substitution",
        "replace",
        "substitute",
    ],
    "delete": ["حذف", "نسخ", "suppression", "supprimer", "abrogation", "delete"],
    "insert": [
        "إضافة",
        "اضافة",
        "إضافة بعد",
        "إدراج",
        "ادراج",
        "تتميم",
        "ajout",
        "ajouter",
        "insertion",
        "insérer",
        "inserer",
        "insert",
        "addition",
    ],
    "insert-before": ["إضافة قبل", "اضافة قبل", "ajout avant", "insérer avant"],
}
STATUS_WORDS = {
    "proposed": ["مقترح", "proposé", "propose", "proposed", "déposé"],
    "adopted": ["مقبول", "قبل", "adopté", "adopte", "adopted"],
    "rejected": ["مرفوض", "رفض", "rejeté", "rejete", "rejected"],
    "withdrawn": ["مسحوب", "سحب", "retiré", "retire", "withdrawn"],
    "fallen": ["ساقط", "سقط", "tombé", "tombe", "fallen"],
}
NOTE_AR = (
    "املأ صفا لكل تعديل: نوع التعديل (تعديل، حذف، إضافة) والنص المقترح ومقدم التعديل. "
    "لتعويض عبارات فقط، اترك في خانة «النص الحالي» العبارات المعنية وحدها؛ لتعديل النص كله اتركه كاملا. "
    "الإضافة تكون بعد المرجع؛ المادة الجديدة يكتب رقمها في السطر الأول من النص المقترح (المادة 17 مكررة)، "
    "والبند الجديد يبدأ برقمه (5- ...). الصفوف التي لا نوع لها ولا نص مقترح تهمل. "
    "الصفوف التي تحمل رقم التعديل نفسه تكون تعديلا واحدا."
)


def _norm(text: str) -> str:
    """Header and keyword comparison: case, diacritics (tashkeel, accents), hamza forms,
    punctuation and spaces do not count."""
    text = unicodedata.normalize("NFKD", text or "").lower()
    text = "".join(c for c in text if not unicodedata.combining(c) and not "\u064b" <= c <= "\u0652")
    text = text.translate(str.maketrans("أإآىة", "ااايه"))
    text = re.sub(r"[\s:：.،,؛;()«»\"'’\-–_/]+", " ", text)
    return text.strip()


_HEADER_INDEX = {_norm(w): key for key, words in _HEADER_WORDS.items() for w in words}
_KIND_INDEX = {_norm(w): key for key, words in _KIND_WORDS.items() for w in words}
_STATUS_INDEX = {_norm(w): key for key, words in STATUS_WORDS.items() for w in words}


# -- the bill's text blocks -----------------------------------------------------------------------------------


@dataclass
class Block:
    eid: str
    label: str
    text: str


def _para_number(eid: str) -> str:
    last = [p for p in eid.split("__") if p.startswith("para_")]
    return last[-1].split("_", 1)[1] if last else ""


_BLOCK_KINDS = ("paragraph", "intro", "point", "wrapUp")


_BLOCK_PART = {"intro": "المقطع التمهيدي", "wrapUp": "المقطع الختامي"}


def _is_block(el) -> bool:
    """A text block of an article: a paragraph with its own content (a paragraph with a list has
    its intro, points and wrap-up as blocks), an introduction, a point or closing words."""
    if not isinstance(el.tag, str) or not el.get("eId"):
        return False
    kind = local_name(el)
    if kind == "paragraph":
        return el.find("{*}content") is not None
    return kind in _BLOCK_KINDS


def _block_label(art_label: str, eid: str, kind: str) -> str:
    parts = [art_label]
    para = _para_number(eid)
    if para:
        parts.append(f"الفقرة {para}")
    parts.extend(f"البند {p.split('_', 1)[1]}" for p in eid.split("__") if p.startswith("point_"))
    if kind in _BLOCK_PART:
        parts.append(_BLOCK_PART[kind])
    return "، ".join(parts)


def _block_text(el, kind: str) -> str:
    content = el.find("{*}content")
    text = text_of(content if content is not None else el)
    if kind == "point":
        own = el.find("{*}num")
        if own is not None and text.startswith(text_of(own)):
            text = text[len(text_of(own)) :]
    return " ".join(text.split())


def blocks(bill: Document) -> list[Block]:
    """The text blocks of the bill in order: each paragraph, or its introduction, points and
    closing words; with the label a person writes («المادة 17، الفقرة 1، البند 3»)."""
    out: list[Block] = []
    for article in bill.articles():
        num = article.find("{*}num")
        art_label = text_of(num).strip().rstrip(".-–: ") if num is not None else article.get("eId")
        for el in article.iter():
            if el is not article and _is_block(el):
                kind = local_name(el)
                out.append(Block(el.get("eId"), _block_label(art_label, el.get("eId"), kind), _block_text(el, kind)))
    return out


# -- the template ---------------------------------------------------------------------------------------------


def template(bill: Document, *, date: str | None = None, amendments: list | None = None) -> bytes:
    """The form for ``bill`` as DOCX bytes (deterministic): one row per text block of the bill,
    or, with ``amendments``, one row per operation of each (the amendment's id in the number
    column), to be edited and read back."""
    title = bill.title or ""
    document = new_document(f"استمارة التعديلات — {title}")
    paragraph(document, text=f"النص المعدل: {bill.frbr_expression}")
    if bill.notice:
        paragraph(document, text=bill.notice)
    paragraph(document, text=NOTE_AR)
    if amendments:
        rows = [row for a in amendments for row in amendment_rows(a, bill)]
    else:
        rows = [{"target": b.label, "current": b.text} for b in blocks(bill)]
    columns = COLUMNS
    table = rtl_table(document, len(rows) + 1, len(columns))
    for cell, key in zip(table.rows[0].cells, columns, strict=False):
        fill_cell(cell, [], HEADERS_AR[key])
    for row, values in zip(table.rows[1:], rows, strict=False):
        for cell, key in zip(row.cells, columns, strict=False):
            if values.get(key):
                fill_cell(cell, [], values[key])
    return finish(document, date or bill.expression_date)


def label_of(eid: str, bill: Document) -> str:
    """How a person names the element ``eid``: «المادة 17، الفقرة 1، البند 3»."""
    parts = eid.split("__")
    article = bill.by_eid(parts[0])
    num = article.find("{*}num") if article is not None else None
    out = [text_of(num).strip().rstrip(".-–: ") if num is not None else parts[0]]
    for part in parts[1:]:
        kind, _, number = part.partition("_")
        if kind == "para":
            out.append(f"الفقرة {number}")
        elif kind == "point":
            out.append(f"البند {number}")
        elif kind == "intro":
            out.append("المقطع التمهيدي")
        elif kind == "wrapup":
            out.append("المقطع الختامي")
        else:
            raise LawtoolError(f"the form cannot name {eid}", hint="keep this amendment in YAML")
    return "، ".join(out)


class _CannotHold(Exception):
    """An operation the form has no row for (the message says what it is)."""


def _substitution_cells(op, bill: Document, texts: dict[str, str]) -> dict:
    if op.occurrence:
        raise _CannotHold("a substitution of the n-th occurrence of words")
    return {
        "target": label_of(op.eid, bill),
        "kind": KIND_AR["delete" if not op.with_ else "replace"],
        "current": op.find,
        "proposed": op.with_,
    }


def _replacement_cells(op, bill: Document, texts: dict[str, str]) -> dict:
    if op.op == "replace" and (not op.body or "xml" in op.body or op.num or op.heading or set(op.body) - {"text"}):
        raise _CannotHold("a replacement that is not plain text")
    element = bill.by_eid(op.eid)
    current = texts.get(op.eid) or " ".join(text_of(element).split()) if element is not None else ""
    if element is not None and local_name(element) == "article":
        current = "\n".join(texts[e] for e in texts if e.startswith(op.eid + "__"))
    return {
        "target": label_of(op.eid, bill),
        "kind": KIND_AR[op.op],
        "current": current,
        "proposed": op.body["text"] if op.op == "replace" else "",
    }


def _insertion_cells(op, bill: Document, texts: dict[str, str]) -> dict:
    if op.body and ("xml" in op.body or set(op.body) - {"text"}) or op.heading:
        raise _CannotHold("an insertion that is not plain text")
    lines = [f"{op.num}- {op.body['text']}"] if op.kind == "point" else list(new_lines(op))
    return {
        "target": label_of(op.after or op.before, bill),
        "kind": KIND_AR["insert"] + ("" if op.after else " قبل"),
        "proposed": "\n".join(lines),
    }


def _operation_cells(op, bill: Document, texts: dict[str, str]) -> dict:
    """The target, kind, current and proposed cells of one operation's row."""
    if op.op == "substitute":
        return _substitution_cells(op, bill, texts)
    if op.op in ("replace", "delete"):
        return _replacement_cells(op, bill, texts)
    if op.op == "insert" and (op.after or op.before):
        return _insertion_cells(op, bill, texts)
    raise _CannotHold(f"a {op.op}" + (" into an element" if op.op == "insert" else ""))


def amendment_rows(amendment, bill: Document) -> list[dict]:
    """The form's rows for an amendment; LawtoolError for an operation the form cannot hold."""
    texts = {b.eid: b.text for b in blocks(bill)}
    rows = []
    for op in amendment.operations:
        row = {"number": amendment.id, "proposer": amendment.proposer, "status": STATUS_WORDS[amendment.status][0]}
        try:
            row.update(_operation_cells(op, bill, texts))
        except _CannotHold as why:
            raise AmendmentError(
                f"{why}: the form cannot hold it",
                path=amendment.path,
                place=op.place,
                hint="keep this amendment in YAML, or give the others only",
            ) from None
        rows.append(row)
    if rows:
        rows[0]["justification"] = amendment.justification
        rows[0]["cosignatories"] = "\n".join(amendment.cosignatories)
    return rows


# -- reading a filled form -------------------------------------------------------------------------------------


class FormError(LawtoolError):
    """Bad rows of a form: ``lines`` has one line per bad row."""

    def __init__(self, path: str, lines: list[str]):
        super().__init__(
            f"{len(lines)} bad row{'s' if len(lines) != 1 else ''} in the form; nothing was written",
            path=path,
            hint="correct the rows listed above and import again",
        )
        self.lines = lines


@dataclass
class Row:
    number: int  # as Word counts the table's rows, the header being 1
    values: dict = field(default_factory=dict)


def _cell_text(cell) -> str:
    return "\n".join(p.text.strip() for p in cell.paragraphs if p.text.strip())


MAX_UNPACKED = 64 * 1024 * 1024


def read_rows(path: str) -> tuple[list[Row], str | None]:
    """The table's rows as {column: text} (merged cells read once), and the expression named in
    the form («النص المعدل: /akn/...»), if any."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    data = read_bytes(path)  # bounded: a regular file up to the size limit, a pipe or a device in time
    try:
        unpacked = sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(data)).infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise LawtoolError(
            "not a Word document (.docx): not a zip archive",
            path=path,
            hint="save the form as .docx (Word 2007 or later) and import it again",
        ) from None
    if unpacked > MAX_UNPACKED:
        raise LawtoolError(
            f"the document unpacks to {unpacked // (1024 * 1024)} MB, over the "
            f"{MAX_UNPACKED // (1024 * 1024)} MB a form may take (a zip bomb?)",
            path=path,
            hint="give the amendment form itself",
        )
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise LawtoolError(
            f"not a Word document (.docx): {exc.__class__.__name__}",
            path=path,
            hint="save the form as .docx (Word 2007 or later) and import it again",
        ) from None
    except Exception as exc:  # a zip that is not a Word document: python-docx raises various errors
        raise LawtoolError(
            f"not a readable Word document (.docx): {exc}",
            path=path,
            hint="save the form as .docx (Word 2007 or later) and import it again",
        ) from None
    named = None
    for p in document.paragraphs:
        found = re.search(r"(/akn/\S+)", p.text)
        if found and "النص المعدل" in p.text:
            named = found.group(1)
    for table in document.tables:
        rows = table.rows
        for h, header in enumerate(rows[:5]):
            columns = _columns(header)
            if columns is None:
                continue
            out = []
            for n, row in enumerate(rows[h + 1 :], start=h + 2):
                seen: set = set()
                values = {}
                for i, cell in enumerate(row.cells):
                    if id(cell._tc) in seen:
                        continue  # a merged cell, read once
                    seen.add(id(cell._tc))
                    key = columns.get(i)
                    if key and key not in values:
                        values[key] = _cell_text(cell)
                out.append(Row(n, values))
            return out, named
    raise LawtoolError(
        "no table with the form's headers (المرجع، نوع التعديل، النص المقترح، مقدم التعديل)",
        path=path,
        hint="make the amendments' table with those headers (Arabic or French), e.g. from `lawtool amend template`",
    )


def _columns(row) -> dict[int, str] | None:
    found: dict[int, str] = {}
    seen: set = set()
    for i, cell in enumerate(row.cells):
        if id(cell._tc) in seen:
            continue
        seen.add(id(cell._tc))
        key = _HEADER_INDEX.get(_norm(_cell_text(cell)))
        if key and key not in found.values():
            found[i] = key
    if all(k in found.values() for k in REQUIRED):
        return found
    return None


_AR_ORDINALS = {_norm(ordinal_ar(n)): n for n in range(1, 40)} | {_norm(ordinal_ar(n, False)): n for n in range(1, 40)}
_FR_ORDINALS = {_norm(ordinal_fr(n)): n for n in range(1, 40)} | {"1er": 1, "second": 2, "seconde": 2, "premiere": 1}
_ART = re.compile(
    r"(?:المادة|مادة|الفصل|فصل|article|art\.?)\s*(الأولى|الاولى|الأول|premier|1er|\d+(?:\s*-\s*\d+)*)"
    r"(\s*(?:مكررة|مكرر|bis|ter|quater)(?:\s*مرتين)?)?",
    re.IGNORECASE,
)
_PARA = re.compile(r"(?:الفقرة|فقرة|alinéa|alinea|al\.)\s*(\d+|[^\s،,;؛/]+(?:\s+(?:عشرة|عشر|و\S+))?)", re.IGNORECASE)
_POINT = re.compile(r"(?:البند|بند|point)\s*\(?(\d+)\)?|(\d+)\s*°", re.IGNORECASE)
_INTRO = re.compile(r"المقطع التمهيدي|chapeau|intro", re.IGNORECASE)
_WRAP = re.compile(r"المقطع الختامي|phrase finale", re.IGNORECASE)


def _ordinal(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    key = _norm(word)
    return _AR_ORDINALS.get(key) or _FR_ORDINALS.get(key)


def resolve_target(text: str, bill: Document, articles: dict[str, str]) -> tuple[str | None, str]:
    """The eId a person's target names, or (None, why)."""
    text = " ".join(text.split())
    index = bill.eid_index()
    if re.fullmatch(r"[a-z]+_[A-Za-z0-9_.\-]*", text):
        return (text, "") if text in index else (None, f"no element with eId {text!r} in the bill")
    art = _ART.search(text)
    if not art:
        return None, f"the target «{text}» names no article (المادة 17، الفصل 447-1, article 17)"
    number, suffix = art.group(1), (art.group(2) or "").strip()
    label = f"المادة {number.replace(' ', '')} {suffix}".strip()
    if number in ("الأولى", "الاولى", "الأول", "premier", "1er"):
        label = "المادة 1"
    try:
        key = number_from_num(label)
    except LawtoolError:
        return None, f"cannot read the article number in «{art.group(0)}»"
    eid = articles.get(key)
    if eid is None:
        return None, f"the bill has no article {art.group(0).strip()}"
    rest = text[art.end() :]
    para = _PARA.search(rest)
    if para:
        rank = _ordinal(para.group(1).strip())
        if rank is None:
            return None, f"cannot read the paragraph number «{para.group(1)}»"
        eid += f"__para_{rank}"
        rest = rest[para.end() :]
    point = _POINT.search(rest)
    if point:
        n = point.group(1) or point.group(2)
        if "__para_" not in eid:
            eid += "__para_1"
        eid += f"__point_{n}"
    elif _INTRO.search(rest):
        eid += ("" if "__para_" in eid else "__para_1") + "__intro"
    elif _WRAP.search(rest):
        eid += ("" if "__para_" in eid else "__para_1") + "__wrapup"
    if eid not in index:
        return None, f"the bill has no «{text}» (no element {eid})"
    return eid, ""


def _kind(text: str) -> str | None:
    return _KIND_INDEX.get(_norm(text))


def _names(text: str) -> list[str]:
    return [n.strip() for n in re.split(r"[\n،,;؛]+", text or "") if n.strip()]


_POINT_NUM = re.compile(r"^\s*\(?(\d+(?:\s*(?:مكرر|bis))?)\s*[-–)\.°]\s*(.+)$")


_NO_TEXT_IN_DELETION = "a deletion has no proposed text — empty «النص المقترح», or choose «تعديل»"


def _new_article(side: str, eid: str, lines: list[str]) -> tuple[list[dict], str]:
    first = lines[0]
    heading = _ART.match(first)
    if not heading or heading.end() < len(first.rstrip(" :.-")):
        return [], "a new article needs its number alone on the first line of «النص المقترح» (e.g. «المادة 17 مكررة»)"
    if len(lines) < 2:
        return [], "a new article needs its text after the line with its number"
    return [{"op": "insert", side: eid, "num": first.rstrip(" :.-"), "text": "\n".join(lines[1:])}], ""


def _new_points(side: str, eid: str, lines: list[str]) -> tuple[list[dict], str]:
    ops = []
    for line in lines:
        m = _POINT_NUM.match(line)
        if not m:
            return [], f"a new point starts with its number («5- ...»), not «{line[:30]}»"
        ops.append({"op": "insert", side: eid, "num": m.group(1), "text": m.group(2)})
    return ops, ""


def _insertions(kind: str, eid: str, el_kind: str, lines: list[str]) -> tuple[list[dict], str]:
    """New articles, points or paragraphs after (or before) the target."""
    side = "after" if kind == "insert" else "before"
    if not lines:
        return [], "an addition needs its text in «النص المقترح»"
    if el_kind == "article":
        return _new_article(side, eid, lines)
    if el_kind == "point":
        return _new_points(side, eid, lines)
    if el_kind == "paragraph":
        return [{"op": "insert", side: eid, "text": line} for line in lines], ""
    return [], f"cannot add after {'an introduction' if el_kind == 'intro' else 'this element'} ({eid})"


def _substitution(kind: str, eid: str, current: str, whole: str, proposed: str) -> tuple[list[dict], str]:
    """Some words of the target replaced (or deleted)."""
    found = whole.count(current)
    if found == 0:
        return [], (
            "«النص الحالي» is neither the whole text of the target nor words in it — copy the words "
            "from the bill, or empty the cell to replace the whole text"
        )
    if found > 1:
        return [], (f"the words of «النص الحالي» occur {found} times in the target — quote more words around them")
    if kind == "delete" and proposed:
        return [], _NO_TEXT_IN_DELETION
    return [{"op": "substitute", "eid": eid, "find": current, "with": "" if kind == "delete" else proposed}], ""


def _whole_change(kind: str, eid: str, el_kind: str, lines: list[str]) -> tuple[list[dict], str]:
    """The target's whole text replaced, or the target deleted."""
    if kind == "delete":
        return ([], _NO_TEXT_IN_DELETION) if lines else ([{"op": "delete", "eid": eid}], "")
    if not lines:
        return [], "a modification needs the new text in «النص المقترح»"
    if el_kind == "article":
        return [{"op": "replace", "eid": eid, "text": "\n".join(lines)}], ""
    if len(lines) > 1:
        return [], "the new text of a paragraph or point is one paragraph: one line in «النص المقترح»"
    return [{"op": "replace", "eid": eid, "text": " ".join(lines)}], ""


def _operations(row: Row, kind: str, eid: str, bill: Document, block_text: dict[str, str]) -> tuple[list[dict], str]:
    """The operations a row asks for, or ([], why)."""
    current = " ".join((row.values.get("current") or "").split())
    proposed_lines = [" ".join(line.split()) for line in (row.values.get("proposed") or "").split("\n") if line.strip()]
    element = bill.by_eid(eid)
    el_kind = local_name(element)
    if kind in ("insert", "insert-before"):
        return _insertions(kind, eid, el_kind, proposed_lines)
    whole = block_text.get(eid) or " ".join(text_of(element).split())
    if el_kind == "article":  # its blocks, without its number and heading (as the template writes it)
        whole = " ".join(text for e, text in block_text.items() if e.startswith(eid + "__"))
    if current and _norm(current) != _norm(whole):
        return _substitution(kind, eid, current, whole, " ".join(proposed_lines))
    return _whole_change(kind, eid, el_kind, proposed_lines)


class _BadRow(Exception):
    """What is wrong with a row, and how to put it right."""

    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass
class _Group:
    """The rows with one amendment number: one amendment."""

    proposer: str
    status: str
    rows: list[int] = field(default_factory=list)
    operations: list[dict] = field(default_factory=list)
    justification: list[str] = field(default_factory=list)
    cosignatories: list[str] = field(default_factory=list)

    def add(self, row: Row, operations: list[dict]) -> None:
        v = row.values
        self.rows.append(row.number)
        self.operations.extend(operations)
        if (v.get("justification") or "").strip():
            self.justification.append(v["justification"].strip())
        for name in _names(v.get("cosignatories") or ""):
            if name not in self.cosignatories:
                self.cosignatories.append(name)


def _article_index(bill: Document) -> dict[str, str]:
    """The bill's articles by number (as number_from_num reads it): eId of the first."""
    articles: dict[str, str] = {}
    for article in bill.articles():
        num = article.find("{*}num")
        try:
            articles.setdefault(number_from_num(text_of(num)), article.get("eId"))
        except (LawtoolError, TypeError):
            continue
    return articles


def _is_filled(values: dict) -> bool:
    """Not a blank row, nor a row of the template nobody filled (no kind, no proposed text)."""
    return bool((values.get("kind") or "").strip() or (values.get("proposed") or "").strip())


def _row_status(values: dict) -> str:
    if not (values.get("status") or "").strip():
        return "proposed"
    status = _STATUS_INDEX.get(_norm(values["status"]))
    if status is None:
        raise _BadRow(
            f"the status «{values['status']}» is unknown", "write مقترح، مقبول، مرفوض، مسحوب or ساقط, or leave it empty"
        )
    return status


def _read_row(row: Row, bill: Document, articles: dict[str, str], block_text: dict[str, str]):
    """(proposer, status, operations) of a filled row; _BadRow when it is wrong."""
    v = row.values
    kind = _kind(v.get("kind") or "")
    if kind is None:
        raise _BadRow(
            f"the kind «{v.get('kind') or ''}» is not one of تعديل، حذف، إضافة",
            "write تعديل (modification), حذف (suppression) or إضافة (ajout) in «نوع التعديل»",
        )
    if not (v.get("target") or "").strip():
        raise _BadRow("no target", "write the article (and paragraph) amended in «المرجع», e.g. «المادة 17، الفقرة 1»")
    eid, why = resolve_target(v["target"], bill, articles)
    if eid is None:
        raise _BadRow(why, "write the target as the bill numbers it, e.g. «المادة 17، الفقرة 1»")
    proposer = (v.get("proposer") or "").strip()
    if not proposer:
        raise _BadRow("no proposer", "write who proposes the amendment in «مقدم التعديل»")
    status = _row_status(v)
    operations, why = _operations(row, kind, eid, bill, block_text)
    if not operations:
        raise _BadRow(why, "correct the row" if " — " in why else "correct the row (see the form's note)")
    return proposer, status, operations


def _group_rows(rows: list[Row], bill: Document, path: str) -> tuple[dict[str, _Group], list[str]]:
    """The filled rows grouped by amendment number (in the form's order), and one line per bad row."""
    articles = _article_index(bill)
    block_text = {b.eid: b.text for b in blocks(bill)}
    errors: list[str] = []
    groups: dict[str, _Group] = {}
    for row in rows:
        if not _is_filled(row.values):
            continue
        try:
            proposer, status, operations = _read_row(row, bill, articles, block_text)
            number = (row.values.get("number") or "").strip() or f"#row{row.number}"  # one amendment per row
            group = groups.setdefault(number, _Group(proposer, status))
            if group.proposer != proposer:
                raise _BadRow(
                    f"amendment {number} has another proposer on an earlier row ({group.proposer})",
                    "give one proposer per amendment number, or another number",
                )
        except _BadRow as bad:
            errors.append(f"{path}:row {row.number}: {bad.message} — {bad.hint}")
            continue
        group.add(row, operations)
    return groups, errors


def _amendment_id(number: str, n: int, prefix: str) -> str:
    if re.fullmatch(r"[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)+", number):
        return number  # an amendment's id (a form made from amendments)
    return f"{prefix}-{_id_part(number) if not number.startswith('#row') else n:0>2}"


def _amendment_data(group: _Group, ident: str, target: str, date: str) -> dict:
    data = {
        "id": ident,
        "target": target,
        "proposer": group.proposer,
        "date": date,
        "status": group.status,
        "operations": group.operations,
    }
    if group.justification:
        data["justification"] = "\n".join(group.justification)
    if group.cosignatories:
        data["cosignatories"] = group.cosignatories
    return data


def _amendments(groups: dict[str, _Group], path: str, target: str, prefix: str, date: str):
    """The amendments of the groups, and one line per one that cannot be made."""
    amendments: list[Amendment] = []
    errors: list[str] = []
    for n, (number, group) in enumerate(groups.items(), start=1):
        ident = _amendment_id(number, n, prefix)
        if any(a.id == ident for a in amendments):
            errors.append(
                f"{path}:row {group.rows[0]}: the amendment number {number} gives the id {ident}, "
                "which another amendment of the form has — number every row, or none"
            )
            continue
        try:
            amendments.append(
                parse_amendment(_amendment_data(group, ident, target, date), f"{path}:row {group.rows[0]}")
            )
        except LawtoolError as error:
            errors.append(str(error))
    return amendments, errors


def read_form(path: str, bill: Document, *, prefix: str, date: str) -> list:
    """The amendments of a filled form; FormError listing every bad row when there is one."""
    rows, named = read_rows(path)
    target = str(bill.frbr_expression)
    if named and named != target:
        raise LawtoolError(
            f"the form was made for {named}, not for the bill given ({target})",
            path=path,
            hint="give the bill the form was made for with --bill",
        )
    groups, errors = _group_rows(rows, bill, path)
    if errors:
        raise FormError(path, errors)
    if not groups:
        raise LawtoolError(
            "the form has no filled row", path=path, hint="fill in the kind and the proposed text of at least one row"
        )
    amendments, errors = _amendments(groups, path, target, prefix, date)
    if errors:
        raise FormError(path, errors)
    return amendments


def _id_part(number: str) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9]+", "-", number.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789"))).strip("-")
    return cleaned or "x"


def check_applies(amendments: list, bill: Document, path: str) -> None:
    """Each amendment resolves against the bill (words found, elements there): errors are
    reported with the amendment's first row."""
    lines = []
    for a in amendments:
        try:
            Resolver(bill).resolve(a)
        except LawtoolError as error:
            lines.append(str(error))
    if lines:
        raise FormError(path, lines)
