import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from lawtool import eids as eid_rules
from lawtool.akn import NS
from lawtool.eids import article_order, assign_eids, number_from_num, renumber
from lawtool.errors import EidError


@pytest.mark.parametrize(
    "num, expected",
    [
        ("المادة الأولى", "1"),
        ("المادة الأول", "1"),
        ("المادة 2", "2"),
        ("الفصل 1-447", "447-1"),
        ("الفصل 447-1", "447-1"),
        ("الفصل 1-1-503", "503-1-1"),
        ("الفصل 503-1-1", "503-1-1"),
        ("الفصل ١-٤٤٧", "447-1"),
        ("الفصل 607 المكرر", "607-bis"),
        ("الفصل 607المكرر", "607-bis"),
        ("الفصل 607 المكرر مرتين", "607-ter"),
        ("المادة 15المكررة مرتين", "15-ter"),
        ("المادة 12 مكررة", "12-bis"),
        ("الفصل 262 مكرر ثلاث مرات", "262-quater"),
        ("الفصل 448 ثالثا", "448-ter"),
        ("Article 447-1", "447-1"),
        ("article 12 bis", "12-bis"),
        ("الباب العاشر", "10"),
        ("الباب الحادي عشر", "11"),
        ("الكتاب الخامس والعشرون", "25"),
        ("الفرع الخامس المكرر", "5-bis"),
        ("المادة الفريدة", "unique"),
        ("أ)", "a"),
        ("ب", "b"),
        ("ج", "c"),
        ("3.", "3"),
        ("الفصل 447\u200f-1", "447-1"),
        ("الفصل 359 -1", "359-1"),
        ("الفصول 23 – 19", "19-to-23"),
        ("الفصول من 494 إلى 496", "494-to-496"),
    ],
)
def test_number_rules(num, expected):
    assert number_from_num(num) == expected


@given(
    label=st.sampled_from(["الفصل", "المادة", "فصل", "مادة", "ماده", "الماده"]),
    digits=st.from_regex(r"[0-9]{1,5}", fullmatch=True),
    before=st.sampled_from(["", " ", "  "]),
    after=st.sampled_from(["", " ", ".", ":", " :", " . ", " مكرر", "-1", " ثالثا", "\u200f"]),
)
def test_the_quick_reading_of_plain_numbers_agrees_with_the_rules(label, digits, before, after):
    """«الفصل 12»: read without the general rules (most numbers are so); the same number as the
    rules give, and a text the quick reading does not take goes through the rules."""
    text = f"{before}{label} {digits}{after}"
    bare, _ = eid_rules._without_label(text)
    bare, suffix = eid_rules._without_suffix(bare)
    by_rules = eid_rules._base_number(bare, text) + (f"-{eid_rules.LATIN_SUFFIXES[suffix - 1]}" if suffix else "")
    assert number_from_num(text) == by_rules


def test_unreadable_number():
    with pytest.raises(EidError):
        number_from_num("؟؟")


def _doc(body: str) -> etree._Element:
    return etree.fromstring(f'<akomaNtoso xmlns="{NS}"><act name="act"><body>{body}</body></act></akomaNtoso>')


BODY = """
<chapter><num>الباب الأول</num>
  <article><num>المادة الأولى</num>
    <paragraph><content><p>a</p></content></paragraph>
    <paragraph><intro><p>b:</p></intro>
      <point><num>أ</num><content><p>x</p></content></point>
      <point><num>ب</num><content><p>y</p></content></point>
    </paragraph>
  </article>
</chapter>
<chapter><num>الباب الثاني</num>
  <article><num>الفصل 1-447</num><paragraph><content><p>c</p></content></paragraph></article>
  <article><num>المادة 2</num><paragraph><content><p><mod>تغير:
    <quotedStructure><article><num>الفصل 404</num><paragraph><content><p>q</p></content></paragraph></article></quotedStructure>
  </mod></p></content></paragraph></article>
</chapter>"""


def eids(root):
    return [el.get("eId") for el in root.iter() if el.get("eId")]


def test_generator_worked_example():
    root = _doc(BODY)
    assign_eids(root)
    assert eids(root) == [
        "chp_1",
        "art_1",
        "art_1__para_1",
        "art_1__para_2",
        "art_1__para_2__intro",
        "art_1__para_2__point_a",
        "art_1__para_2__point_b",
        "chp_2",
        "art_447-1",
        "art_447-1__para_1",
        "art_2",
        "art_2__para_1",
        "art_2__para_1__mod_1",
        "art_2__para_1__mod_1__qstr_1",
        "art_2__para_1__mod_1__qstr_1__art_404",
        "art_2__para_1__mod_1__qstr_1__art_404__para_1",
    ]


def test_idempotent():
    root = _doc(BODY)
    assign_eids(root)
    first = etree.tostring(root)
    assert assign_eids(root) == {}
    assert etree.tostring(root) == first


def test_duplicates_get_suffix():
    root = _doc(
        "<article><num>المادة 3</num><content><p/></content></article>"
        "<article><num>المادة 3</num><content><p/></content></article>"
    )
    assign_eids(root)
    assert eids(root) == ["art_3", "art_3_2"]


def test_renumber_returns_map_and_keeps_wid():
    root = _doc(BODY)
    assign_eids(root)
    art = root.xpath("//*[@eId='art_447-1']")[0]
    art.find(f"{{{NS}}}num").text = "الفصل 447-2"
    renames = renumber(root)
    assert renames == {"art_447-1": "art_447-2", "art_447-1__para_1": "art_447-2__para_1"}
    assert art.get("wId") == "art_447-1"
    assert art.get("eId") == "art_447-2"


# -- the one article order (issue 18) ------------------------------------------------------------------

ORDERED_NUMS = [
    "الفصل 606",
    "الفصل 607",
    "الفصل 607 مكرر",
    "الفصل 607 مكرر مرتين",
    "الفصل 607 مكرر ثلاث مرات",
    "الفصل 607-1",
    "الفصل 607-1 مكرر",
    "الفصل 1-1-607",
    "الفصل 607-2",
    "الفصل 607-10",
    "الفصل 608",
    "الفصل 1000",
]


def test_one_order_of_article_numbers():
    """«مكرر» (bis), «مكرر مرتين» (ter), «ثلاث مرات» (quater) follow their base and come before the
    numbered insertions; multi-part numbers compare part by part, as numbers (607-2 < 607-10)."""
    numbers = [number_from_num(n) for n in ORDERED_NUMS]
    assert numbers[:5] == ["606", "607", "607-bis", "607-ter", "607-quater"]
    shuffled = list(reversed(numbers))
    assert sorted(shuffled, key=article_order) == numbers
    assert sorted(["art_607-quater", "art_607-ter", "art_607-bis"], key=article_order) == [
        "art_607-bis",
        "art_607-ter",
        "art_607-quater",
    ]


def test_every_order_of_lawtool_is_the_one_order():
    """validate's numbering check, the citation ranges and the site's amendment pages use it."""
    from lawtool.publish.amendments import _sort_key as site_key
    from lawtool.validate import _sort_key as validate_key
    from lawtool.xref.resolve import expand_range

    numbers = [number_from_num(n) for n in ORDERED_NUMS]
    assert sorted(reversed(numbers), key=lambda n: site_key("art_" + n)) == numbers
    assert sorted(reversed(numbers), key=validate_key) == numbers
    expanded, _ = expand_range("607", "607-2", numbers)
    assert expanded == numbers[1:9]
