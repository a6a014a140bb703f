"""Each detection pattern of the cross-reference stage, on a real sentence of the sources.

Every sentence is checked to occur, as written, in the named source file (the damage of the
Adala extractions included): the tests read real text, not tidied-up examples.  Where the
sources have no French sentence of a kind, the test says so and uses a constructed one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lawtool.akn import Document
from lawtool.xref import ArticleIndex, extract_document, extract_text
from lawtool.xref.patterns import article_numbers, scan

REPO = Path(__file__).resolve().parents[1]
PC, CPP, L103 = "/akn/ma/act/1962/1-59-413", "/akn/ma/act/2002/22-01", "/akn/ma/act/2018/103-13"
OTHER = "/akn/ma/act/2006/16-03"  # a law that is not the Penal Code (Law 16.03, adoul)


def real(shared: Path, path: str, snippet: str) -> str:
    text = (shared / "sources" / path).read_text(encoding="utf-8")
    assert snippet in text, f"not in {path}: {snippet!r}"
    return snippet


def cites(text: str, uri: str | None = OTHER, date: str | None = "2010-01-01") -> list[tuple]:
    """(work or '?number' or 'self', articles, range) of each citation of a raw text."""
    out = []
    for c in extract_text(text, uri=uri, date=date):
        if c.internal:
            work = "self"
        else:
            work = c.work or "?" + ((c.cited_law or {}).get("number") or "")
        out.append((work, tuple(c.articles), c.range))
    return out


# -- single articles ------------------------------------------------------------------------------------


def test_single_article_of_the_penal_code(shared):
    s = real(
        shared,
        "adala/laws/ma-adala-insurance-pension-3861.txt",
        "السر المهني وإال تعرضوا للعقوبات المنصوص عليها في الفصل 446من القانون الجنائي.",
    )
    assert cites(s) == [(PC, ("446",), False)]


def test_single_article_named_code_collection(shared):
    s = real(
        shared,
        "adala/laws/ma-adala-industry-economy-501.txt",
        "تطبق العقوبات المنصوص عليها في الفصل 349من مجموعة القانون الجنائي على",
    )
    assert cites(s) == [(PC, ("349",), False)]


def test_arabic_order_of_an_inserted_number_is_base_first(shared):
    # «2-5-82» is article 82-5-2 of the Code of Criminal Procedure; «4-82», «5-82» are 82-4, 82-5
    s = real(
        shared,
        "adala/law-103-13.ar.txt",
        "تتمم على النحو التالي أحكام القانون رقم 22.01المتعلق بالمسطرة الجنائية المشار إليه\nأعاله بالمادة :2-5-82",
    )
    assert cites(s, uri=L103) == [(CPP, (), False), (CPP, ("82-5-2",), False)]
    assert article_numbers("1-447") == article_numbers("447-1") == ["447-1"]
    assert article_numbers("1-1-503") == ["503-1-1"] and article_numbers("1-2-503") == ["503-2-1"]


def test_article_of_the_code_of_criminal_procedure_by_name(shared):
    s = real(shared, "adala/law-103-13.ar.txt", "المادة 82-5-2من\nقانون المسطرة الجنائية")
    assert cites(s, uri=L103) == [(CPP, ("82-5-2",), False)]


def test_article_of_the_code_of_criminal_procedure_by_number(shared):
    s = real(
        shared,
        "adala/law-103-13.ar.txt",
        "أحكام المادة 302من القانون رقم 22.01المتعلق بالمسطرة\nالجنائية الصــادر بتنفيذه الظهير الشريــف رقم 1.02.255",
    )
    # the dahir that promulgated Law 22.01 is part of its designation, not a second citation
    assert cites(s, uri=L103) == [(CPP, ("302",), False)]


def test_old_code_of_criminal_procedure_is_not_law_22_01(shared):
    s = real(
        shared, "adala/laws/ma-adala-insurance-pension-3861.txt", "طبقا للفصل 61وما يليه من قانون المسطرة الجنائية."
    )
    assert cites(s, uri="/akn/ma/act/1971/009-71", date="1971-10-12") == [("?", ("61",), False)]


def test_french_law_and_dahir_by_number(shared):
    s = real(
        shared,
        "law-103-13/fr.txt",
        "Dahir n° 1-18-19 du 5 joumada II 1439 (22 février 2018) portant promulgation de la loi n° 103-13 relative",
    )
    assert cites(s, uri=OTHER) == [("?1.18.19", (), False), (L103, (), False)]
    assert cites(s, uri=None)[1] == ("self", (), False)  # no URI given: the text names itself


def test_french_articles_of_the_constitution(shared):
    s = real(shared, "law-103-13/fr.txt", "Vu la Constitution, notamment ses articles 42 et 50;")
    assert cites(s, uri=None) == [("?", ("42", "50"), False)]


def test_french_article_of_the_penal_code_constructed():
    # the sources hold no French text of the codes: a constructed sentence in the style of the B.O.
    assert cites("prévues à l'article 447-1 du Code pénal", uri=None) == [(PC, ("447-1",), False)]
    assert cites("les articles 447-1 à 447-3 du code pénal", uri=None) == [(PC, ("447-1", "447-2", "447-3"), True)]
    assert cites("l'article 5 de la présente loi", uri=OTHER) == [("self", ("5",), False)]


# -- lists and ranges -----------------------------------------------------------------------------------


def test_list_with_numbers_glued_to_the_conjunction(shared):
    s = real(
        shared,
        "adala/law-103-13.ar.txt",
        "تغير وتتمم على النحو التالي أحكام الفصول 404و 431و 446و 481و 503-1من\nمجموعة القانون الجنائي",
    )
    assert cites(s, uri=L103) == [(PC, ("404", "431", "446", "481", "503-1"), False)]


def test_dual(shared):
    s = real(shared, "adala/laws/ma-adala-adoul-10.txt", "الفصلين 263و 267من القانون الجنائي.")
    assert cites(s) == [(PC, ("263", "267"), False)]


def test_list_of_inserted_numbers_broken_across_lines(shared):
    s = real(shared, "adala/law-103-13.ar.txt", "بالفصول -1\n 88و 88-2و 88-3و 323-1")
    # the code named alone is a citation of the whole code, as a law named by its number is
    assert cites("تتمم أحكام مجموعة القانون الجنائي " + s, uri=L103) == [
        (PC, (), False),
        (PC, ("88-1", "88-2", "88-3", "323-1"), False),
    ]


def test_range_with_ila(shared):
    s = real(shared, "adala/penal-code.consolidated-2024-08-22.ar.txt", "في األحوال المشار إليها في الفصول 575إلى ،578")
    assert cites(s, uri=PC) == [("self", ("575", "576", "577", "578"), True)]


def test_range_covers_inserted_articles_of_the_cited_work(shared):
    index = ArticleIndex.from_root(REPO)
    # constructed (the sources have no range over inserted articles of the CPP): the corpus' Code of
    # Criminal Procedure has 82-3-1 ... 82-3-11 between 82-3 and 82-4
    got = extract_text("تطبق مقتضيات المواد من 82-3 إلى 82-4 من القانون رقم 22.01", uri=OTHER, corpus=index)
    assert got[0].articles[:3] == ["82-3", "82-3-1", "82-3-2"] and got[0].articles[-1] == "82-4"
    assert got[0].expansion == "corpus"


def test_range_from_to_with_a_bound_that_has_inserted_numbers(shared):
    document = Document.load(REPO / "bills/ma/bill/2024/digital-violence/ara@2024-05-14.xml")
    found = [c for c in extract_document(document, ArticleIndex.from_root(REPO)) if c.eid == "art_11__para_1"]
    assert found[0].articles == ["425", "426", "427", "428", "429", "429-1"] and found[0].range


def test_reversed_list_written_with_hyphens(shared):
    s = real(shared, "adala/penal-code.consolidated-2024-08-22.ar.txt", "نسخت الفصول 291 -290 - 289بمقتضى المادة 101")
    assert cites(s, uri=PC)[0] == ("self", ("289", "290", "291"), True)


def test_range_and_following(shared):
    s = real(
        shared,
        "adala/laws/ma-adala-criminal-112.txt",
        "هذه العقوبات المقررة في الفصل االول وما يليه الى غاية الفصل الثامن\nوالفصل الحادي عشر وما يله الى غاية "
        "الفصل الثالث عشر من الظهير\nالشريف بمثابة قانون رقم 1.73.282",
    )
    assert cites(s, uri="/akn/ma/act/1974/1-73-282") == [
        ("self", tuple(str(n) for n in range(1, 9)), True),
        ("self", ("11", "12", "13"), True),
    ]


# -- bis / ter ----------------------------------------------------------------------------------------------


def test_mukarrar(shared):
    s = real(shared, "adala/laws/ma-adala-insurance-pension-3861.txt", "تمت إضافة الفصل 13المكرر أعاله")
    assert cites(s) == [("self", ("13-bis",), False)]


def test_mukarrar_twice(shared):
    s = real(shared, "adala/laws/ma-adala-industry-economy-501.txt", "بالمادة 15المكررة مرتين")
    assert cites("المنصوص عليها في " + s[1:]) == [("self", ("15-ter",), False)]
    _, mentions = scan("الفصل 607 المكرر مرتين و الفصل 218-1 المكرر")
    assert [m.items[0].first.value for m in mentions] == ["607-ter", "218-1-bis"]


# -- sub-provisions -----------------------------------------------------------------------------------------


def test_paragraph_of_an_article(shared):
    s = real(shared, "adala/law-103-13.ar.txt", "في الفقرة األولى من الفصل ،402السجن")
    got = extract_text(s, uri=PC)
    assert got[0].articles == ["402"] and got[0].subprovision == [{"kind": "paragraph", "number": "1"}]


def test_point_of_an_article(shared):
    s = real(shared, "adala/laws/ma-adala-commercial-46.txt", "لمقتضيات البند 4من المادة 67من هذا القانون")
    got = extract_text(s, uri="/akn/ma/act/2014/104-12")
    assert got[0].articles == ["67"] and got[0].subprovision == [{"kind": "point", "number": "4"}]
    assert got[0].internal and got[0].hrefs == ["#art_67"]


def test_paragraphs_written_after_the_number(shared):
    s = real(shared, "adala/penal-code.consolidated-2024-08-22.ar.txt", "الفصل 181فقرة 2و 3و 4و 5والفصل .182")
    got = extract_text(s, uri=PC)
    assert [c.articles for c in got] == [["181"], ["182"]]
    assert [d["number"] for d in got[0].subprovision] == ["2", "3", "4", "5"]


def test_sub_provision_href_in_a_document(shared):
    document = Document.load(REPO / "bills/ma/bill/2024/digital-violence/ara@2024-05-14.xml")
    found = [c for c in extract_document(document) if c.eid == "art_40__para_1"]
    assert found[0].hrefs == ["#art_39__para_3"]


# -- internal references and look-backs ---------------------------------------------------------------------


def test_article_of_this_law(shared):
    s = real(shared, "adala/laws/ma-adala-real-estate-134.txt", "المشار اليها في المادة 4من هذا القانون")
    assert cites(s, uri="/akn/ma/act/1992/25-90") == [("self", ("4",), False)]


def test_bare_article_in_a_law_that_is_not_the_penal_code_is_internal(shared):
    s = real(shared, "adala/laws/ma-adala-insurance-pension-3861.txt", "تطبق العقوبات المقررة في الفصل 15على")
    assert cites(s, uri="/akn/ma/act/1971/009-71") == [("self", ("15",), False)]


def test_above_and_below(shared):
    s = real(shared, "adala/law-103-13.ar.txt", "المنصوص عليها في المادة الثانية عشر بعده.")
    assert cites(s, uri=L103) == [("self", ("12",), False)]


def test_the_mentioned_article_repeats_the_last_one(shared):
    document = Document.load(REPO / "bills/ma/bill/2024/digital-violence/ara@2024-05-14.xml")
    found = [c for c in extract_document(document) if c.eid == "art_25__para_4"]
    assert [(c.text, c.work, c.articles) for c in found] == [
        ("المادة 7 من القانون رقم 22.01", CPP, ["7"]),
        ("المادة المذكورة", CPP, ["7"]),
    ]


def test_same_article_and_previous_article(shared):
    s = real(
        shared,
        "adala/penal-code.consolidated-2024-08-22.ar.txt",
        "في الحاالت المشار إليها في الفقرة الثانية من الفصل السابق ،ترفع العقوبة إلى الضعف. في الحالة المنصوص عليها "
        "في الفقرة الثالثة من نفس الفصل",
    )
    got = extract_text("الفصل 459\nنص.\nالفصل 460\n" + s, uri=PC)
    assert [(c.articles, c.resolved_by) for c in got] == [(["459"], "lookback"), (["459"], "lookback")]


def test_same_law(shared):
    s = real(
        shared,
        "adala/penal-code.consolidated-2024-08-22.ar.txt",
        "تم تغيير هذا الفصل بمقتضى المادة األولى من القانون رقم 24.03سالف الذكر ،كما نسخت المادة السابعة\nمن "
        "نفس القانون",
    )
    assert cites(s, uri=PC) == [("?24.03", ("1",), False), ("?24.03", ("7",), False)]


def test_one_law_for_a_coordinated_pair(shared):
    s = real(
        shared,
        "adala/laws/ma-adala-legal-profession-7.txt",
        "قارن مع الفقرة 5من المادة 59والفقرة 3من المادة 103من القانون رقم 22.01المتعلق بالمسطرة الجنائية",
    )
    assert cites(s) == [(CPP, ("59",), False), (CPP, ("103",), False)]


def test_it_refers_to_the_law_just_named(shared):
    s = real(shared, "adala/law-103-13.ar.txt", "بناء على الدستور وال سيما الفصلين 42و 50منه،")
    assert cites(s, uri=L103) == [("?", ("42", "50"), False)]


def test_articles_added_to_a_law_named_before(shared):
    document = Document.load(REPO / "bills/ma/bill/2024/digital-violence/ara@2024-05-14.xml")
    found = [c for c in extract_document(document) if c.eid == "art_37__para_1__mod_1"]
    assert [(c.work, c.articles, c.resolved_by) for c in found][-1] == (PC, ["447-4"], "named-before")


def test_articles_inside_a_re_enacted_penal_code_article_belong_to_the_code(shared):
    # in the raw text: after «تغير وتتمم ... الفصول ... من مجموعة القانون الجنائي ...:» the code's articles follow
    text = (shared / "sources/adala/law-103-13.ar.txt").read_text(encoding="utf-8")
    real(shared, "adala/law-103-13.ar.txt", "تضاعف العقوبة المنصوص عليها في الفصول 425و 426و 427و 429من هذا\nالقانون")
    got = {c.line: c for c in extract_text(text)}
    assert got[225].work == PC and not got[225].internal and got[225].resolved_by == "this"
    assert got[62].work == PC and got[62].articles == ["400", "401"]  # «الفصلين 400و ،401»
    assert got[212].work == PC and got[212].articles == ["88-1"]  # «الفصل 88-1أعاله»
    assert got[393].internal and got[393].articles == ["12"]  # back in the law itself


def test_quoted_structure_this_law_and_above_mean_the_quoted_law():
    document = Document.load(REPO / "law/ma/act/2018/103-13/ara@2018-03-12.xml")
    by_eid = {}
    for c in extract_document(document):
        by_eid.setdefault(c.eid, []).append(c)
    q = by_eid["art_5__para_1__mod_1__qstr_1__art_429-1__para_1"][0]
    assert (q.work, q.internal, q.articles) == (PC, False, ["425", "426", "427", "429"])
    q = by_eid["art_8__para_1__mod_1__qstr_1__art_82-5-2__para_1__intro"][0]
    assert (q.work, q.articles) == (CPP, ["82-4", "82-5"])


def test_editorial_footnotes_count_and_read_in_the_context_of_their_marker():
    document = Document.load(REPO / "law/ma/act/2018/103-13/ara@2018-03-12.xml")
    notes = [c for c in extract_document(document) if (c.eid or "").startswith("note_")]
    by_note = {}
    for c in notes:
        by_note.setdefault(c.eid, []).append((c.work, tuple(c.articles), c.internal))
    # «تم تغيير وتتميم الفصل 431 أعاله» sits on the re-enacted article 431: the Penal Code's
    assert by_note["note_3"] == [(PC, ("431",), False), (L103, ("2",), True)]


# -- laws by number -------------------------------------------------------------------------------------------


def test_law_by_number(shared):
    s = real(shared, "adala/laws/ma-adala-commercial-46.txt", "وفقا للقانون رقم 18.09بمثابة النظام األساسي")
    assert cites(s) == [("?18.09", (), False)]


def test_dahir_by_number_is_the_penal_code(shared):
    s = real(
        shared, "adala/laws/ma-adala-legal-profession-7.txt", "الظهير الشريف رقم 1.59.413الصادر في 28جمادى الثانية"
    )
    assert cites(s) == [(PC, (), False)]


def test_reversed_parts_of_an_aforementioned_law_number(shared):
    s = real(
        shared, "adala/penal-code.consolidated-2024-08-22.ar.txt", "المادة األولى من القانون رقم ،03.24سالف الذكر."
    )
    assert cites("المادة الأولى من القانون رقم 24.03. " + s, uri=PC)[-1] == ("?24.03", ("1",), False)


# -- unknown laws are kept, never forced onto the Penal Code --------------------------------------------------


def test_unknown_code_is_unresolved(shared):
    s = real(shared, "adala/law-103-13.ar.txt", "المادة 53من مدونة األسرة")
    got = extract_text(s, uri=L103)
    assert got[0].work is None and got[0].cited_law["kind"] == "code" and got[0].hrefs == [None]


def test_article_beyond_the_document_is_not_internal(shared):
    s = real(
        shared,
        "adala/laws/ma-adala-legal-profession-7.txt",
        "االمتياز المقرر في الفصل 1248كما\nتم تعديله ،من الظهير الشريف",
    )
    document = extract_text((shared / "sources/adala/laws/ma-adala-legal-profession-7.txt").read_text(encoding="utf-8"))
    found = [c for c in document if "1248" in c.text]
    assert s and found[0].work is None and not found[0].internal


# -- damage of the extractions ----------------------------------------------------------------------------------


def test_reversed_ligatures(shared):
    # «األولى» for «الأولى», «أعاله» for «أعلاه», «االلتزامات» for «الالتزامات»
    s = real(
        shared, "adala/laws/ma-adala-social-institutions-6524.txt", "بمقتضى المادة األولى من المرسوم رقم 2.17.609صادر"
    )
    assert cites(s) == [("?2.17.609", ("1",), False)]
    s = real(shared, "adala/law-103-13.ar.txt", "تم تغيير وتتميم الفصل 431أعاله")
    assert extract_text(s, uri=L103)[0].mention.position == "above"


def test_punctuation_moved_before_a_number(shared):
    s = real(shared, "adala/penal-code.consolidated-2024-08-22.ar.txt", "الشروط المقررة في الفصل .76")
    assert cites(s, uri=PC) == [("self", ("76",), False)]
    s = real(shared, "adala/law-103-13.ar.txt", "بمقتضى المادة 2من هذا القانون رقم .103.13")
    assert cites(s, uri=L103) == [("self", ("2",), False)]


def test_line_break_between_label_and_number(shared):
    s = real(shared, "adala/laws/ma-adala-judicial-org-386.txt", "المنصوص عليها في الفصل\n 16من القانون الجنائي.")
    assert cites(s) == [(PC, ("16",), False)]


def test_headings_are_not_citations(shared):
    text = (shared / "sources/adala/law-103-13.ar.txt").read_text(encoding="utf-8")
    real(shared, "adala/law-103-13.ar.txt", "إصدار تقرير سنوي عن حصيلة العمل.المادة 13")
    lines = {c.line for c in extract_text(text)}
    assert 42 not in lines and 46 not in lines and 410 not in lines  # «المادة 2», «الفصل 404», «العمل.المادة 13»


@pytest.mark.parametrize("noise", ["والفصل في الخصومات", "البطاقة رقم 3من السجل العدلي", "من 2.000إلى 20.000درهم"])
def test_no_false_citation(noise):
    assert cites(noise) == []
