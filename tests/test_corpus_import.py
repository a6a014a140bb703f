"""lawtool corpus import-all on a sample of the Adala corpus: every kind imported, the report's
figures, incremental runs, refusals said in one line (the whole-corpus run is a benchmark)."""

import json
import shutil
import subprocess
import sys

from conftest import SHARED

from lawtool.akn import Document
from lawtool.corpus_import import import_all

SAMPLE = [
    "ma-adala-security-508.txt",  # a dahir that is itself the law
    "ma-adala-insurance-pension-7795.txt",  # a dahir around the law it promulgates
    "ma-adala-electronic-4576.txt",  # a decree with two annexes
    "ma-adala-hr-conventions-4289.txt",  # a single article approving a protocol
    "ma-adala-industry-economy-9140.txt",
]  # ordinal headings with footnote markers


def _sample(tmp_path):
    folder = tmp_path / "texts"
    folder.mkdir()
    for name in SAMPLE:
        shutil.copy(SHARED / "sources/adala/corpus" / name, folder / name)
    (folder / "empty.txt").write_text("", encoding="utf-8")
    return folder


def test_import_all_writes_valid_documents_and_a_report(tmp_path):
    folder, out = _sample(tmp_path), tmp_path / "build"
    report = import_all(folder, out, jobs=2, spelling=False)
    summary = report["summary"]
    assert summary["texts"] == 6 and summary["imported"] == 5 and summary["refused"] == 1
    assert report["refused"][0]["file"] == "empty.txt" and "empty" in report["refused"][0]["error"]
    assert summary["schema_invalid"] == [] and summary["zero_articles"] == 0
    by_file = {e["file"]: e for e in report["texts"]}
    assert by_file["ma-adala-security-508.txt"]["frbr_uri"] == "/akn/ma/act/1974/1-73-652/ara@1974-01-02"
    assert by_file["ma-adala-security-508.txt"]["counts"]["articles"] == 4
    pension = Document.load(out / "akn/ma-adala-insurance-pension-7795.xml")
    assert [a.get("eId") for a in pension.articles(include_promulgation=True)] == [
        "promulgation__art_1",
        "promulgation__art_2",
        "art_1",
        "art_2",
        "art_3",
    ]
    annexed = Document.load(out / "akn/ma-adala-electronic-4576.xml")
    assert annexed.main.find("{*}attachments") is not None
    assert json.loads((out / "report.json").read_text("utf-8"))["schema"] == "lawtool.corpus-import/1"
    assert "| articles |" in (out / "report.md").read_text("utf-8")


def test_the_report_counts_the_damage_signatures_left(tmp_path):
    """Finance law 9097 keeps words of a table whose two text layers the extraction interleaved (no
    certain reading): the importer marks them unreadable in the text, and the report names the text
    and the words apart from signatures left unmarked (none); a repaired text is not named."""
    folder = tmp_path / "texts"
    folder.mkdir()
    for name in ("ma-adala-finance-laws-9097.txt", "ma-adala-maritime-fishing-321.txt"):
        shutil.copy(SHARED / "sources/adala/corpus" / name, folder / name)
    report = import_all(folder, tmp_path / "build", jobs=1, spelling=False)
    assert report["summary"]["damage_signatures"] == {}
    marked = report["summary"]["unreadable_words"]
    assert list(marked) == ["ma-adala-finance-laws-9097.txt"]
    assert marked["ma-adala-finance-laws-9097.txt"]["االلبمغخااللي"] == 1
    markdown = (tmp_path / "build/report.md").read_text("utf-8")
    assert "| texts whose output holds a damage signature not marked unreadable | 0 |" in markdown
    assert "| texts with words marked unreadable (kept as printed) | 1 |" in markdown
    assert "«االلبمغخااللي» ×1" in markdown


def test_import_all_is_incremental(tmp_path):
    folder, out = _sample(tmp_path), tmp_path / "build"
    import_all(folder, out, jobs=1, spelling=False)
    again = import_all(folder, out, jobs=1, spelling=False)
    assert again["summary"]["reimported_this_run"] == 0
    changed = folder / "ma-adala-security-508.txt"
    changed.write_text(changed.read_text("utf-8") + "\n", encoding="utf-8")
    (folder / "ma-adala-hr-conventions-4289.txt").unlink()
    third = import_all(folder, out, jobs=1, spelling=False)
    assert third["summary"]["reimported_this_run"] == 1
    assert not (out / "akn/ma-adala-hr-conventions-4289.xml").exists()  # the build mirrors the sources


def test_import_all_cli_on_a_missing_folder_says_so_in_one_line(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "lawtool",
            "corpus",
            "import-all",
            str(tmp_path / "nowhere"),
            "--out",
            str(tmp_path / "b"),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2 and "not a folder" in result.stderr and "Traceback" not in result.stderr
