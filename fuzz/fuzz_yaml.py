"""Coverage-guided fuzzing of the YAML inputs with atheris: the one safe loader (lawtool.yaml_input),
then what reads its data — an amendment (parse_amendment) and an import.yaml's expressions
(corpus.import_expressions).

    .venv/bin/pip install atheris
    .venv/bin/python fuzz/seeds.py
    .venv/bin/python fuzz/fuzz_yaml.py -max_total_time=600 -rss_limit_mb=2048 fuzz/corpus/yaml

Any exception other than a LawtoolError is a crash: copy the input atheris saves (crash-<hash>) to
tests/data/fuzz/yaml/; tests/test_fuzz_regressions.py replays it for ever.
"""

import sys
from pathlib import Path

import atheris

with atheris.instrument_imports():
    import lawtool.amend.content  # noqa: F401
    from lawtool.amend.model import parse_amendment
    from lawtool.corpus import import_expressions
    from lawtool.errors import LawtoolError
    from lawtool.yaml_input import parse_yaml_text


def one_input(data: bytes) -> None:
    text = data.decode("utf-8", errors="replace")
    try:
        value = parse_yaml_text(text, "fuzz.yaml")
    except LawtoolError:
        return
    for read in (lambda: parse_amendment(value, "fuzz.yaml"), lambda: import_expressions(value, Path("fuzz.yaml"))):
        try:
            read()
        except LawtoolError:
            pass


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
