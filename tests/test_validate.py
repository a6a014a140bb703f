"""Validation: every rule firing on a small bad document and staying quiet on the good one,
foreign shapes of Akoma Ntoso read without a crash, the outputs, and the input problems."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import etree

from lawtool.akn import Document
from lawtool.eids import assign_eids
from lawtool.errors import InputError, NotAknError
from lawtool.validate import (
    FileReport,
    Finding,
    _check_sequence,
    format_human,
    schema,
    to_json,
    validate_document,
    validate_paths,
)

DATA = Path(__file__).parent / "data" / "validate"
GOOD = DATA / "act-ma-valid.xml"


# -- helpers ---------------------------------------------------------------------------------------------


def good_text() -> str:
    return GOOD.read_text(encoding="utf-8")


def mutated(*replacements: tuple[str, str]) -> Document:
    """The good act with each (old, new) replaced once; old must be there."""
    text = good_text()
    for old, new in replacements:
        assert text.count(old) >= 1, old
        text = text.replace(old, new, 1)
    return Document.from_bytes(text.encode("utf-8"), "<mutated>")


def kinds(findings: list[Finding]) -> list[tuple[str, str]]:
    return sorted((f.rule, f.severity) for f in findings)


def of_rule(findings: list[Finding], rule: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule]


ARTICLE = """<article><num>{num}</num>
  <paragraph><content><p>{text}</p></content></paragraph>
  <paragraph><content><p>{text}</p></content></paragraph>
  {extra}
</article>"""

QUOTED = """<paragraph><content><p><mod>يغير الفصل 447 كما يلي: <quotedStructure>
  <article><num>الفصل 447</num><content><p>نص جديد.</p></content></article>
  <article><num>الفصل 3</num><content><p>نص جديد.</p></content></article>
</quotedStructure></mod></p></content></paragraph>"""


def act_with_articles(
    nums: list[str],
    *,
    gaps: str | None = None,
    per_chapter: int = 0,
    text: str = "نص المادة.",
    quoted_in: int | None = None,
    quoted_after: int | None = None,
) -> bytes:
    """A lawtool-style act whose articles have the given <num> texts, with conventional eIds
    (from the generator), optional declared gaps and chapters of ``per_chapter`` articles; a
    quoted structure inside article ``quoted_in`` or in the body after article ``quoted_after``."""
    articles = [
        ARTICLE.format(num=num, text=text, extra=QUOTED if i == quoted_in else "")
        + (f'<hcontainer name="amendment">{QUOTED}</hcontainer>' if i == quoted_after else "")
        for i, num in enumerate(nums)
    ]
    if per_chapter:
        chunks = [articles[i : i + per_chapter] for i in range(0, len(articles), per_chapter)]
        body = "".join(
            f"<chapter><num>الباب {k}</num><heading>باب</heading>{''.join(chunk)}</chapter>"
            for k, chunk in enumerate(chunks, 1)
        )
    else:
        body = "".join(articles)
    proprietary = (
        (
            f'<proprietary source="#lawtool"><lawtool:numbering xmlns:lawtool="https://lawtool.ma/ns/1.0" '
            f'gaps="{gaps}"/></proprietary>'
        )
        if gaps is not None
        else ""
    )
    text = good_text()
    head = text[: text.index("<preface")]
    head = head.replace("</meta>", proprietary + "</meta>")
    root = etree.fromstring((head + f"<body>{body}</body></act></akomaNtoso>").encode("utf-8"))
    assign_eids(root)
    return etree.tostring(root, encoding="utf-8", xml_declaration=True)


def big_act(articles: int = 760) -> bytes:
    """A synthetic code of ``articles`` articles (~4 KB each, like the Penal Code), every 40th
    one an inserted article «الفصل 1-N»."""
    sentence = (
        "يعاقب بالحبس من سنة إلى خمس سنوات وبغرامة من ألفين إلى عشرين ألف درهم كل من قام عمدا "
        "بأي وسيلة بما في ذلك الأنظمة المعلوماتية بالتقاط أو تسجيل أو بث أو توزيع أقوال أو معلومات "
    )
    nums = []
    for n in range(1, articles + 1):
        nums.append(f"الفصل {n}")
        if n % 40 == 0:
            nums.append(f"الفصل 1-{n}")
    return act_with_articles(nums, per_chapter=25, text=sentence * 6)


def place(tmp_path: Path, relative: str, data: bytes | None = None) -> Path:
    path = tmp_path / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if data is not None else GOOD.read_bytes())
    return path


# -- the good document ----------------------------------------------------------------------------------


def test_minimal_lawtool_act_has_no_findings():
    assert validate_document(Document.load(GOOD)) == []
    [report] = validate_paths([GOOD])
    assert report.valid and report.findings == []


def test_schema_is_loaded_once():
    assert schema() is schema()


def test_synthetic_code_validates_clean():
    # The same shape as the Penal Code: chapters, ~800 articles with inserted ones.
    doc = Document.from_bytes(big_act(120), "<big>")
    assert validate_document(doc) == []


# -- schema ----------------------------------------------------------------------------------------------------


def test_schema_error_points_at_nearest_eid_and_line():
    doc = mutated(("<p>تتمم أحكام مجموعة القانون الجنائي.</p>", "<p>تتمم أحكام مجموعة القانون الجنائي.</p>\n<bogus/>"))
    [finding] = of_rule(validate_document(doc), "schema")
    assert finding.severity == "error" and finding.eid == "art_2"
    assert "bogus" in finding.message and "{" not in finding.message
    assert finding.line == doc.xpath("//a:bogus")[0].sourceline


def test_schema_error_in_meta_has_line_but_no_eid():
    doc = mutated(('<FRBRdate date="2018-03-12" name="Publication"/>', '<FRBRdate name="Publication"/>'))
    [finding] = of_rule(validate_document(doc), "schema")
    assert finding.eid is None and finding.line == 17 and "date" in finding.message


# -- eIds --------------------------------------------------------------------------------------------------


def test_duplicate_eid_is_reported_once_as_eid_unique():
    doc = mutated(('<paragraph eId="art_1__para_2">', '<paragraph eId="art_1__para_1">'))
    findings = validate_document(doc)
    [dup] = of_rule(findings, "eid-unique")
    assert (
        dup.eid == "art_1__para_1" and dup.severity == "error" and "first at line 42" in dup.message and dup.line == 47
    )
    assert of_rule(findings, "schema") == []  # the XSD's identity constraint is not repeated


def test_duplicate_wid_is_reported():
    doc = mutated(
        ('<article eId="art_2">', '<article eId="art_2" wId="art_3">'),
        ('<article eId="art_2-bis">', '<article eId="art_2-bis" wId="art_3">'),
    )
    [dup] = validate_document(doc)
    assert (dup.rule, dup.eid) == ("eid-unique", "art_2-bis") and "wId 'art_3'" in dup.message


def test_lawtool_document_eid_off_convention_is_an_error_per_element():
    doc = mutated(('<paragraph eId="art_1__para_2">', '<paragraph eId="art_1__p2">'))
    [finding] = validate_document(doc)
    assert (finding.rule, finding.severity, finding.eid) == ("eid-convention", "error", "art_1__p2")
    assert "'art_1__para_2'" in finding.message


def test_lawtool_document_missing_eid_is_reported():
    doc = mutated(('<chapter eId="chp_2">', "<chapter>"))
    [finding] = validate_document(doc)
    assert finding.rule == "eid-convention" and finding.eid is None
    assert "has no eId" in finding.message and "'chp_2'" in finding.message and finding.line


def test_unnumberable_num_is_a_finding_not_a_crash():
    doc = mutated(("<num>المادة 2</num>", "<num>(*)</num>"))
    findings = validate_document(doc)
    assert kinds(findings) == [("eid-convention", "error")]
    assert "cannot be computed" in findings[0].message


def test_other_countries_eid_style_gives_one_warning():
    findings = validate_document(Document.load(DATA / "za-act-attachments.xml"))
    assert kinds(findings) == [("eid-convention", "warning")]
    assert findings[0].message.startswith("6 eIds differ")


def test_same_change_in_a_foreign_document_is_a_warning():
    text = good_text().replace('<FRBRcountry value="ma"/>', '<FRBRcountry value="tn"/>').replace("/akn/ma/", "/akn/tn/")
    text = text.replace('<paragraph eId="art_1__para_2">', '<paragraph eId="art_1__p2">')
    findings = validate_document(Document.from_bytes(text.encode(), "<tn>"))
    assert kinds(findings) == [("eid-convention", "warning")]


# -- numbering ------------------------------------------------------------------------------------------------


def numbering(nums: list[str], **kwargs) -> list[Finding]:
    findings = validate_document(Document.from_bytes(act_with_articles(nums, **kwargs), "<act>"))
    assert of_rule(findings, "schema") == [] and of_rule(findings, "eid-convention") == []
    return [f for f in findings if f.rule.startswith("numbering")]


def test_consecutive_and_inserted_numbers_are_fine():
    assert (
        numbering(
            [
                "المادة الأولى",
                "المادة 2",
                "الفصل 1-2",
                "الفصل 2-2",
                "المادة 2 مكررة",
                "المادة 3",
                "الفصل 3 مكرر مرتين",
                "المادة الرابعة",
            ]
        )
        == []
    )


def test_duplicate_number_is_an_error():
    [finding] = numbering(["المادة 1", "المادة 2", "المادة الثانية"])
    assert (finding.rule, finding.severity) == ("numbering-duplicate", "error")
    assert finding.eid == "art_2_2" and "article 2 appears twice" in finding.message


def test_gap_is_a_warning_naming_the_missing_numbers():
    [finding] = numbering(["المادة 1", "المادة 2", "المادة 6"])
    assert (finding.rule, finding.severity, finding.eid) == ("numbering-gap", "warning", "art_6")
    assert "no article 3-5 between article 2 and article 6" in finding.message


def test_out_of_order_is_a_warning():
    [finding] = numbering(["المادة 1", "المادة 2", "المادة 3", "المادة 2 مكررة"])
    assert (finding.rule, finding.severity, finding.eid) == ("numbering-order", "warning", "art_2-bis")


def test_inserted_numbers_of_different_kinds_have_no_order():
    # The Penal Code: 607 مكرر, 607 مكرر مرتين, then 607-3 (added later, in another chapter).
    assert (
        numbering(["الفصل 606", "الفصل 607", "الفصل 607 مكرر", "الفصل 607 مكرر مرتين", "الفصل 607-3", "الفصل 608"])
        == []
    )
    assert numbering(["الفصل 447", "الفصل 1-447", "الفصل 447 مكرر", "الفصل 2-447", "الفصل 448"]) == []
    [finding] = numbering(["الفصل 1-447", "الفصل 447"])
    assert (finding.rule, finding.eid) == ("numbering-order", "art_447")


def sequence(numbers: list[str], allowed: list[tuple[int, int]] = ()) -> list[tuple[str, str, str | None]]:
    """_check_sequence on bare article numbers as number_from_num writes them."""
    articles = [(etree.Element("article", eId=f"art_{n}"), n) for n in numbers]
    return [(f.rule, f.severity, f.eid) for f in _check_sequence(articles, list(allowed))]


def test_a_range_of_repealed_articles_covers_its_numbers():
    assert sequence(["18", "19-to-23", "24"]) == []
    assert sequence(["18", "19-to-23", "26"]) == [("numbering-gap", "warning", "art_26")]
    assert sequence(["18", "19-to-23", "20"]) == [("numbering-order", "warning", "art_20")]
    assert sequence(["18", "19-to-23", "24"], [(20, 21)]) == [("numbering-gap", "info", None)]


def test_declared_gaps_silence_the_warning():
    assert numbering(["المادة 1", "المادة 2", "المادة 6", "المادة 290", "المادة 292"], gaps="3-5 7-289, 291") == []


def test_partly_declared_gap_reports_the_rest():
    [finding] = numbering(["المادة 1", "المادة 9"], gaps="2-4 8")
    assert "no article 5-7 between" in finding.message


def test_declared_gap_that_is_not_a_gap_is_info():
    [finding] = numbering(["المادة 1", "المادة 2"], gaps="2")
    assert (finding.rule, finding.severity) == ("numbering-gap", "info") and "2" in finding.message


def test_malformed_declared_gaps_is_an_error():
    [finding] = numbering(["المادة 1"], gaps="19-x 30-20")[:1]
    assert (finding.rule, finding.severity) == ("numbering-gap", "error") and "'19-x'" in finding.message
    assert len(numbering(["المادة 1"], gaps="19-x 30-20")) == 2


def test_huge_numbers_are_spans_not_lists():
    [finding] = numbering(["المادة 1", "المادة 999999999999"], gaps="2-999999999990")
    assert "no article 999999999991-999999999998 between" in finding.message


def test_quoted_articles_are_not_numbered_with_the_body():
    # The quoted «الفصل 447» and «الفصل 3» inside article 1 would be a gap and a disorder.
    assert numbering(["المادة 1", "المادة 2"], quoted_in=0) == []
    assert numbering(["المادة 1", "المادة 2"], quoted_after=0) == []


# -- FRBR -----------------------------------------------------------------------------------------------------


def test_missing_frbr_fields_are_errors():
    doc = mutated(
        ('<FRBRcountry value="ma"/>', ""), ('<FRBRlanguage language="ara"/>', ""), ('<FRBRauthor href="#lawtool"/>', "")
    )
    missing = of_rule(validate_document(doc), "frbr-missing")
    assert sorted(f.message for f in missing) == [
        "<FRBRExpression> has no <FRBRlanguage language=...>",
        "<FRBRManifestation> has no <FRBRauthor href=...>",
        "<FRBRWork> has no <FRBRcountry value=...>",
    ]


def test_missing_frbr_level_is_an_error():
    text = good_text()
    start, end = text.index("<FRBRManifestation>"), text.index("</FRBRManifestation>") + len("</FRBRManifestation>")
    doc = Document.from_bytes((text[:start] + text[end:]).encode(), "<x>")
    missing = of_rule(validate_document(doc), "frbr-missing")
    assert [f.message for f in missing] == ["<identification> has no <FRBRManifestation>"]


@pytest.mark.parametrize(
    "old, new, expected",
    [
        (
            '<FRBRuri value="/akn/ma/act/2018/103-13/ara@2018-03-12"/>',
            '<FRBRuri value="/akn/ma/act/2018/103-13/fra@2018-03-12"/>',
            "language 'fra' is not FRBRlanguage 'ara'",
        ),
        (
            '<FRBRdate date="2018-03-12" name="Publication"/>',
            '<FRBRdate date="2018-03-13" name="Publication"/>',
            "date 2018-03-12 is not its FRBRdate (2018-03-13)",
        ),
        (
            '<FRBRuri value="/akn/ma/act/2018/103-13"/>',
            '<FRBRuri value="/akn/ma/act/2018/103-14"/>',
            "is not of the work '/akn/ma/act/2018/103-14'",
        ),
        (
            '<FRBRthis value="/akn/ma/act/2018/103-13/ara@2018-03-12/!main"/>',
            '<FRBRthis value="/akn/ma/act/2018/103-13/ara@2019-01-01/!main"/>',
            "does not match FRBRuri",
        ),
        (
            '<FRBRuri value="/akn/ma/act/2018/103-13/ara@2018-03-12.akn"/>',
            '<FRBRuri value="/akn/ma/act/2018/103-13/fra@2018-03-12.akn"/>',
            "manifestation's FRBRuri",
        ),
        ('<FRBRcountry value="ma"/>', '<FRBRcountry value="tn"/>', "FRBRcountry 'tn'"),
        ('<FRBRuri value="/akn/ma/act/2018/103-13"/>', '<FRBRuri value="act 103-13"/>', "not an Akoma Ntoso FRBR URI"),
    ],
)
def test_frbr_disagreement_is_an_error(old, new, expected):
    findings = of_rule(validate_document(mutated((old, new))), "frbr-consistent")
    assert findings and all(f.severity == "error" for f in findings)
    assert any(expected in f.message for f in findings), [f.message for f in findings]


def test_file_in_its_place_under_law(tmp_path):
    path = place(tmp_path, "law/ma/act/2018/103-13/ara@2018-03-12.xml")
    assert validate_paths([tmp_path]) == [FileReport(str(path), [])]


def test_file_out_of_place_under_law_or_bills(tmp_path):
    place(tmp_path, "law/ma/act/2018/103-14/ara@2018-03-12.xml")
    place(tmp_path, "bills/ma/act/2018/103-13/fra@2018-03-12.xml")
    reports = validate_paths([tmp_path])
    assert [kinds(r.findings) for r in reports] == [[("frbr-place", "error")]] * 2
    assert "belongs at bills/ma/act/2018/103-13/ara@2018-03-12.xml" in reports[0].findings[0].message


def test_place_is_not_checked_outside_law_and_bills(tmp_path):
    place(tmp_path, "elsewhere/act.xml")
    assert validate_paths([tmp_path])[0].findings == []


def test_root_dir_decides_which_law_folder_counts(tmp_path):
    path = place(tmp_path, "law/repo/law/ma/act/2018/103-13/ara@2018-03-12.xml")
    doc = Document.load(path)
    assert validate_document(doc, root_dir=tmp_path / "law" / "repo") == []
    assert kinds(validate_document(doc, root_dir=tmp_path)) == [("frbr-place", "error")]


# -- internal hrefs ---------------------------------------------------------------------------------------------


def test_dangling_internal_href_is_an_error():
    doc = mutated(('href="#art_2"', 'href="#art_9"'))
    [finding] = validate_document(doc)
    assert (finding.rule, finding.severity, finding.eid) == ("href-internal", "error", "art_1__para_2")
    assert "'#art_9'" in finding.message


def test_dangling_frbr_author_is_an_error():
    doc = mutated(('<TLCOrganization eId="parliament"', '<TLCOrganization eId="house"'))
    assert kinds(validate_document(doc)) == [("href-internal", "error")] * 2


def test_href_to_wid_resolves_and_xml_id_does_not_in_lawtool_documents():
    doc = mutated(('<article eId="art_2">', '<article eId="art_2" wId="art_3">'), ('href="#art_2"', 'href="#art_3"'))
    assert validate_document(doc) == []
    doc = mutated(('<article eId="art_2">', '<article eId="art_2" xml:id="a2">'), ('href="#art_2"', 'href="#a2"'))
    assert kinds(validate_document(doc)) == [("href-internal", "error")]


def test_external_hrefs_are_left_alone():
    doc = mutated(('href="#art_2"', 'href="/akn/ma/act/1962/1-59-413/~art_999"'))
    assert validate_document(doc) == []


# -- other shapes of Akoma Ntoso ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, expected",
    [
        ("za-act-attachments.xml", [("eid-convention", "warning")]),
        ("it-act-xmlid.xml", [("eid-convention", "info"), ("numbering-gap", "warning")]),
        ("collection-components.xml", [("eid-convention", "warning"), ("numbering-duplicate", "error")]),
        ("debate-no-eids.xml", [("eid-convention", "info")]),
        ("judgment-guid.xml", [("eid-convention", "info")]),
    ],
)
def test_foreign_shapes(name, expected):
    [report] = validate_paths([DATA / name])
    assert kinds(report.findings) == expected, report.findings


def test_xml_id_document_resolves_hrefs_and_says_why_eids_are_not_checked():
    findings = validate_document(Document.load(DATA / "it-act-xmlid.xml"))
    info = of_rule(findings, "eid-convention")[0]
    assert "xml:id only" in info.message
    assert "no article 4 between article 3 and article 5" in of_rule(findings, "numbering-gap")[0].message


def test_components_are_numbered_each_on_their_own():
    findings = validate_document(Document.load(DATA / "collection-components.xml"))
    [dup] = of_rule(findings, "numbering-duplicate")
    assert dup.eid == "cmp_2__art_1_2"  # the memorandum's, not the embedded article of the bill


def test_dangling_href_in_a_foreign_document():
    text = (DATA / "judgment-guid.xml").read_text().replace('href="#b6e2f0c4-0002"', 'href="#b6e2f0c4-0009"')
    assert ("href-internal", "error") in kinds(validate_document(Document.from_bytes(text.encode(), "<j>")))


# -- input problems --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, line, words",
    [
        ("malformed.xml", 6, "not well-formed"),
        ("latin1.xml", 3, "not valid UTF-8"),
        ("empty.xml", None, "empty"),
    ],
)
def test_unreadable_files_are_xml_findings(name, line, words):
    [report] = validate_paths([DATA / name])
    [finding] = report.findings
    assert (finding.rule, finding.severity, finding.line) == ("xml", "error", line)
    assert words in finding.message and not report.valid


def test_doctype_is_an_xml_finding(tmp_path):
    path = place(tmp_path, "bomb.xml", b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aaaa">]>\n<x>&a;</x>\n')
    [finding] = validate_paths([path])[0].findings
    assert (finding.rule, finding.line) == ("xml", 2) and "DOCTYPE" in finding.message


def test_other_vocabularies_are_not_akn_findings(tmp_path):
    bare = place(tmp_path, "bare.xml", b'<act xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"/>')
    empty = place(tmp_path, "empty-akn.xml", b'<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"/>')
    reports = validate_paths([DATA / "not-akn.xml", bare, empty])
    assert [[f.rule for f in r.findings if f.rule == "not-akn"] for r in reports] == [["not-akn"]] * 3


@pytest.mark.parametrize("name", ["draft-csd13.xml", "legaldocml-de.xml"])
def test_draft_and_national_namespaces_raise(name):
    with pytest.raises(NotAknError, match="not Akoma Ntoso 3.0"):
        validate_paths([DATA / name])


def test_akoma_ntoso_without_namespace_raises(tmp_path):
    path = place(tmp_path, "old.xml", b"<akomaNtoso><act/></akomaNtoso>")
    with pytest.raises(NotAknError):
        validate_paths([path])


def test_missing_path_raises(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        validate_paths([tmp_path / "nope.xml"])


def test_folders_are_walked_sorted_skipping_hidden_and_non_xml(tmp_path):
    for name in ("b/act.xml", "a/act.xml", "a/z/act.xml", ".git/act.xml", "amendments/a1.yaml"):
        place(tmp_path, name)
    place(tmp_path, "a/bad.xml", b"<akomaNtoso")
    reports = validate_paths([tmp_path / "b", tmp_path, tmp_path / "a" / "act.xml"])
    names = [Path(r.path).relative_to(tmp_path).as_posix() for r in reports]
    assert names == ["a/act.xml", "a/bad.xml", "a/z/act.xml", "b/act.xml"]
    assert [r.valid for r in reports] == [True, False, True, True]


def test_a_file_named_is_checked_whatever_its_name(tmp_path):
    """A folder's non-XML files are not documents; a file the user names is read, and its problem said."""
    place(tmp_path, "amendments/a1.yaml", b"id: x\n")
    (report,) = validate_paths([tmp_path / "amendments/a1.yaml"])
    assert not report.valid and "not well-formed XML" in report.findings[0].message


def test_a_folder_without_xml_is_an_error_not_an_empty_success(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="no AKN XML file"):
        validate_paths([tmp_path / "empty"])


# -- output -------------------------------------------------------------------------------------------------------


def sample_reports() -> list[FileReport]:
    return validate_paths([GOOD, DATA / "it-act-xmlid.xml", DATA / "malformed.xml"])


def test_json_shape():
    data = json.loads(json.dumps(to_json(sample_reports())))
    assert [f["path"] for f in data["files"]] == [
        str(GOOD),
        str(DATA / "it-act-xmlid.xml"),
        str(DATA / "malformed.xml"),
    ]
    assert [f["valid"] for f in data["files"]] == [True, True, False]
    gap = data["files"][1]["findings"][1]
    assert gap == {
        "rule": "numbering-gap",
        "severity": "warning",
        "eid": None,
        "line": 65,
        "message": "no article 4 between article 3 and article 5 (declare intended gaps in <lawtool:numbering gaps>)",
    }


def test_human_format():
    lines = format_human(sample_reports()).splitlines()
    it, malformed = str(DATA / "it-act-xmlid.xml"), str(DATA / "malformed.xml")
    assert lines[0] == (
        f"{it}: info: eid-convention: the document identifies its elements by xml:id only: "
        "the eId convention was not checked"
    )
    assert lines[1].startswith(f"{it}:65: warning: numbering-gap: no article 4")
    assert lines[2].startswith(f"{malformed}:6: error: xml: not well-formed XML")
    assert lines[3] == "3 files checked, 1 invalid: 1 errors, 1 warnings, 1 info"
    assert len(lines) == 4


def test_human_format_uses_the_eid_when_there_is_one():
    doc = mutated(('href="#art_2"', 'href="#art_9"'))
    text = format_human([FileReport("law/x.xml", validate_document(doc))])
    assert text.splitlines()[0].startswith("law/x.xml:art_1__para_2: error: href-internal: ")
