"""The ``zhen`` command: argparse -> library -> report -> exit status. No logic of its own.

Each subcommand lives in ``zhen_tools/cli/<name>.py`` with ``add_parser(subparsers)`` and
``run(args) -> int``; this module only wires them together.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence
from enum import IntEnum

from zhen_tools._version import __version__
from zhen_tools.cli import align, check, detect, glossary, segment

__all__ = ["ExitStatus", "main"]

# In the order ``zhen --help`` lists them.
COMMANDS = (detect, segment, check, align, glossary)


class ExitStatus(IntEnum):
    OK = 0
    FINDINGS = 1
    ERROR = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        # One line, exit 2, as for every other input error.
        self.exit(ExitStatus.ERROR, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="zhen", description="QA for English translations of Chinese news.")
    parser.add_argument("--version", action="version", version=f"zhen {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for mod in COMMANDS:
        p = mod.add_parser(sub)
        p.set_defaults(_run=mod.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # A check keeps every document's analyses alive for the run-scope rules; with the default
    # threshold the cyclic collector rescans them over and over (~1 s on 10 MB) to free nothing.
    gc.set_threshold(100_000, 50, 100)
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "_run", None):
        parser.print_help(sys.stderr)
        return ExitStatus.ERROR
    try:
        return int(args._run(args))
    except BrokenPipeError:
        # `zhen ... | head`: the reader went away; not an error worth a traceback.
        sys.stderr.close()
        return ExitStatus.OK
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
