"""Hostile and broken input: refused or handled with a clear error, never a crash or a hang."""

import re
import subprocess
import sys

import pytest

from lawtool.akn import Document, parse_bytes
from lawtool.errors import InputError, LawtoolError
from lawtool.frbr import FrbrUri
from lawtool.importer import import_text

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
URI = FrbrUri.parse("/akn/ma/act/2018/1-18/ara@2018-01-01")


def lawtool(*args):
    return subprocess.run([sys.executable, "-m", "lawtool", *args], capture_output=True, text=True)


def test_deeply_nested_xml_is_refused_cleanly():
    data = (
        f'<akomaNtoso xmlns="{NS}"><act name="act"><body>'
        + "<hcontainer name='x'>" * 5000
        + "</hcontainer>" * 5000
        + "</body></act></akomaNtoso>"
    ).encode()
    with pytest.raises(InputError) as info:
        parse_bytes(data, "deep.xml")
    assert "deep.xml" in str(info.value)


def test_quadratic_blowup_is_refused(tmp_path):
    entity = "x" * 50000
    data = (
        f'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY e "{entity}">]>'
        f'<akomaNtoso xmlns="{NS}"><act name="act"><body><p>' + "&e;" * 50000 + "</p></body></act></akomaNtoso>"
    )
    path = tmp_path / "quadratic.xml"
    path.write_text(data)
    for command in ("info", "export"):
        result = lawtool(command, str(path))
        assert result.returncode == 2 and "DOCTYPE" in result.stderr and "Traceback" not in result.stderr
    # validate reports it as a finding of the file (and goes on with the other files): exit 1
    result = lawtool("validate", str(path))
    assert result.returncode == 1 and "DOCTYPE" in result.stdout and "Traceback" not in result.stderr


def test_xinclude_is_never_followed(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-CONTENT")
    data = (
        f'<akomaNtoso xmlns="{NS}" xmlns:xi="http://www.w3.org/2001/XInclude"><act name="act"><body>'
        f'<p><xi:include href="{secret}" parse="text"/></p></body></act></akomaNtoso>'
    )
    path = tmp_path / "xi.xml"
    path.write_text(data)
    result = lawtool("export", str(path))
    assert "SECRET-CONTENT" not in result.stdout + result.stderr


def test_huge_xml_file_is_refused_without_reading(tmp_path):
    path = tmp_path / "huge.xml"
    with open(path, "wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # 100 MB (sparse): refused on its size
    result = lawtool("info", str(path))
    assert result.returncode == 2 and "over the 64 MB limit" in result.stderr


def test_huge_text_file_is_refused_without_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.truncate(100 * 1024 * 1024)
    result = lawtool("import", str(path), "--frbr-uri", str(URI), "-o", str(tmp_path / "o.xml"))
    assert result.returncode == 2 and "limit for one text" in result.stderr
    assert not (tmp_path / "o.xml").exists()


def test_invisible_characters_in_article_numbers():
    text = "قانون\nالمادة 1\u200f\nنص أول.\nالفصل 447\u200e-1\nنص ثان.\nالمادة\u2067 2\u2069\nنص ثالث.\n"
    document, report = import_text(text, URI, repair=False)
    assert [a.get("eId") for a in document.articles()] == ["art_1", "art_447-1", "art_2"]
    assert report.repairs["invisible-character"] == 4


@pytest.mark.parametrize("char", ["\x00", "\x1b"])
def test_control_characters_are_refused(char):
    with pytest.raises(LawtoolError) as info:
        import_text(f"قانون\nالمادة 1\nنص{char}.\n", URI)
    assert "control character" in str(info.value) and ":3" in str(info.value)


def test_many_control_characters_are_refused():
    with pytest.raises(LawtoolError) as info:
        import_text("قانون\nالمادة 1\n" + "نص\x07" * 500 + ".\n", URI)
    assert "control character" in str(info.value) and ":3" in str(info.value)


def test_a_stray_control_character_of_a_pdf_page_header_is_dropped_and_reported():
    # the Adala extractions leave a few (U+0007, U+0008) in page headers: 21 texts of the corpus
    document, report = import_text("قانون\nالمادة 1\nنص\x08 أول.\n", URI)
    assert "\x08" not in document.to_bytes().decode()
    assert report.repairs["control-character"] == 1
    assert [(f.rule, f.line) for f in report.findings if f.rule == "control-character"] == [("control-character", 3)]


def test_bidi_override_in_xml_does_not_break_numbering(tmp_path):
    body = (
        '<article eId="art_1"><num>المادة \u202e1\u202c</num><paragraph eId="art_1__para_1"><content>'
        "<p>نص</p></content></paragraph></article>"
    )
    doc = Document.from_bytes(
        f'<akomaNtoso xmlns="{NS}"><act name="act"><body>{body}</body></act></akomaNtoso>'.encode()
    )
    from lawtool.eids import assign_eids

    assert assign_eids(doc.main) == {}


@pytest.mark.parametrize(
    "source", ["../../../../../../../../../../etc/passwd", "shared:../../../../../../etc/passwd", "/etc/passwd"]
)
def test_import_spec_cannot_leave_the_repository(tmp_path, source):
    work = tmp_path / "law/ma/act/2018/1-18"
    work.mkdir(parents=True)
    (work / "import.yaml").write_text(
        f"expressions:\n  - expression: /akn/ma/act/2018/1-18/ara@2018-01-01\n    source: '{source}'\n",
        encoding="utf-8",
    )
    result = lawtool("corpus", "build", "--root", str(tmp_path))
    assert result.returncode == 2 and "leads outside" in result.stderr and "Traceback" not in result.stderr
    assert not list(tmp_path.rglob("*.xml"))


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    + f']><akomaNtoso xmlns="{NS}"><act name="act"><body><p>&lol9;</p></body></act></akomaNtoso>'
)


@pytest.mark.parametrize(
    "command",
    [
        ["info"],
        ["export"],
        ["validate"],
        ["diff", "{bomb}"],
        ["xref", "extract"],
        ["xref", "mark"],
        ["xref", "check"],
        ["gaps"],
        ["penalties"],
        ["definitions"],
        ["amend", "from-diff", "{bomb}"],
    ],
    ids=" ".join,
)
def test_every_xml_command_refuses_an_entity_bomb(tmp_path, command):
    bomb = tmp_path / "bomb.xml"
    bomb.write_text(BILLION_LAUGHS, encoding="utf-8")
    args = [a.replace("{bomb}", str(bomb)) for a in command]
    result = lawtool(
        *args[: len(command) - (1 if "{bomb}" in command[-1] else 0)],
        str(bomb),
        *(args[-1:] if "{bomb}" in command[-1] else []),
    )
    assert result.returncode in (1, 2), result.stdout + result.stderr
    assert "DOCTYPE" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert "lollollol" not in result.stdout + result.stderr


# -- the published site cannot be turned against its readers or its host -------------------------------------

import shutil  # noqa: E402
from pathlib import Path  # noqa: E402

from publish_support import HOSTILE, SMALL, small_law, small_repo  # noqa: E402

REPO_DIR = Path(__file__).resolve().parents[1]


def publish_cli(root: Path, *args):
    return subprocess.run(
        [sys.executable, "-m", "lawtool", "publish", *args], capture_output=True, text=True, cwd=root, timeout=600
    )


def one_line_error(result, *words):
    assert result.returncode == 2, result.stdout + result.stderr
    errors = [line for line in result.stderr.splitlines() if not line.startswith("lawtool publish:")]
    assert len(errors) == 1 and errors[0].startswith("lawtool: error: "), result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in errors[0], errors[0]


def snapshot(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_publish_refuses_a_chapter_eid_leading_outside_the_site(tmp_path):
    document = small_law(articles=151)
    chapter = document.xpath("//a:chapter")[0]
    # build/site/akn/ma/act/2020/1-20/ara@2020-01-01/ is 8 folders below the repository
    chapter.set("eId", "../" * 8 + "victim")
    root = small_repo(tmp_path / "repo", document)
    victim = root / "victim" / "index.md"
    victim.parent.mkdir()
    victim.write_text("precious\n")
    one_line_error(publish_cli(root), "cannot name its page")
    assert victim.read_text() == "precious\n"
    assert not (root / "public").exists()
    # validate says so first
    result = lawtool("validate", str(root / "law"))
    assert result.returncode == 1 and "eid-unsafe" in result.stdout


def test_a_frbr_number_dotdot_is_invalid_and_a_failed_publish_keeps_the_old_site(tmp_path):
    root = small_repo(tmp_path / "repo")
    result = publish_cli(root)
    assert result.returncode == 0, result.stderr
    before = snapshot(root / "public")
    assert ".lawtool-generated" in before and "index.html" in before
    bad = small_law("/akn/ma/act/2020/1-21/ara@2020-01-01")
    bad_xml = bad.to_bytes().replace(b"/akn/ma/act/2020/1-21", b"/akn/ma/act/2020/..")
    path = root / "law/ma/act/2020/1-21/ara@2020-01-01.xml"
    path.parent.mkdir(parents=True)
    path.write_bytes(bad_xml)
    result = lawtool("validate", str(path))
    assert result.returncode == 1 and "'..'" in result.stdout and "frbr-consistent" in result.stdout
    one_line_error(publish_cli(root), "ara@2020-01-01.xml", "unsafe FRBR URI")
    assert snapshot(root / "public") == before
    assert sorted(p.name for p in root.iterdir()) == ["bills", "build", "law", "mkdocs.yml", "public", "site"]


def test_a_build_failing_late_keeps_the_old_site(tmp_path, monkeypatch):
    from lawtool.errors import LawtoolError
    from lawtool.publish import build, publish

    root = small_repo(tmp_path / "repo")
    out = tmp_path / "out"
    publish(root, out)
    before = snapshot(out)
    law = root / "law" / FrbrUri.parse(SMALL).relative_path()
    law.write_text(law.read_text(encoding="utf-8").replace("الاختبار.", "الاختبار الجديد."), encoding="utf-8")
    monkeypatch.setattr(build, "check_site", lambda site_dir, **kwargs: ["a broken link"])
    with pytest.raises(LawtoolError):
        publish(root, out)
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "repo"], "no half-built folder left beside"


def test_publish_never_replaces_a_folder_it_did_not_make(tmp_path):
    root = small_repo(tmp_path / "repo")
    out = tmp_path / "my-site"
    out.mkdir()
    (out / "sitemap.xml").write_text("<urlset/>")
    (out / "thesis.md").write_text("two years of work")
    one_line_error(publish_cli(root, "--out", str(out)), "not made by lawtool")
    assert sorted(p.name for p in out.iterdir()) == ["sitemap.xml", "thesis.md"]
    assert (out / "thesis.md").read_text() == "two years of work"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["my-site", "repo"]


def test_a_second_publish_of_one_checkout_waits_then_refuses(tmp_path):
    from lawtool.outputs import Lock

    root = small_repo(tmp_path / "repo")
    with Lock(root / "build" / "publish.lock"):
        result = publish_cli(root, "--wait", "1")
    one_line_error(result, "another lawtool publish", "publish.lock")
    assert not (root / "public").exists()


def test_the_corpus_zip_holds_regular_files_of_the_repository_only(tmp_path):
    import io
    import zipfile

    from lawtool.publish.build import corpus_zip

    root = small_repo(tmp_path / "repo")
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text("[remote] url = https://token@example.org/secret\n")
    secret = tmp_path / "outside"
    secret.mkdir()
    (secret / "key.txt").write_text("PRIVATE KEY")
    (root / "law" / "hostname.xml").symlink_to("/etc/hostname")
    (root / "bills" / "config").symlink_to(root / ".git" / "config")
    (root / "law" / "ma" / "elsewhere").symlink_to(secret, target_is_directory=True)
    warnings: list[str] = []
    data = corpus_zip(root, warnings.append)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        contents = b"".join(archive.read(n) for n in names)
    assert names == ["lawtool-corpus/law/ma/act/2020/1-20/ara@2020-01-01.xml"]
    assert b"token@" not in contents and b"PRIVATE KEY" not in contents
    assert len(warnings) == 3 and all("symbolic link" in w for w in warnings)


# -- corpus build recipes stay in the repository and never read what they write -------------------------------


def _corpus_repo(tmp_path) -> Path:
    """A repository with the bill's folder (three versions, amendments, recipe) only."""
    root = tmp_path / "repo"
    shutil.copytree(REPO_DIR / "bills/ma/bill/2024/digital-violence", root / "bills/ma/bill/2024/digital-violence")
    (root / "law").mkdir()
    return root


def test_a_source_naming_its_own_expression_is_refused(tmp_path):
    root = _corpus_repo(tmp_path)
    folder = root / "bills/ma/bill/2024/digital-violence"
    spec = folder / "import.yaml"
    spec.write_text(
        spec.read_text(encoding="utf-8").replace("source: source/ara@2024-05-14.txt", "source: ara@2024-05-14.xml"),
        encoding="utf-8",
    )
    before = snapshot(root)
    result = lawtool("corpus", "build", "--root", str(root))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "one of the files corpus build writes" in result.stderr, result.stderr
    assert snapshot(root) == before


@pytest.mark.parametrize(
    "field, value",
    [
        ("from", "../../../../../../../../../../etc/passwd"),
        ("from", "/etc/passwd"),
        ("amendments", "../../../../../../../../../../tmp/*.yaml"),
        ("amendments", "/tmp/*.yaml"),
        ("from", "ara@2025-02-18.xml"),
    ],
    ids=lambda v: v,
)
def test_an_amendment_recipe_cannot_leave_the_repository(tmp_path, field, value):
    root = _corpus_repo(tmp_path)
    recipe = root / "bills/ma/bill/2024/digital-violence/source/v2-to-v3.yaml"
    text = recipe.read_text(encoding="utf-8")
    old = {"from": "from: ara@2024-12-10.xml", "amendments": "amendments: amendments/*.yaml"}[field]
    recipe.write_text(text.replace(old, f"{field}: '{value}'"), encoding="utf-8")
    before = snapshot(root)
    result = lawtool("corpus", "build", "--root", str(root))
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 + sum(
        "same" in line or "changed" in line for line in result.stderr.splitlines()
    )
    assert ("leads outside" in result.stderr) or ("the expression it makes" in result.stderr), result.stderr
    assert snapshot(root) == before


# -- stored XSS: the XML downloads and the Content-Security-Policy ---------------------------------------------


def test_xml_downloads_are_written_again_without_foreign_markup():
    from publish_support import script_site

    root, site = script_site()
    published = (site / "akn/ma/act/2020/1-22/ara@2020-01-01.xml").read_bytes()
    for needle in (b"script", b"svg", b"xlink", b"xml-stylesheet", b"<?evil", b"__xss", b"xhtml"):
        assert needle not in published, needle
    assert "نص أول يبقى." in published.decode("utf-8")
    assert any("left out of the XML download" in n and "script" in n for n in script_site.notes)
    # the law without foreign markup is published as it is in the corpus
    law = "akn/ma/act/2020/1-20/ara@2020-01-01.xml"
    assert (site / law).read_bytes() == (root / "law/ma/act/2020/1-20/ara@2020-01-01.xml").read_bytes()
    # validate warns
    result = lawtool("validate", str(HOSTILE / "script-article.xml"))
    assert result.stdout.count("foreign-markup") == 6


def test_every_page_carries_a_content_security_policy_allowing_only_the_sites_scripts(tmp_path):
    from lxml import html
    from publish_support import script_site

    from lawtool.publish.csp import check_pages, policy

    _, site = script_site()
    pages = sorted(site.rglob("*.html"))
    assert pages and check_pages(site) == []
    csp = policy()
    tokens = csp.replace(";", " ").split()
    assert "'unsafe-inline'" not in tokens and "'unsafe-eval'" not in tokens
    # WebAssembly only (Pagefind's search), then the hashes of Material's fixed inline scripts
    assert "script-src 'self' 'wasm-unsafe-eval' 'sha256-" in csp
    for page in pages:
        metas = html.fromstring(page.read_bytes()).xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
        assert metas == [csp], page
    # a page holding an inline script the policy does not know fails the build's check
    shutil.copytree(site, tmp_path / "copy")
    victim = tmp_path / "copy" / pages[0].relative_to(site)
    victim.write_text(
        victim.read_text(encoding="utf-8").replace("</body>", "<script>alert(1)</script></body>"), encoding="utf-8"
    )
    assert any("inline script" in p for p in check_pages(tmp_path / "copy"))


# -- bounded reading and writing: devices and pipes never hang lawtool --------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["info", "/dev/zero"],
        ["validate", "/dev/zero"],
        ["diff", "/dev/zero", "/dev/zero"],
        ["amend", "show", "/dev/zero"],
        ["import", "/dev/zero", "--frbr-uri", SMALL, "-o", "{tmp}/o.xml"],
    ],
    ids=" ".join,
)
def test_dev_zero_as_input_fails_cleanly(tmp_path, args):
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    result = subprocess.run([sys.executable, "-m", "lawtool", *args], capture_output=True, text=True, timeout=60)
    assert result.returncode in (1, 2) and "Traceback" not in result.stderr, result.stderr
    assert "/dev/zero" in result.stdout + result.stderr
    assert not (tmp_path / "o.xml").exists()


def test_a_named_pipe_nobody_writes_reads_as_empty(tmp_path):
    import os

    fifo = tmp_path / "in.xml"
    os.mkfifo(fifo)
    result = subprocess.run(
        [sys.executable, "-m", "lawtool", "info", str(fifo)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2 and "empty" in result.stderr


def test_a_named_pipe_nobody_reads_as_output_does_not_hang(tmp_path):
    import os
    import time

    fifo = tmp_path / "out.txt"
    os.mkfifo(fifo)
    start = time.monotonic()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "lawtool",
            "export",
            str(REPO_DIR / "law/ma/act/2018/103-13/ara@2018-03-12.xml"),
            "-o",
            str(fifo),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2 and "no process reads" in result.stderr, result.stderr
    assert time.monotonic() - start < 30 and fifo.is_fifo()


# -- terminal escapes never reach the terminal raw ------------------------------------------------------------------

OSC = "\x1b]0;pwned\x07\x1b]8;;https:evil.example\x1b\\click\x1b]8;;\x1b\\\x1b[2J\x9b31m"  # no '/': a file name


def _no_raw_control(text: str) -> None:
    assert not any(c in text for c in "\x1b\x07\x9b"), repr(text)


def test_terminal_escapes_in_a_file_name_are_shown_not_sent(tmp_path):
    path = tmp_path / f"law{OSC}.xml"
    path.write_text("not xml", encoding="utf-8")
    for args in (
        ["info", str(path)],
        ["info", str(tmp_path / f"missing{OSC}.xml")],
        ["validate", str(path)],
        ["export", str(REPO_DIR / "law/ma/act/2018/103-13/ara@2018-03-12.xml"), "-o", str(path)],
    ):
        result = lawtool(*args)
        assert result.returncode in (1, 2) and "Traceback" not in result.stderr
        _no_raw_control(result.stdout + result.stderr)
        assert "\\x1b]0;pwned" in result.stdout + result.stderr
        assert len([line for line in result.stderr.splitlines() if line.startswith("lawtool: error:")]) <= 1


def test_terminal_escapes_in_an_amendment_are_shown_not_sent(tmp_path):
    amendment = tmp_path / "a.yaml"
    amendment.write_text(
        "id: a-1\ntarget: /akn/ma/bill/2024/digital-violence/ara@2024-12-10\n"
        'proposer: "\\e]0;pwned\\a team"\ndate: 2025-01-01\nstatus: proposed\noperations:\n'
        '  - op: insert\n    after: art_2__para_1\n    text: "\\e]8;;https://evil.example/\\e\\\\new\\x9b31m text"\n',
        encoding="utf-8",
    )
    result = lawtool("amend", "show", str(amendment))
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert "a control character (U+001B)" in result.stderr and re.search(r"a\.yaml:\d+: ", result.stderr)
    _no_raw_control(result.stdout + result.stderr)


def test_cr_only_line_endings_keep_the_lines():
    """A file with old Mac line endings (CR only) is not glued onto one line."""
    document, _ = import_text("قانون\rالمادة 1\rنص أول.\rالمادة 2\rنص ثان.\r", URI)
    assert [a.get("eId") for a in document.articles()] == ["art_1", "art_2"]


def test_arabic_presentation_forms_are_read_as_letters():
    """Shaped glyphs (U+FB50–U+FEFF) from a PDF extraction: the articles are found, and counted as a repair."""
    import unicodedata

    shaped = "".join(chr(0xFEDF) if c == "ل" else c for c in "قانون\nالمادة 1\nنص أول.\nالمادة 2\nنص ثان.\n")
    assert "\ufedf" in shaped and unicodedata.normalize("NFKC", "\ufedf") == "ل"
    document, report = import_text(shaped, URI)
    assert [a.get("eId") for a in document.articles()] == ["art_1", "art_2"]
    assert report.repairs["presentation-form"] == shaped.count("\ufedf")


def test_an_xml_declaration_that_lies_about_its_encoding_is_refused(tmp_path):
    """UTF-8 bytes declared ISO-8859-1 would be read as mojibake that validate accepts."""
    path = tmp_path / "lie.xml"
    path.write_bytes(
        f'<?xml version="1.0" encoding="ISO-8859-1"?><akomaNtoso xmlns="{NS}"><act name="act"><body>'
        '<article eId="art_1"><num>المادة 1</num><content><p>نص</p></content></article></body></act>'
        "</akomaNtoso>".encode()
    )
    result = lawtool("validate", str(path))  # a finding of validate: the file is invalid
    assert result.returncode == 1 and "ISO-8859-1" in result.stdout and "lie.xml" in result.stdout
    result = lawtool("info", str(path))  # any other command refuses it in one line
    assert result.returncode == 2 and "ISO-8859-1" in result.stderr and "lie.xml" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_a_file_name_with_line_breaks_cannot_inject_a_yaml_key(tmp_path):
    """amend from-diff writes the command line into the amendment's header comment: a file name
    holding a line break must not end the comment and add a key (issue 19, item 12)."""
    import shutil

    bill = REPO_DIR / "bills/ma/bill/2024/digital-violence"
    named = tmp_path / "a\nid: injected\nb.xml"
    shutil.copy(bill / "ara@2024-12-10.xml", named)
    out = tmp_path / "amendment.yaml"
    result = lawtool("amend", "from-diff", str(named), str(bill / "ara@2025-02-18.xml"), "-o", str(out))
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "\nid: injected" not in text and "a\\x0aid: injected" in text
    from lawtool.amend.model import read_yaml

    assert read_yaml(out)["id"] == "diff-2025-02-18"
