"""Coverage-guided fuzzing of the citation detector with atheris.

    .venv/bin/python fuzz/seeds.py
    .venv/bin/python fuzz/fuzz_xref.py -max_total_time=600 fuzz/corpus/xref

Any exception other than a LawtoolError is a crash: copy the crash-<hash> file that atheris writes
to tests/data/fuzz/xref/ so that tests/test_fuzz_regressions.py replays it for ever.
"""

import sys

import atheris

with atheris.instrument_imports():
    from lawtool.errors import LawtoolError
    from lawtool.xref import extract_text


def one_input(data: bytes) -> None:
    text = data.decode("utf-8", errors="replace")
    try:
        for citation in extract_text(text, uri="/akn/ma/act/2018/1-18"):
            str(citation)
    except LawtoolError:
        pass


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
