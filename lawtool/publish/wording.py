"""The site's words for what other stages write in English (their findings and notes, meant for the
CLI and JSON): the gap findings, the repairs' kinds, the comparison's notes.  Each is made again in
Arabic from the parts of the English text it can rely on (the Arabic terms quoted «…», the numbers);
the English text itself is never shown on the site.
"""

from __future__ import annotations

import re

_QUOTED = re.compile(r"«[^»]*»")

# the kinds of lawtool/importer/ (repair.py, ligatures.py, furniture.py, context.py, __init__.py; docs/importer.md)
REPAIR_KINDS = {
    "footnote-missing": "إحالة إلى هامش غير موجود",
    "ligature": "حروف مركبة مقلوبة (لا، لأ، ...)",
    "reversed-pair": "حرفان مقلوبان",
    "lam-meem": "لام وميم مقلوبتان",
    "context": "حرفان مقلوبان يحسمهما السياق",
    "glued-number": "أرقام ملتصقة بالكلمات أو مقطوعة بين سطرين",
    "punctuation": "علامات الترقيم",
    "date-brackets": "أقواس التواريخ",
    "intraword-space": "مسافة داخل كلمة",
    "page-number": "أرقام الصفحات",
    "footnote-marker": "إحالات إلى الهوامش",
    "footnote-body": "نصوص الهوامش داخل المتن",
    "glued-word": "كلمتان ملتصقتان",
    "doubled-glyph": "حروف مطبوعة مرتين",
    "alef-run": "ألفات متتالية داخل كلمة",
    "tatweel": "التطويل (ـ) داخل الكلمات",
    "invisible-character": "محارف غير مرئية",
    "control-character": "محارف تحكم",
    "presentation-form": "أشكال عرض الحروف",
    "running-head": "رأس صفحة الجريدة الرسمية",
    "stray-heh": "هاء مطبوعة مكان مسافة",
    "final-ligature": "حرف أخير مركب مقلوب (إىل: إلى)",
    "glyph-substitution": "حرف مطبوع مكان حرف آخر في النص كله",
    "reversed-word": "كلمة مطبوعة معكوسة",
    "word-end": "تاء مربوطة أو ألف مقصورة داخل كلمة",
    "glued-run": "كلمات ملتصقة فصلت بحسب كلمات المدونة",
    "stacked-ligature": "حرفان مركبان فوق بعضهما طبعا مقلوبين (حتقيق: تحقيق)",
    "lost-alef": "لام ألف مطبوعة لاما وحدها (القتصاد: الاقتصاد)",
    "unknown-glyph": "رمز لم يتعرف عليه الاستخراج",
    "dot-leader": "نقاط الفهرس الممتدة إلى رقم الصفحة",
    "letter-dots": "حرف فقد نقاطه مع رمز لم يتعرف عليه",
}


def finding_ar(rule: str, message: str) -> str:
    """A gap finding in Arabic, from its rule and the quoted terms and numbers of its message."""
    quoted = _QUOTED.findall(message or "")
    first = quoted[0] if quoted else ""
    if rule == "definition-missing":
        generic = " (يرد فقط بصيغة عامة في أحكام أخرى)" if "generically" in (message or "") else ""
        return f"مفهوم القائمة المرجعية {first} غير معرف في هذا النص{generic}"
    if rule == "unused-definition":
        return f"{first} معرف ولكنه لا يستعمل في بقية النص"
    if rule == "undefined-term":
        count = re.search(r"used (\d+) time", message or "")
        times = f" {count.group(1)} مرة" if count else ""
        return f"{first} مستعمل{times} مصطلحا قانونيا دون تعريف"
    if rule == "definition-differs":
        second = quoted[1] if len(quoted) > 1 else ""
        score = re.search(r"similarity ([0-9.]+)", message or "")
        similar = f" (درجة التشابه {score.group(1)})" if score else ""
        return f"{first} و{second} معرفان تعريفين مختلفين في نصين{similar}"
    if rule == "inconsistent-terminology":
        forms = re.findall(r"(«[^»]*») ×(\d+)", message or "")
        listed = "، ".join(f"{term} ({n} مرة)" for term, n in forms)
        return f"مفهوم واحد مكتوب بصيغ مختلفة: {listed}"
    return "، ".join(quoted) or "ملاحظة"


def repair_kind_ar(kind: str) -> str:
    return REPAIR_KINDS.get(kind, "إصلاح آخر")


def collision_ar(collision, where: str = "") -> str:
    """A collision of lawtool.amend.collisions in Arabic, from its parts (the amendments and their
    operations, the words «…» its message quotes), not from its English message:
    «التعديل dv-ex-03 (العملية 1) والتعديل dv-ex-01 (العملية 1) يغيران الفقرة 1 من المادة 17»."""
    ops = list(collision.operations) or [(a, None) for a in collision.amendments]
    named = " و".join(f"التعديل {a}" + (f" (العملية {i})" if i is not None else "") for a, i in ops)
    verb = "يغيران" if len(ops) == 2 else "تغير"
    text = f"{named} {verb} {where or 'العنصر نفسه'}"
    quoted = list(dict.fromkeys(_QUOTED.findall(collision.message or "")))
    if quoted:
        text += ("، والعبارات " + " و".join(quoted) + " متداخلة") if len(quoted) > 1 else f"، في العبارة {quoted[0]}"
    return text


UNIT_KINDS = {
    "preface": "العنوان والتقديم",
    "preamble": "الديباجة",
    "conclusions": "الخاتمة",
    "title": "العنوان",
    "docTitle": "العنوان",
}


# the @name of lawtool's unnamed hcontainers (docs/importer.md)
HCONTAINERS_AR = {"promulgation": "ظهير الإصدار", "text": "النص", "signature": "التوقيع"}


def unit_ar(unit) -> str:
    """A diff unit's label (lawtool.diff.units.Unit.describe) with its kind in Arabic when it is a kind
    («preface» → «العنوان والتقديم»)."""
    text = unit.describe()
    unnamed = re.fullmatch(r"hcontainer (\w+)", text)
    if unnamed:  # an hcontainer without a heading, named by its @name
        return HCONTAINERS_AR.get(unnamed.group(1), "قسم")
    return UNIT_KINDS.get(text, text)


def arabic_parts(label: str) -> str:
    """The Arabic parts of a bilingual label («فريق برلماني (مثال أ) — Example group A: رفع عقوبة…» →
    «فريق برلماني (مثال أ) — رفع عقوبة…»): the pieces between « — » or «: » with no Arabic letter go."""
    pieces = re.split(r"( — |: )", label or "")
    kept: list[str] = []
    for k in range(0, len(pieces), 2):
        if re.search(r"[\u0600-\u06ff]", pieces[k]) or not re.search(r"[A-Za-z]", pieces[k]):
            if kept:
                kept.append(pieces[k - 1])
            kept.append(pieces[k])
    return "".join(kept) or label
