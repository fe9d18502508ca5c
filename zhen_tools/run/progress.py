"""A progress line on stderr for long runs: only on a terminal, never in pipes or CI logs.

It appears once a run has taken ``delay`` seconds (quick runs print nothing), redraws at most ten
times a second, and erases itself when done.

>>> import io
>>> p = Progress(stream=io.StringIO())   # not a terminal: disabled
>>> p.enabled
False
"""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO

__all__ = ["Progress", "progress_wanted"]


def progress_wanted(stream: TextIO) -> bool:
    """A progress line is shown only on an interactive stream outside CI (``CI`` unset)."""
    if os.environ.get("CI"):
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class Progress:
    """Callable ``(done, total)`` for ``zhen_tools.run.run(progress=...)``; call ``close()`` at the end."""

    def __init__(self, stream: TextIO | None = None, delay: float = 1.0, width: int = 30) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = progress_wanted(self.stream)
        self.delay = delay
        self.width = width
        self.started = time.monotonic()
        self.last = 0.0
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.started < self.delay or (now - self.last < 0.1 and done < total):
            return
        self.last = now
        filled = self.width * done // max(total, 1)
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(f"\r[{bar}] {done}/{total} files")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r" + " " * (self.width + 30) + "\r")
            self.stream.flush()
            self.shown = False
