"""Editors' notes that quote another text's articles (importer/notequotes.py) and the guards that
keep a text's own lists and articles out of its notes (importer/furniture.py), on corpus texts."""

from __future__ import annotations

from functools import cache

import pytest
from conftest import SHARED

from lawtool.importer import import_text
from lawtool.importer.notequotes import announced

CORPUS = SHARED / "sources/adala/corpus"
needs_shared = pytest.mark.usefixtures("shared")


@cache
def _imported(name: str):
    text = (CORPUS / name).read_text("utf-8")
    return import_text(text, None, source_name=name)


def _numbers(name: str) -> list[str]:
    document, _ = _imported(name)
    return [a.get("eId").rsplit("art_", 1)[1] for a in document.articles(include_promulgation=True)]


def _notes(name: str) -> list[str]:
    document, _ = _imported(name)
    return ["".join(n.itertext()).strip() for n in document.main.iter("{*}note")]


def _rules(name: str) -> set[str]:
    _, report = _imported(name)
    return {f.rule for f in report.findings}


@pytest.mark.parametrize(
    ("words", "numbers"),
    [
        ("أنظر المادتين 9و 11من المرسوم رقم 2.10.311الصادر", ["9", "11"]),
        ("أنظر المواد األولى و 5و 21من المرسوم رقم ،2.10.311", ["1", "5", "21"]),
        ("أنظر المواد 7،6،5،4،3و 8من المرسوم رقم 2.15.45", ["7", "6", "5", "4", "3", "8"]),
        ("انظر المادة األولى والثانية من المرسوم رقم 2.20.740", ["1", "2"]),
        ("انظر المادة 1.2من المرسوم رقم 2.14.316", ["1.2"]),
        ("أنظر المواد من 10 إلى 13 من المرسوم", ["10", "11", "12", "13"]),
        ("أنظر المرسوم رقم 2.04.757 الصادر في", []),
        ("تم تغيير وتتميم المادة 2 أعلاه", None),
    ],
)
def test_a_see_note_names_the_articles_it_quotes(words, numbers):
    assert announced(words) == numbers


@needs_shared
def test_decree_articles_quoted_in_notes_over_page_breaks_stay_in_the_notes():
    # The road-traffic code's notes quote 150 articles of its decrees («-2 أنظر المادتين 9 و11 من
    # المرسوم ...»); the quotations run on at the foot of the next pages.  They were the law's own
    # articles (150 numbering-duplicate findings); the law's articles are now 1, 2, 3 ... in order.
    name = "ma-adala-road-transport-7848.txt"
    numbers = _numbers(name)
    assert numbers[:47] == [str(k) for k in range(1, 48)]
    notes = _notes(name)
    # note 2 holds both decree articles it names, the second one from the foot of the next page
    [note_2] = [n for n in notes if n.startswith("أنظر المادتين 9 و 11")]
    assert "المادة 9" in note_2 and "المادة 11" in note_2 and "تحدد بقرار لوزير التجهيز والنقل" in note_2
    # note 3 had no marker the furniture pass could read: its quotation made it a note
    assert any(n.startswith("أنظر المادتين 14 و 16") and "المادة 16" in n for n in notes)


def _article_text(name: str, eid: str) -> str:
    document, _ = _imported(name)
    [article] = [a for a in document.articles() if a.get("eId") == eid]
    return " ".join("".join(article.itertext()).split())


@needs_shared
def test_quoted_decree_articles_without_quotation_marks_follow_their_note_by_width():
    # A note quotes articles 3 to 8 of a decree over three pages, without quotation marks: only the
    # width of the lines (the notes' smaller type) tells them from the law's own articles 3 to 8.
    name = "ma-adala-industry-economy-184.txt"
    numbers = _numbers(name)
    assert numbers[:9] == [str(k) for k in range(1, 10)]
    assert not {"numbering-duplicate", "numbering-order"} & _rules(name)
    [note_4] = [n for n in _notes(name) if n.startswith("أنظر المواد 7")]
    assert "المادة 8" in note_4 and "لجنة الشراكة بين القطاعين العام والخاص" in note_4
    # the law's own article 2 goes on at the top of the page after the quotation's pages, with its
    # list glued into long lines after lost bullets («... شروط وكيفيات إجراء التقييم القبلي ...»):
    # their length is no evidence of a note's type
    article_2 = _article_text(name, "art_2")
    assert article_2.count("شروط وكيفيات إجراء التقييم القبلي لمشاريع عقود الشراكة") == 2
    assert "شروط وكيفيات إجراء التقييم القبلي لمشاريع عقود الشراكة" not in note_4


@needs_shared
def test_a_quotation_at_the_next_page_foot_after_its_reference_goes_back_to_its_note():
    # «-3 أنظر المادتين 3 و4 من النظام الداخلي ...» ends a page; the rest of its reference and both
    # articles come at the foot of the next page.
    name = "ma-adala-judicial-power-372.txt"
    numbers = _numbers(name)
    assert numbers[:60] == [str(k) for k in range(1, 61)]
    [note_3] = [n for n in _notes(name) if n.startswith("أنظر المادتين 3 و 4")]
    assert "المادة 4" in note_3 and "يتولى الرئيس المنتدب مهمة تدبير شؤون المجلس" in note_3


@needs_shared
def test_a_numbered_list_of_the_body_is_not_read_as_notes():
    # «-1 يقصد بمصطلح ...», «-2 يقصد بمصطلح ...»: the definitions of a treaty's article 1; a bare «2»
    # line above them had made «-2 ...» to «-8 ...» notes, and the last one swallowed article 7.
    name = "ma-adala-intl-treaties-4608.txt"
    assert not any(n.startswith(("يقصد", "يجوز", "يشمل")) for n in _notes(name))
    assert "7" in _numbers(name)
    # its article 6's paragraphs 3 and 4 («-3 يقصد بالوحدة الحسابية ...», «-4 يجوز بالاتفاق ...»)
    assert "يقصد بالوحدة الحسابية" in _article_text(name, "art_6")
    assert "يجوز بالاتفاق بين الناقل والشاحن" in _article_text(name, "art_6")
    # its article 15: «-2 على الناقل بعد شحن البضائع ...», its item 1 far up, sub-items between
    assert "على الناقل بعد شحن البضائع في السفينة" in _article_text(name, "art_15")
    # the Hague convention's article 15: «-1 تطبق ...», «-2 غير أنه ...» («غير», a note's word too);
    # its article 21: «-1 يقصد بمصطلح "قانون" ...» right under its heading
    hague = "ma-adala-intl-treaties-4904.txt"
    assert "غير أنه عندما يقتضي الأمر حماية شخص الطفل" in _article_text(hague, "art_15")
    assert "يقصد بمصطلح" in _article_text(hague, "art_21")
    # «-2 نسخ من بطائق الصحافة ...»: copies of, not «نسخ» (repealed)
    assert not any(n.startswith("نسخ من بطائق") for n in _notes("ma-adala-press-8602.txt"))
    # the maritime labour convention's guideline paragraphs («– 9 ينبغي إبلاغ مالك السفينة ...»)
    assert not any(n.startswith("ينبغي إبلاغ مالك السفينة") for n in _notes("ma-adala-geneva-conventions-6081.txt"))
    # «... الوثائق التالية:» then «-1 نسخة مشهود ...»: a list, not notes (nor «نسخ», repealed)
    name = "ma-adala-health-social-5470.txt"
    assert not any(n.startswith("نسخة مشهود") for n in _notes(name))
    assert _numbers(name) == [str(k) for k in range(1, 74)]


@needs_shared
@pytest.mark.parametrize(
    ("name", "opening"),
    [
        ("ma-adala-electronic-37.txt", "تَمَّم الفصل 2-1"),  # harakat in the verb
        ("ma-adala-environmental-291.txt", "تـم تـغـيـيـ"),  # tatweel in the verb
        ("ma-adala-security-4167.txt", "غير عنوان المرسوم"),  # «غير» that is a verb, under a list
    ],
)
def test_an_editor_note_is_a_note_however_its_verb_is_printed(name, opening):
    def plain(text: str) -> str:
        return "".join(c for c in text if c not in "\u0640\u064e\u0651 ")

    assert any(plain(n).startswith(plain(opening)) for n in _notes(name)), _notes(name)[:5]


@needs_shared
def test_a_note_citing_a_text_under_a_list_of_the_body_is_a_note():
    # «- 2 كل عسكري ...» (the body's list), then a blank line and «-3 ظهير شريف رقم 1.59.380 ...
    # الجريدة الرسمية عدد 2454 ...», whose marker is glued far up the page («... صحة الامة:3»)
    notes = _notes("ma-adala-criminal-100.txt")
    assert any(n.startswith("ظهير شريف رقم 1.59.380") for n in notes)
    assert "ظهير شريف رقم 1.59.380" not in _article_text("ma-adala-criminal-100.txt", "art_3")


@needs_shared
def test_a_note_that_quotes_nothing_does_not_swallow_the_articles_after_it():
    # A list item read as a note went on over articles 12 to 14 and the signatures.
    numbers = _numbers("ma-adala-energy-6960.txt")
    assert numbers[-3:] == ["12", "13", "14"]


@needs_shared
def test_a_note_that_names_the_articles_it_quotes_keeps_them():
    # «تمت الإشارة في المادتين الثانية والثالثة من المرسوم ...» then «المادة الثالثة:» and its text:
    # the decree's article, inside the note, not an article of the text.
    name = "ma-adala-health-social-6566.txt"
    assert _numbers(name).count("3") == 1
    assert any("تمت الإشارة في المادتين الثانية والثالثة" in n and "المادة الثالثة" in n for n in _notes(name))
    # «... اللذان ينصان على:» then «الفصل الأول» and «الفصل الثاني» of the text it completed: once
    # the note holds one quoted heading, the next ones of its quotation stay in it
    name = "ma-adala-criminal-115.txt"
    assert _numbers(name) == ["1", "2", "3", "4", "5", "6"]
    assert any("الفصل الثاني" in n and "يباشر دفع هذا التعويض" in n for n in _notes(name))


def _body_paragraphs(name: str) -> list[str]:
    """The text of every paragraph outside the notes."""
    document, _ = _imported(name)
    return [
        " ".join("".join(p.itertext()).split())
        for p in document.main.iter("{*}p")
        if not any(a.tag.endswith("}note") for a in p.iterancestors())
    ]


@needs_shared
def test_a_list_item_that_ends_like_a_label_is_the_body_s():
    # «-2 التعريف بالعينة ...؛» and «-3 قدرة مالك العينة ...» after a bare «-1» line: items of
    # article 11's list, not notes 2 and 3
    name = "ma-adala-environmental-4143.txt"
    assert "التعريف بالعينة المعنية وأن الحصول عليها تم بطريقة قانونية" in _article_text(name, "art_11")
    assert "قدرة مالك العينة" in _article_text(name, "art_11")
    assert not any(n.startswith(("التعريف بالعينة", "قدرة مالك")) for n in _notes(name))
    # «-2 بصفة ممثلين عن المنظمات النقابية ...:» (item 1 printed «.1»): a label of article 2's list
    assert "بصفة ممثلين عن المنظمات النقابية" in _article_text("ma-adala-labor-429.txt", "art_2")
    # «- 3 السكنى:» ... «- 7 الوقت الثالث والثقافة:»: headings of a table, not notes 3 to 7
    name = "ma-adala-administrative-6790.txt"
    assert not any(n.startswith("السكنى") for n in _notes(name))
    assert "- 3 السكنى:" in _body_paragraphs(name)
    # «-2 غير العقار:» («other than real estate», not «غُيِّر», amended) did not swallow items 8 to 14
    name = "ma-adala-adoul-5064.txt"
    assert not any(n.startswith("غير العقار") for n in _notes(name))
    assert "-8 المقايضة (المعاوضة)" in _body_paragraphs(name)


@needs_shared
def test_a_note_that_names_no_text_is_a_finding():
    # the communes of a decree's table («-1 مجاط», «-2 أسيف المال» ...) are still read as a note:
    # the importer says so, with the note and its line
    _, report = _imported("ma-adala-industry-economy-4509.txt")
    [finding] = [f for f in report.findings if f.rule == "note-uncertain"]
    assert (finding.eid, finding.line) == ("note_1", 30)
    assert "مجاط" in finding.message
    # editors' notes (amendments, the journal, «see» notes quoting a decree) are not findings
    assert "note-uncertain" not in _rules("ma-adala-road-transport-7848.txt")
    assert "note-uncertain" not in _rules("ma-adala-health-social-6566.txt")
