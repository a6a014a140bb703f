"""Coverage-guided fuzzing of the importer (repair → layout → build → serialise) with atheris.

    .venv/bin/pip install atheris
    .venv/bin/python fuzz/fuzz_importer.py -max_total_time=600 fuzz/corpus/importer

Seeds: real sentences of the Adala texts (fuzz/seeds.py writes them into the corpus folder).  Any
exception other than a LawtoolError is a crash; atheris saves the input as crash-<hash>; copy it to
tests/data/fuzz/importer/ so that tests/test_fuzz_regressions.py replays it for ever.
"""

import sys

import atheris

with atheris.instrument_imports():
    # the importer imports its stages lazily: import them here so that they are instrumented
    import lawtool.eids  # noqa: F401
    import lawtool.importer.build  # noqa: F401
    import lawtool.importer.footnotes  # noqa: F401
    import lawtool.importer.layout  # noqa: F401
    import lawtool.importer.lifecycle  # noqa: F401
    import lawtool.importer.repair  # noqa: F401
    from lawtool.errors import LawtoolError
    from lawtool.frbr import FrbrUri
    from lawtool.importer import import_text

URI = FrbrUri.parse("/akn/ma/act/2018/1-18/ara@2018-01-01")


def one_input(data: bytes) -> None:
    text = data.decode("utf-8", errors="replace")
    try:
        document, _ = import_text(text, URI)
        document.to_bytes()
    except LawtoolError:
        pass


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
