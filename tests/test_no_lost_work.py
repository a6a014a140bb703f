"""No lost work: writes are atomic, a killed run leaves the previous file intact, inputs are never
overwritten, and rewriting commands have a dry run."""

import subprocess
import sys
import textwrap


def lawtool(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "lawtool", *args], capture_output=True, text=True, cwd=cwd)


def test_killed_mid_write_leaves_previous_file(tmp_path):
    target = tmp_path / "law.xml"
    target.write_bytes(b"previous version\n")
    # The child writes through lawtool's atomic_write and is killed (SIGKILL) just before the rename.
    child = textwrap.dedent(f"""
        import os, signal
        import lawtool.akn as akn
        def killed(*args):
            os.kill(os.getpid(), signal.SIGKILL)
        akn.os.replace = killed
        akn.atomic_write({str(target)!r}, b"new version, half written" * 100000)
    """)
    result = subprocess.run([sys.executable, "-c", child], capture_output=True)
    assert result.returncode == -9
    assert target.read_bytes() == b"previous version\n"
    # the killed writer's temporary file (2.5 MB here) is removed by the next write of that file
    (stale,) = tmp_path.glob(".law.xml.*.tmp")
    assert stale.stat().st_size > 1_000_000
    from lawtool.akn import atomic_write

    atomic_write(target, b"next version\n")
    assert target.read_bytes() == b"next version\n" and not list(tmp_path.glob(".law.xml.*.tmp"))


def test_import_never_overwrites_its_input(tmp_path):
    source = tmp_path / "law.txt"
    source.write_text("قانون\nالمادة 1\nنص.\n", encoding="utf-8")
    before = source.read_bytes()
    result = lawtool("import", str(source), "--frbr-uri", "/akn/ma/act/2018/1-18/ara@2018-01-01", "-o", str(source))
    assert result.returncode == 2 and "the output is one of the inputs" in result.stderr
    assert source.read_bytes() == before


def test_export_never_overwrites_its_input(repo, tmp_path):
    copy = tmp_path / "law.xml"
    copy.write_bytes((repo / "law/ma/act/2018/103-13/ara@2018-03-12.xml").read_bytes())
    before = copy.read_bytes()
    result = lawtool("export", str(copy), "-o", str(copy))
    assert result.returncode == 2 and copy.read_bytes() == before


def test_failed_import_writes_nothing(tmp_path):
    source = tmp_path / "bad.txt"
    source.write_bytes(b"\xff\xfe not utf-8")
    out = tmp_path / "out.xml"
    out.write_bytes(b"keep me")
    result = lawtool("import", str(source), "--frbr-uri", "/akn/ma/act/2018/1-18/ara@2018-01-01", "-o", str(out))
    assert result.returncode == 2 and out.read_bytes() == b"keep me"


def test_corpus_build_dry_run_shows_the_diff_and_writes_nothing(repo, tmp_path):
    import shutil

    for top in ("bills",):
        shutil.copytree(repo / top, tmp_path / top)
    path = tmp_path / "bills/ma/bill/2024/digital-violence/ara@2024-05-14.xml"
    edited = path.read_text(encoding="utf-8").replace("أحكام عامة", "أحكام عامة (نسخة معدلة يدويا)", 1)
    path.write_text(edited, encoding="utf-8")
    result = lawtool("corpus", "build", "--dry-run", "--root", str(tmp_path))
    assert result.returncode == 1
    assert "-        <heading>أحكام عامة (نسخة معدلة يدويا)</heading>" in result.stdout
    assert "+        <heading>أحكام عامة</heading>" in result.stdout
    assert path.read_text(encoding="utf-8") == edited


def test_writing_to_a_device_or_a_link_keeps_it(tmp_path):
    import os

    from lawtool.akn import atomic_write

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    atomic_write(fifo, b"through the pipe")
    assert reader.communicate(timeout=10)[0] == b"through the pipe"
    assert fifo.is_fifo()
    real = tmp_path / "real.xml"
    real.write_bytes(b"old")
    link = tmp_path / "link.xml"
    link.symlink_to(real)
    atomic_write(link, b"new")
    assert link.is_symlink() and real.read_bytes() == b"new"
    atomic_write("/dev/null", b"nothing")
    assert not os.path.isfile("/dev/null")


# -- every command that writes: never over an input, never over an existing file unless asked --------------

BILL_DIR = "bills/ma/bill/2024/digital-violence"


def _bill_copy(repo, tmp_path):
    import shutil

    folder = tmp_path / "dv"
    shutil.copytree(repo / BILL_DIR, folder)
    return folder


def _refused(result, *words):
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


def test_xref_index_never_replaces_its_input(repo, tmp_path):
    folder = _bill_copy(repo, tmp_path)
    doc = folder / "ara@2024-12-10.xml"
    before = doc.read_bytes()
    _refused(lawtool("xref", "index", str(doc), "-o", str(doc), "--root", str(repo)), "one of the inputs")
    assert doc.read_bytes() == before
    # nor a file inside an input folder
    _refused(
        lawtool("xref", "index", str(folder), "-o", str(folder / "index.json"), "--root", str(repo)),
        "inside the input folder",
    )
    assert not (folder / "index.json").exists()


def test_history_never_writes_into_its_folder(repo, tmp_path):
    folder = _bill_copy(repo, tmp_path)
    doc = folder / "ara@2024-05-14.xml"
    before = doc.read_bytes()
    _refused(lawtool("history", str(folder), "-o", str(doc)), "inside the input folder")
    assert doc.read_bytes() == before


def test_amend_apply_without_output_never_replaces_the_next_version(repo, tmp_path):
    folder = _bill_copy(repo, tmp_path)
    v3 = folder / "ara@2025-02-18.xml"
    before = v3.read_bytes()
    args = [
        "amend",
        "apply",
        str(folder / "ara@2024-12-10.xml"),
        str(folder / "amendments/dv-ex-01.yaml"),
        "--date",
        "2025-02-18",
    ]
    _refused(lawtool(*args), "the output exists", "--overwrite")
    assert v3.read_bytes() == before
    result = lawtool(*args, "--overwrite")
    assert result.returncode == 0, result.stderr
    assert v3.read_bytes() != before


def test_xref_mark_and_definitions_rewrite_their_input_only_in_place(repo, tmp_path):
    folder = _bill_copy(repo, tmp_path)
    doc = folder / "ara@2024-12-10.xml"
    before = doc.read_bytes()
    _refused(lawtool("xref", "mark", str(doc), "-o", str(doc), "--root", str(repo)), "one of the inputs", "--in-place")
    _refused(lawtool("definitions", str(doc), "--link", str(doc)), "one of the inputs", "--in-place")
    assert doc.read_bytes() == before
    result = lawtool("definitions", str(doc), "--in-place")
    assert result.returncode == 0, result.stderr


def test_an_existing_output_is_replaced_only_with_force(repo, tmp_path):
    doc = repo / BILL_DIR / "ara@2024-05-14.xml"
    out = tmp_path / "out.txt"
    out.write_text("my notes\n")
    for args in (
        ["export", str(doc), "-o", str(out)],
        ["diff", str(doc), str(repo / BILL_DIR / "ara@2024-12-10.xml"), "-o", str(out)],
        ["history", str(repo / BILL_DIR), "-o", str(out)],
        ["xref", "index", str(doc), "-o", str(out), "--root", str(repo)],
        ["xref", "mark", str(doc), "-o", str(out), "--root", str(repo)],
        ["definitions", str(doc), "--link", str(out)],
        ["amend", "from-diff", str(doc), str(repo / BILL_DIR / "ara@2024-12-10.xml"), "-o", str(out)],
    ):
        _refused(lawtool(*args), "the output exists", "--force")
        assert out.read_text() == "my notes\n", args
    result = lawtool("export", str(doc), "-o", str(out), "--force")
    assert result.returncode == 0 and out.read_text() != "my notes\n"


def test_a_read_only_output_is_never_replaced(repo, tmp_path):
    doc = repo / BILL_DIR / "ara@2024-05-14.xml"
    out = tmp_path / "out.txt"
    out.write_text("keep me\n")
    out.chmod(0o444)
    _refused(lawtool("export", str(doc), "-o", str(out), "--force"), "read-only")
    assert out.read_text() == "keep me\n" and oct(out.stat().st_mode)[-3:] == "444"
