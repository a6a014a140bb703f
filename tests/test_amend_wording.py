"""The wording of instructions in Moroccan legislative Arabic and in French: one example (or more)
per operation, as the bill names its elements, and the ordinals."""

from pathlib import Path

import pytest

from lawtool.akn import Document
from lawtool.amend import instructions, parse_amendment
from lawtool.amend.wording import number_ar, number_fr, ordinal_ar, ordinal_fr
from lawtool.eids import number_from_num

REPO = Path(__file__).resolve().parents[1]
V2 = REPO / "bills/ma/bill/2024/digital-violence/ara@2024-12-10.xml"
PENAL = REPO / "law/ma/act/1962/1-59-413/ara@2024-08-22.xml"
TARGET = "/akn/ma/bill/2024/digital-violence/ara@2024-12-10"


def word(op, bill, target=TARGET):
    a = parse_amendment(
        {"id": "w", "target": target, "proposer": "p", "date": "2025-01-01", "status": "proposed", "operations": [op]}
    )
    i = instructions(a, bill)[0]
    return i.text_ar, i.text_fr


CASES = [
    (
        {"op": "replace", "eid": "art_12", "text": "نص."},
        "تغير وتتمم أحكام المادة 12 على النحو التالي:",
        "L'article 12 est modifié et complété comme suit :",
    ),
    (
        {"op": "replace", "eid": "art_12__para_2", "text": "نص."},
        "تغير أحكام الفقرة الثانية من المادة 12 على النحو التالي:",
        "Le deuxième alinéa de l'article 12 est ainsi rédigé :",
    ),
    (
        {"op": "replace", "eid": "art_27", "num": "المادة 26 مكررة", "text": "نص."},
        "تغير وتتمم أحكام المادة 27 وتصبح المادة 26 مكررة على النحو التالي:",
        "L'article 27 devient l'article 26 bis et est modifié et complété comme suit :",
    ),
    (
        {"op": "replace", "eid": "chp_2", "heading": "الوقاية"},
        'يغير عنوان الباب الثاني على النحو التالي: "الوقاية"',
        "L'intitulé du chapitre 2 est ainsi rédigé :",
    ),
    (
        {"op": "substitute", "eid": "art_12__para_2", "find": "هذه المادة", "with": "المادتين 12 و12 مكررة"},
        'تعوض عبارة "هذه المادة" بعبارة "المادتين 12 و12 مكررة" في الفقرة الثانية من المادة 12',
        'Au deuxième alinéa de l\'article 12, les mots "هذه المادة" sont remplacés par les mots "المادتين 12 و12 مكررة"',
    ),
    (
        {"op": "substitute", "eid": "art_12__para_1", "find": "أو", "with": "و", "occurrence": 2},
        'تعوض عبارة "أو"، في ورودها الثاني، بعبارة "و" في الفقرة الأولى من المادة 12',
        'Au premier alinéa de l\'article 12, à la deuxième occurrence, les mots "أو" sont remplacés par les mots "و"',
    ),
    (
        {"op": "substitute", "eid": "art_17__para_1", "find": "أو عرض", "with": ""},
        'تحذف عبارة "أو عرض" من الفقرة الأولى من المادة 17',
        'Au premier alinéa de l\'article 17, les mots "أو عرض" sont supprimés',
    ),
    ({"op": "delete", "eid": "art_7"}, "تحذف المادة 7", "L'article 7 est abrogé"),
    (
        {"op": "delete", "eid": "art_12__para_2"},
        "تحذف الفقرة الثانية من المادة 12",
        "Le deuxième alinéa de l'article 12 est supprimé",
    ),
    (
        {"op": "delete", "eid": "art_1__para_1__point_3"},
        "يحذف البند 3 من الفقرة الأولى من المادة الأولى",
        "Le 3° du premier alinéa de l'article 1er est supprimé",
    ),
    (
        {"op": "insert", "after": "art_9", "num": "المادة 9 مكررة", "text": "نص."},
        "تضاف بعد المادة 9 مادة 9 مكررة تحرر كما يلي:",
        "Il est inséré après l'article 9 un article 9 bis ainsi rédigé :",
    ),
    (
        {"op": "insert", "before": "art_9", "num": "المادة 8 مكررة مرتين", "text": "نص."},
        "تضاف قبل المادة 9 مادة 8 مكررة مرتين تحرر كما يلي:",
        "Il est inséré avant l'article 9 un article 8 ter ainsi rédigé :",
    ),
    (
        {"op": "insert", "after": "art_12__para_1", "text": "نص."},
        "تضاف بعد الفقرة الأولى من المادة 12 فقرة جديدة تحرر كما يلي:",
        "Il est inséré après le premier alinéa de l'article 12 un alinéa ainsi rédigé :",
    ),
    (
        {"op": "insert", "into": "art_12", "text": "نص."},
        "تتمم المادة 12 بفقرة جديدة تحرر كما يلي:",
        "L'article 12 est complété par un alinéa ainsi rédigé :",
    ),
    (
        {"op": "insert", "after": "art_1__para_1__point_3", "num": "3 مكرر", "text": "نص."},
        "يضاف بعد البند 3 من الفقرة الأولى من المادة الأولى بند 3 مكرر يحرر كما يلي:",
        "Il est inséré après le 3° du premier alinéa de l'article 1er un 3° bis ainsi rédigé :",
    ),
    (
        {"op": "move", "eid": "art_4", "after": "art_17", "num": "المادة 17 مكررة مرتين"},
        "تنقل المادة 4 إلى ما بعد المادة 17 وتصبح المادة 17 مكررة مرتين",
        "L'article 4 devient l'article 17 ter et est placé après l'article 17",
    ),
    (
        {"op": "move", "eid": "art_4", "into": "chp_3"},
        "تنقل المادة 4 إلى آخر الباب الثالث",
        "L'article 4 est déplacé à la fin du chapitre 3",
    ),
    (
        {"op": "renumber", "eid": "art_27", "num": "المادة 28"},
        "تصبح المادة 27 المادة 28",
        "L'article 27 devient l'article 28",
    ),
    (
        {"op": "renumber", "eid": "art_1__para_1__point_3", "num": "4"},
        "يصبح البند 3 من الفقرة الأولى من المادة الأولى البند 4",
        "Le 3° du premier alinéa de l'article 1er devient le 4°",
    ),
    (
        {"op": "replace", "eid": "art_23__para_1__intro", "text": "نص."},
        "تغير أحكام المقطع التمهيدي من الفقرة الأولى من المادة 23 على النحو التالي:",
        "Le chapeau du premier alinéa de l'article 23 est ainsi rédigé :",
    ),
]


@pytest.mark.parametrize("op,arabic,french", CASES, ids=[f"{c[0]['op']}-{i}" for i, c in enumerate(CASES)])
def test_wording(v2, op, arabic, french):
    assert word(op, v2) == (arabic, french)


def test_every_operation_has_wording_examples():
    assert {c[0]["op"] for c in CASES} == {"replace", "substitute", "insert", "delete", "move", "renumber"}


def test_masculine_nouns_of_the_penal_code():
    """«الفصل» is masculine: يحذف الفصل, يضاف فصل ... يحرر."""
    penal = Document.load(PENAL)
    target = "/akn/ma/act/1962/1-59-413/ara@2024-08-22"
    assert word({"op": "delete", "eid": "art_447-1"}, penal, target) == (
        "يحذف الفصل 447-1",
        "L'article 447-1 est abrogé",
    )
    assert (
        word({"op": "insert", "after": "art_447-3", "num": "الفصل 447-4", "text": "نص."}, penal, target)[0]
        == "يضاف بعد الفصل 447-3 فصل 447-4 يحرر كما يلي:"
    )
    assert (
        word({"op": "renumber", "eid": "art_447-3", "num": "الفصل 447-3 مكرر"}, penal, target)[0]
        == "يصبح الفصل 447-3 الفصل 447-3 مكرر"
    )


def test_without_the_bill_names_come_from_the_eids():
    assert word({"op": "delete", "eid": "art_12-bis"}, None) == ("تحذف المادة 12 مكررة", "L'article 12 bis est abrogé")
    assert word({"op": "delete", "eid": "art_1"}, None)[0] == "تحذف المادة الأولى"


def test_ordinals_arabic_are_read_back_by_the_eid_rules():
    for n in range(1, 100):
        for feminine, label in ((True, "الفقرة"), (False, "الباب")):
            assert number_from_num(f"{label} {ordinal_ar(n, feminine)}") == str(n), (n, feminine)
    assert [ordinal_ar(n) for n in (1, 2, 11, 12, 21)] == [
        "الأولى",
        "الثانية",
        "الحادية عشرة",
        "الثانية عشرة",
        "الحادية والعشرون",
    ]
    assert [ordinal_ar(n, False) for n in (1, 3, 11)] == ["الأول", "الثالث", "الحادي عشر"]


def test_ordinals_french():
    assert [ordinal_fr(n) for n in (1, 2, 9, 11, 17, 21, 71, 80, 81, 99)] == [
        "premier",
        "deuxième",
        "neuvième",
        "onzième",
        "dix-septième",
        "vingt et unième",
        "soixante et onzième",
        "quatre-vingtième",
        "quatre-vingt-unième",
        "quatre-vingt-dix-neuvième",
    ]
    assert ordinal_fr(1, feminine=True) == "première"


def test_numbers():
    assert [number_ar(n) for n in ("1", "12", "12-bis", "12-ter")] == ["الأولى", "12", "12 مكررة", "12 مكررة مرتين"]
    assert number_ar("607-bis", feminine=False) == "607 مكرر"
    assert [number_fr(n) for n in ("1", "12-bis", "447-1")] == ["1er", "12 bis", "447-1"]
    assert number_fr("3-bis", point=True) == "3° bis"
