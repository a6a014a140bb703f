"""lawtool.progress.Bar: the progress of publish's long steps on standard error."""

from __future__ import annotations

import io

from lawtool.progress import Bar


def test_not_a_terminal_a_line_every_five_percent():
    out = io.StringIO()
    bar = Bar(out, label="lawtool publish", terminal=False)
    for done in range(1, 1001):
        bar("pages built by mkdocs", done, 1000)
    bar.message("lawtool publish: next")
    for done in range(1, 4):
        bar("pages checked", done, 3)
    lines = out.getvalue().splitlines()
    built = [line for line in lines if "pages built by mkdocs" in line]
    assert built[0] == "lawtool publish: pages built by mkdocs: 1/1,000 (0 %)"
    assert built[-1] == "lawtool publish: pages built by mkdocs: 1,000/1,000 (100 %)"
    assert len(built) == 21  # 0, 5, ..., 100 %
    assert "lawtool publish: next" in lines
    assert [line for line in lines if "pages checked" in line][-1].endswith("3/3 (100 %)")
    assert "\r" not in out.getvalue()


def test_terminal_one_line_redrawn_then_ended():
    out = io.StringIO()
    bar = Bar(out, label="lawtool publish", terminal=True)
    for done in range(1, 501):
        bar("texts read", done, 500)
    bar.message("lawtool publish: a message")
    text = out.getvalue()
    assert text.startswith("\rlawtool publish: texts read [")
    assert "500/500 100 %\n" in text  # the finished bar ends its line
    assert text.count("\n") == 2  # the bar's line and the message: nothing else scrolls
    assert text.endswith("lawtool publish: a message\n")
