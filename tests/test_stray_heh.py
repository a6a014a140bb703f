"""The stray «ه» printed for a space (importer/strayheh.py) and the context check's ``stray-heh``
kind (importer/context.py), on the corpus texts that show it and on texts that do not."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

import pytest
from conftest import SHARED

from lawtool.importer import import_text
from lawtool.importer.context import check_texts, load_model
from lawtool.importer.strayheh import reading, repair_line, shows_damage

CORPUS = SHARED / "sources/adala/corpus"
needs_shared = pytest.mark.usefixtures("shared")
DAMAGED = [
    "ma-adala-health-social-506.txt",
    "ma-adala-culture-tourism-489.txt",
    "ma-adala-culture-tourism-504.txt",
    "ma-adala-administrative-168.txt",
    "ma-adala-electronic-476.txt",
    "ma-adala-environmental-312.txt",
    "ma-adala-industry-economy-88.txt",
]


@cache
def _imported(name: str):
    return import_text((CORPUS / name).read_text("utf-8"), None, source_name=name)


def _article_text(name: str, eid: str) -> str:
    document, _ = _imported(name)
    [article] = [a for a in document.articles() if a.get("eId") == eid]
    return " ".join("".join(article.itertext()).split())


@pytest.mark.parametrize(
    ("run", "words"),
    [
        ("الجريدةهالرسميةهعدده", ("الجريدة", "الرسمية", "عدد")),  # an «ه» for each space
        ("منظومةه", ("منظومة",)),  # «ةه»: no Arabic word
        ("علىه", ("على",)),
        ("هالحصوله", ("الحصول",)),  # before and after
        ("منهه", ("منه",)),  # one «ه» a space, not two: «منه», not «من»
        ("اإلداريهوالمالي", ("اإلداري", "والمالي")),  # its ligature reversed too: the words as printed
        ("فيه", None),  # a word as printed: the context decides
        ("الجهة", None),
        ("عليه", None),
        ("هوقعه", ("وقعه",)),  # the fewest «ه» out: «وقعه بالعطف», not «وقع»
        ("بتجميعها", None),  # a pronoun suffix is no word: not «بتجميع ا»
        ("اهلمكلفة", None),  # an «ه» inside a word is no space: not «ا لمكلفة»
    ],
)
def test_a_run_with_a_stray_heh_reads_as_the_words_the_corpus_knows(run, words):
    assert reading(run) == words


def test_a_heh_glued_to_a_digit_or_a_mark_goes():
    repairs: list = []
    line = repair_line("-1هالجريدةهالرسميةهعدده6870هبتاريخه8هشعبانه1441ه(2هأبريله،)2020", 0, repairs, [])
    assert " ".join(line.split()) == "-1 الجريدة الرسمية عدد 6870 بتاريخ 8 شعبان 1441 (2 أبريل،)2020"
    assert {r.kind for r in repairs} == {"stray-heh"}
    # an «ه» before a waw: «أو», a word's last letter, the conjunction between numbers
    assert repair_line("تحف أ هو مجموعات", 0, [], []) == "تحف أو مجموعات"
    assert repair_line("على النح هو التالي", 0, [], []) == "على النحو التالي"
    assert " ".join(repair_line("البنود 1و 3ه هو 4", 0, [], []).split()) == "البنود 1و 3 و 4"
    assert repair_line("كما هو معلوم", 0, [], []) == "كما هو معلوم"


def test_what_the_stray_heh_pass_leaves_alone():
    assert repair_line("الحمد للّه وحده", 0, [], []) == "الحمد للّه وحده"  # harakat: the print's
    assert repair_line("جـهة أخرى", 0, [], []) == "جـهة أخرى"  # tatweel
    assert repair_line("(ه) يعاقب", 0, [], []) == "(ه) يعاقب"  # a list's label
    assert repair_line("مباشر،ههدايا", 0, [], []) == "مباشر،هدايا"  # one «ه» after the mark, not two
    assert repair_line("المتعلقة بهمه؛", 0, [], []) == "المتعلقة بهم؛"  # no space before the mark
    # a rare suffixed word the text prints twice is its own
    assert repair_line("وهيئاته", 0, [], [], Counter({"وهيئاته": 20})) == "وهيئاته"


def test_the_context_takes_out_a_stray_heh_that_made_a_real_word():
    model = load_model(edges=frozenset({"stray-heh"}))
    lines, report = check_texts(
        ["يقصد فيه مدلول هذا القانون بالمتحف كل مؤسسة", "بما في ذلك المعطيات المشار إليها منه قبل"],
        {"stray-heh"},
        model,
    )
    assert lines == ["يقصد في مدلول هذا القانون بالمتحف كل مؤسسة", "بما في ذلك المعطيات المشار إليها من قبل"]
    assert {d.kind for d in report.decisions} == {"stray-heh"}
    # the damage adds an «ه», never takes one out: a correct «فيه» is never a candidate to gain one
    kept, report = check_texts(["يقصد في مدلول هذا القانون"], {"stray-heh"}, model)
    assert kept == ["يقصد في مدلول هذا القانون"] and not report.decisions


@needs_shared
def test_only_the_texts_printed_with_the_stray_heh_show_it():
    damaged = sorted(p.name for p in CORPUS.glob("*.txt") if shows_damage(p.read_text("utf-8", errors="replace")))
    assert damaged == sorted(DAMAGED)


@needs_shared
def test_a_law_printed_with_a_stray_heh_reads_as_its_words():
    name = "ma-adala-culture-tourism-489.txt"  # the law on museums: «يقصد فيه مدلوله هذا القانونه بالمتحف كله ...»
    article_1 = _article_text(name, "art_1")
    assert "يقصد في مدلول هذا القانون بالمتحف كل مؤسسة" in article_1
    assert (
        "بشكل دائم تحف أو مجموعات متحفية أو لقى أثرية أو أعمال ذات قيمة فنية أو ثقافية أو تاريخية أو علمية" in article_1
    )
    assert "يمكن أن تحدث المتاحف من قبل كل شخص ذاتي أو شخص اعتباري" in _article_text(name, "art_3")
    # its headings «المادةه4» ... «المادةه31» read: 32 articles (8 before), and article 30's «على النح هو
    # التالي» announces the article of law 22.80 it replaces, quoted, not an article of this law
    document, report = _imported(name)
    assert [a.get("eId") for a in document.articles()] == [f"art_{k}" for k in range(1, 33)]
    assert "على النحو التالي" in _article_text(name, "art_30")
    assert "art_30__para_1__mod_1__qstr_1" in [q.get("eId") for q in document.main.iter("{*}quotedStructure")]
    assert report.repairs["stray-heh"] > 400 and "stray-heh" in report.context["kinds"]
    # one line says what the text is and that a word may still carry a stray «ه»
    [damage] = [f for f in report.findings if f.rule == "stray-heh-damage"]
    assert damage.severity == "warning" and f"{report.repairs['stray-heh']} runs read" in damage.message
    # what no reading split is listed (wordends.py's last pass), each with its line
    left = [u for u in report.uncertain if u["kind"] == "word-end"]
    assert left and all(u["line"] for u in left)


@needs_shared
def test_each_damaged_text_keeps_few_impossible_spellings():
    # «ةه», «ىه» (no Arabic word) in the text read: the runs no reading split, each listed as uncertain
    for name in DAMAGED:
        document, report = _imported(name)
        text = " ".join(" ".join(p.itertext()) for p in document.main.iter("{*}p"))
        left = re.findall(r"[ةى]ه", text)
        listed = [u for u in report.uncertain if u["kind"] == "word-end"]
        assert len(left) <= 2 * len(listed) + 2, name


@needs_shared
def test_a_text_without_the_damage_is_left_alone():
    # the Penal Code's «وجهه», «فيه», «منه» are its own words: the repair is gated on the text
    _, report = _imported("ma-adala-criminal-99.txt")
    assert "stray-heh" not in report.repairs and "stray-heh" not in report.context.get("kinds", [])
    assert "stray-heh-damage" not in {f.rule for f in report.findings}
