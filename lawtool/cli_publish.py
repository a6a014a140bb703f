"""The ``publish`` command: the corpus of ./law and ./bills → a static right-to-left site.

Light at import time (typer, lawtool.cli_base, lawtool.errors and lawtool.progress only); the library is imported inside
the command.
"""

from __future__ import annotations

from pathlib import Path

import typer

from lawtool.cli_base import run, say
from lawtool.errors import LawtoolError, clean
from lawtool.progress import Bar

app = typer.Typer()  # its commands are top-level commands of lawtool (lawtool.cli)


@app.command("publish")
def publish_cmd(
    out: Path | None = typer.Option(
        None, "--out", help="where to write the site (default: mkdocs.yml's site_dir, public/)"
    ),
    serve: bool = typer.Option(False, "--serve", help="then serve it on http://127.0.0.1:PORT/ until Ctrl-C"),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="port for --serve"),
    no_link_check: bool = typer.Option(False, "--no-link-check", help="skip the check of the built links"),
    wait: float = typer.Option(
        120.0, "--wait", help="seconds to wait for another publish of this checkout to finish before giving up"
    ),
    corpus: Path | None = typer.Option(
        None,
        "--corpus",
        help="also publish every text of this corpus build folder (made by lawtool corpus import-all, "
        "e.g. build/corpus), with browse pages",
    ),
):
    """Build the site from ./law and ./bills (run from the repository root): pages, downloads,
    mkdocs-material in strict mode, then a check of every internal link.  With --corpus, the
    texts of a corpus build folder too (a text whose work is in law/ is published once, from law/)."""

    bar = Bar(label="lawtool publish")

    def progress(message: str) -> None:
        bar.message(f"lawtool publish: {clean(str(message))}")

    def action():
        from lawtool.publish import publish

        if serve:
            _check_port(port)  # before a build of minutes, not after
        try:
            result = publish(
                Path("."),
                out,
                progress=progress,
                check_links=not no_link_check,
                lock_wait=wait,
                corpus=corpus,
                count=bar,
            )
        finally:
            bar.close()
        for note in result.notes:
            say(f"lawtool publish: {note if note.startswith('warning: ') else 'note: ' + note}")
        total = sum(result.timings.values())
        mkdocs = result.timings.get("mkdocs", 0.0)
        say(
            f"lawtool publish: {result.pages} pages in {total:.1f} s (lawtool {total - mkdocs:.1f} s, "
            f"mkdocs {mkdocs:.1f} s); search index {result.search_index_bytes / 1e6:.1f} MB"
        )
        typer.echo(
            f"Site built in {result.site_dir}. To read it, serve it: `lawtool publish --serve` (or "
            f"`make site-serve`) and open http://127.0.0.1:{port}/"
        )
        if serve:
            from lawtool.publish import serve as make_server

            server = make_server(result.site_dir, port)
            say(f"Serving {result.site_dir} on http://127.0.0.1:{port}/ (Ctrl-C to stop)")
            try:
                server.serve_forever()
            except KeyboardInterrupt:
                pass
            finally:
                server.server_close()

    run(action)


def _check_port(port: int) -> None:
    import socket

    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError as exc:
            raise LawtoolError(
                f"cannot serve on port {port}: {exc.strerror}",
                hint="stop the server that uses it, or choose another port with --port",
            ) from None
