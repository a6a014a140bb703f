"""The HTML builder (lawtool.htmlbuild): text and attribute values escaped by default, what the
builder made kept, void elements; and the rule it serves: the standalone pages of the diff, the
comparison, the amendment list, blame and the PDF export write no tag by an f-string or by adding
strings."""

import ast
import re
from pathlib import Path

import pytest
from lxml import etree

from lawtool.htmlbuild import Html, concat, elem, join, lines, page, raw

HOSTILE = "<script>alert(\"x\")</script><img src=x onerror='alert(1)'> & é"
LAWTOOL = Path(__file__).resolve().parents[1] / "lawtool"
BUILT = ["diff/html.py", "diff/compare_render.py", "amend/listing.py", "amend/blame.py", "export_pdf.py", "pdf.py"]
TAG = re.compile(r"<[A-Za-z/!]")


def test_text_and_attribute_values_are_escaped():
    out = elem("a", HOSTILE, href=HOSTILE, title=None, class_="")
    assert out == (
        '<a href="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=&#x27;alert(1)&#x27;&gt; '
        '&amp; é">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=&#x27;alert(1)&#x27;&gt; '
        "&amp; é</a>"
    )
    root = etree.fromstring(elem("div", out), etree.HTMLParser())
    assert not root.xpath("//script|//img") and root.xpath("//a/@href") == [HOSTILE]


def test_what_the_builder_made_is_kept_and_plain_text_is_not():
    inner = elem("strong", "a & b")
    assert elem("p", inner, " & ", "<b>") == "<p><strong>a &amp; b</strong> &amp; &lt;b&gt;</p>"
    assert isinstance(inner, Html) and isinstance(elem("p"), Html)
    # a str that only looks like HTML is text
    assert elem("p", str(inner)) == "<p>&lt;strong&gt;a &amp;amp; b&lt;/strong&gt;</p>"
    assert elem("style", raw("a>b{}")) == "<style>a>b{}</style>"


def test_children_lists_none_and_attribute_names():
    assert elem("ul", [elem("li", n) for n in (1, 2)], None) == "<ul><li>1</li><li>2</li></ul>"
    assert (
        elem("td", "x", colspan=3, data_eid="art_1", class_="c") == '<td colspan="3" data-eid="art_1" class="c">x</td>'
    )
    assert join([("a", elem("i", "b")), "<c>"], "، ") == "a<i>b</i>، &lt;c&gt;"
    assert lines(["", "x", ""]) == "\nx\n" and concat("<", elem("br")) == "&lt;<br>"


def test_void_elements_have_no_end_tag_and_no_children():
    assert elem("meta", charset="utf-8") == '<meta charset="utf-8">' and elem("br") == "<br>"
    with pytest.raises(ValueError):
        elem("br", "x")


def test_a_page_is_well_formed_and_its_title_escaped():
    text = page(HOSTILE, "p{color:red}", [elem("p", HOSTILE)])
    assert text.startswith('<!DOCTYPE html>\n<html lang="ar" dir="rtl">\n<head>\n<meta charset="utf-8">\n')
    root = etree.fromstring(text.encode("utf-8"), etree.HTMLParser())
    assert root.xpath("string(//title)") == HOSTILE and root.xpath("string(//body/p)") == HOSTILE
    assert not root.xpath("//script|//img") and root.xpath("string(//style)") == "p{color:red}"


def _tags_written_by_hand(path: Path) -> list[str]:
    """Lines where an f-string, or a string added to another, holds a tag."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.JoinedStr):
            parts = [v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)]
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            parts = [
                s.value for s in (node.left, node.right) if isinstance(s, ast.Constant) and isinstance(s.value, str)
            ]
        else:
            continue
        if any(TAG.search(part) for part in parts):
            found.append(f"{path.name}:{node.lineno}")
    return found


@pytest.mark.parametrize("module", BUILT)
def test_no_tag_is_written_by_an_f_string_or_by_adding_strings(module):
    assert _tags_written_by_hand(LAWTOOL / module) == []


def test_the_check_finds_tags_written_by_hand(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('a = f"<td>{x}</td>"\nb = "<tr>" + x\nc = "x" + y\nd = f"{x} < {y}"\n', encoding="utf-8")
    assert _tags_written_by_hand(sample) == ["sample.py:1", "sample.py:2"]
