"""A progress display on standard error for the long steps of a command (``lawtool publish``).

``Bar(stream)`` is a ``count(step, done, total)`` callback: on a terminal it redraws one line
(``lawtool publish: pages built by mkdocs [#######-----] 5,120/12,034 43 %``); elsewhere (a log, CI)
it writes a line when a step starts, every :data:`EVERY` percent, and when it ends.  ``message``
writes a plain line without breaking the bar.
"""

from __future__ import annotations

import sys
import time

EVERY = 5  # percent between two lines when the stream is not a terminal
WIDTH = 28  # characters of the bar
REDRAW = 0.1  # seconds between two redraws on a terminal


class Bar:
    def __init__(self, stream=None, label: str = "lawtool", terminal: bool | None = None):
        self.stream = stream if stream is not None else sys.stderr
        self.label = label
        self.terminal = self.stream.isatty() if terminal is None else terminal
        self.step: str | None = None
        self.shown = -1  # the last percentage written (not a terminal)
        self.drawn = 0.0  # when the bar was last drawn (terminal)
        self.open = False  # a bar line is on the screen, not ended

    def __call__(self, step: str, done: int, total: int) -> None:
        total = max(total, 1)
        percent = min(100, done * 100 // total)
        if step != self.step:
            self._end()
            self.step, self.shown, self.drawn = step, -1, 0.0
        if self.terminal:
            now = time.monotonic()
            if done < total and now - self.drawn < REDRAW:
                return
            self.drawn = now
            filled = WIDTH * done // total
            self.stream.write(
                f"\r{self.label}: {step} [{'#' * filled}{'-' * (WIDTH - filled)}] {done:,}/{total:,} {percent} %"
            )
            self.open = True
            if done >= total:
                self._end()
        elif self.shown < 0 or percent >= self.shown + EVERY or (done >= total and percent != self.shown):
            self.shown = percent - percent % EVERY if done < total else 100
            self.stream.write(f"{self.label}: {step}: {done:,}/{total:,} ({percent} %)\n")
        self.stream.flush()

    def message(self, text: str) -> None:
        self._end()
        self.stream.write(text + "\n")
        self.stream.flush()

    def _end(self) -> None:
        if self.open:
            self.stream.write("\n")
            self.open = False

    def close(self) -> None:
        self._end()
        self.stream.flush()
