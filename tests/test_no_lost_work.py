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
