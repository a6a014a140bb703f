"""Property tests over every parser and transformer, seeded with real documents (hypothesis, fixed
seeds): never a crash or a traceback, only results or a LawtoolError; the invariants hold.

    importer          any slice of a real text, mutated: imports or fails cleanly; the result
                      exports and re-imports to the same structure (fixed point)
    AKN loader        real AKN bytes, mutated: loads or fails cleanly
    amendment YAML    a real amendment, mutated: loads or fails cleanly
    citations         real sentences, mutated: extraction never crashes; marking twice = once
    definitions       linking twice = linking once, on a mutated bill
    diff              diff(a, a) is empty on mutated documents
"""

from conftest import REPO, SHARED  # LAWTOOL_SHARED, else ../shared
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lawtool.akn import Document
from lawtool.errors import LawtoolError
from lawtool.export import to_text
from lawtool.frbr import FrbrUri
from lawtool.importer import import_text

LAW = (
    (SHARED / "sources/law-103-13/ar.txt")
    .read_text(encoding="utf-8")
    .split("# ==== END SOURCE HEADER ====")[1]
    .split("\n")
)
BILL_TEXT = (
    (REPO / "bills/ma/bill/2024/digital-violence/source/ara@2024-05-14.txt").read_text(encoding="utf-8").split("\n")
)
LAW_XML = (REPO / "law/ma/act/2018/103-13/ara@2018-03-12.xml").read_bytes()
BILL_XML = (REPO / "bills/ma/bill/2024/digital-violence/ara@2024-05-14.xml").read_bytes()
AMENDMENT = (REPO / "bills/ma/bill/2024/digital-violence/amendments/dv-ex-01.yaml").read_text(encoding="utf-8")
URI = FrbrUri.parse("/akn/ma/act/2018/1-18/ara@2018-01-01")
SETTINGS = dict(derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])

noise = st.lists(
    st.sampled_from(
        list("المادةالفصل 0123456789-.:؛،«»()أإآىةـًٌ")
        + ["\u200f", "المادة 7", "الباب الثاني", "- 1 ", "على النحو التالي:"]
    ),
    max_size=6,
).map("".join)


@st.composite
def mutated(draw, lines):
    """A slice of real lines with a few insertions, deletions and duplications."""
    start = draw(st.integers(0, max(0, len(lines) - 40)))
    chunk = list(lines[start : start + draw(st.integers(1, 60))])
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["insert", "delete", "duplicate", "cut"]))
        at = draw(st.integers(0, max(0, len(chunk) - 1)))
        if kind == "insert":
            chunk.insert(at, draw(noise))
        elif kind == "delete" and chunk:
            del chunk[at]
        elif kind == "duplicate" and chunk:
            chunk.insert(at, chunk[at])
        elif chunk:
            line = chunk[at]
            chunk[at] = line[: draw(st.integers(0, len(line)))]
    return "\n".join(chunk)


def shape(document: Document):
    return [(el.tag, el.get("eId"), (el.text or "").strip()) for el in document.body.iter() if isinstance(el.tag, str)]


@settings(max_examples=60, **SETTINGS)
@given(mutated(LAW) | mutated(BILL_TEXT))
def test_importer_never_crashes_and_exports_to_a_fixed_point(text):
    try:
        document, _ = import_text(text, URI)
    except LawtoolError:
        return
    exported = to_text(document)
    again, _ = import_text(exported, URI, repair=False)
    assert to_text(again) == exported
    third, _ = import_text(to_text(again), URI, repair=False)
    assert shape(third) == shape(again)


@st.composite
def mutated_bytes(draw, data: bytes):
    data = bytearray(data[: draw(st.integers(200, len(data)))])
    for _ in range(draw(st.integers(0, 8))):
        at = draw(st.integers(0, len(data) - 1))
        kind = draw(st.sampled_from(["flip", "delete", "insert"]))
        if kind == "flip":
            data[at] = draw(st.integers(0, 255))
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 20))]
        else:
            data[at:at] = draw(
                st.sampled_from(
                    [b"<", b"&", b"]]>", b"<!DOCTYPE x>", b"\xff", b"<p>", b"</body>", b' eId="art_1"', b"&#0;"]
                )
            )
    return bytes(data)


@settings(max_examples=80, **SETTINGS)
@given(mutated_bytes(LAW_XML) | mutated_bytes(BILL_XML))
def test_akn_loader_never_crashes(data):
    from lawtool.validate import validate_document

    try:
        document = Document.from_bytes(data, "mutated.xml")
    except LawtoolError:
        return
    validate_document(document)  # findings, never an exception
    to_text(document)


@settings(max_examples=80, **SETTINGS)
@given(st.data())
def test_amendment_loader_never_crashes(data):
    from lawtool.amend.model import parse_amendment, parse_yaml_text

    lines = AMENDMENT.split("\n")
    for _ in range(data.draw(st.integers(0, 5))):
        at = data.draw(st.integers(0, len(lines) - 1))
        lines[at] = data.draw(
            st.sampled_from(
                [
                    "",
                    "  - op: delete",
                    "id: [",
                    "!!python/object:os.system x",
                    "a: &x [*x, *x]",
                    "target: 5",
                    lines[at][: len(lines[at]) // 2],
                    "operations: {}",
                    "    eid: art_999",
                ]
            )
        )
    try:
        parse_amendment(parse_yaml_text("\n".join(lines), "mutated.yaml"), "mutated.yaml")
    except LawtoolError:
        pass


SENTENCES = [line for line in LAW if "الفصل" in line or "المادة" in line][:200]


@settings(max_examples=100, **SETTINGS)
@given(mutated(SENTENCES))
def test_citation_detector_never_crashes(text):
    from lawtool.xref import extract_text

    for citation in extract_text(text, uri="/akn/ma/act/2018/103-13"):
        assert 0 <= citation.start < citation.end <= len(text)
        assert citation.text == text[citation.start : citation.end]
        assert len(citation.hrefs) <= max(1, len(citation.articles))


def _mutated_bill(seed_text: str) -> Document:
    document, _ = import_text(
        seed_text, FrbrUri.parse("/akn/ma/bill/2024/digital-violence/ara@2024-05-14"), doctype="bill", repair=False
    )
    return document


@settings(max_examples=15, **SETTINGS)
@given(mutated(BILL_TEXT))
def test_marking_and_linking_are_idempotent(text):
    from lawtool.gaps.definitions import link_definitions
    from lawtool.xref.mark import mark_document

    try:
        document = _mutated_bill(text)
    except LawtoolError:
        return
    link_definitions(document)
    mark_document(document)
    once = document.to_bytes()
    again = Document.from_bytes(once)
    assert link_definitions(again) == 0 and mark_document(again) == 0
    assert again.to_bytes() == once


@settings(max_examples=15, **SETTINGS)
@given(mutated(BILL_TEXT))
def test_diff_of_a_document_with_itself_is_empty(text):
    from lawtool.diff import diff_documents

    try:
        document = _mutated_bill(text)
    except LawtoolError:
        return
    result = diff_documents(document, Document.from_bytes(document.to_bytes()))
    assert result.is_empty() and result.changes() == []
