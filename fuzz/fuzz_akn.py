"""Coverage-guided fuzzing of the Akoma Ntoso reader with atheris: bytes → safe parse → Document →
the XSD and lawtool's rules (validate_document), the article list, the text and Markdown exports.

    .venv/bin/pip install atheris
    .venv/bin/python fuzz/seeds.py
    .venv/bin/python fuzz/fuzz_akn.py -max_total_time=600 -rss_limit_mb=2048 fuzz/corpus/akn

Any exception other than a LawtoolError is a crash: copy the input atheris saves (crash-<hash>) to
tests/data/fuzz/akn/; tests/test_fuzz_regressions.py replays it for ever.
"""

import sys

import atheris

with atheris.instrument_imports():
    import lawtool.akn_walk  # noqa: F401
    import lawtool.eids  # noqa: F401
    import lawtool.export  # noqa: F401
    from lawtool.akn import Document, parse_bytes
    from lawtool.errors import LawtoolError
    from lawtool.export import to_markdown, to_text
    from lawtool.validate import validate_document


def one_input(data: bytes) -> None:
    try:
        document = Document(parse_bytes(data, "fuzz.xml"), "fuzz.xml")
        validate_document(document)
        document.articles()
        to_text(document, warn=lambda message: None)
        to_markdown(document, warn=lambda message: None)
    except LawtoolError:
        pass


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
