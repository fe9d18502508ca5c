"""The ``zhen`` command: argparse -> library -> report -> exit status. No logic of its own.

Each subcommand lives in ``zhen_tools/cli/<name>.py`` with ``add_parser(subparsers)`` and
``run(args) -> int``; this module only wires them together. A run imports only the module of the
subcommand it names (name -> module by import, as sacrebleu loads its tokenizers): ``zhen check``
is a pre-commit hook, and importing ``align`` and ``glossary`` too cost a fifth of its start.
Without a subcommand (``zhen``, ``zhen --help``) every module is imported to list them all.
Run as the program (``main()`` without arguments) it also ends the process once the run is done,
skipping the interpreter's teardown (``_end_process``).
"""

from __future__ import annotations

import argparse
import atexit
import gc
import gettext
import importlib
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from enum import IntEnum
from typing import Any, TextIO, cast

from zhen_tools._version import __version__

__all__ = ["ExitStatus", "OutputError", "main", "reader_gone", "to_stdout"]

# The subcommands, each the module ``zhen_tools.cli.<name>``, in the order ``zhen --help`` lists them.
COMMANDS = ("detect", "segment", "check", "align", "glossary")


class ExitStatus(IntEnum):
    OK = 0
    FINDINGS = 1
    ERROR = 2


class _Parser(argparse.ArgumentParser):
    _checking = False

    def error(self, message: str) -> None:  # type: ignore[override]
        # One line, exit 2, as for every other input error.
        self.exit(ExitStatus.ERROR, f"{self.prog}: error: {message}\n")

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        self._checking = True
        try:
            return super().add_argument(*args, **kwargs)
        finally:
            self._checking = False

    def add_subparsers(self, **kwargs: Any) -> Any:
        self._checking = True
        try:
            return super().add_subparsers(**kwargs)
        finally:
            self._checking = False

    def _get_formatter(self) -> argparse.HelpFormatter:
        # add_argument builds a formatter only to check that the argument can be shown, and
        # add_subparsers to write the subcommands' prog ("zhen check") on one line; a formatter
        # asks the terminal its width, importing shutil for that (~2 ms of every start, for ~30
        # arguments). Neither needs the width (a prog wider than the terminal was wrapped into
        # the usage: now it stays one line): only help and usage messages ask for it.
        if self._checking:
            make: Callable[..., argparse.HelpFormatter] = self.formatter_class  # (all take width)
            return make(prog=self.prog, width=1 << 16)
        return super()._get_formatter()


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The ``zhen`` parser. Given the ``command`` about to run, only its module is imported and
    only its subparser built; the other subcommands stay bare names (never parsed into)."""
    parser = _Parser(prog="zhen", description="QA for English translations of Chinese news.")
    parser.add_argument("--version", action="version", version=f"zhen {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS:
        if command in (None, name):
            mod = importlib.import_module(f"zhen_tools.cli.{name}")
            p = mod.add_parser(sub)
            p.set_defaults(_run=mod.run)
        else:
            sub.add_parser(name)
    return parser


def _command(argv: Sequence[str]) -> str | None:
    """The subcommand ``argv`` names: its first word not an option (the top-level options
    ``--help`` and ``--version`` take no value), if that is a subcommand."""
    first = next((a for a in argv if not a.startswith("-")), None)
    return first if first in COMMANDS else None


# A check keeps every document's analyses alive for the run-scope rules; with the default
# threshold the cyclic collector rescans them over and over (~1 s on 10 MB) to free nothing. Set
# when the command's module is imported, so that the imports a run makes next (the subcommand's
# and the library's: a million objects) are not scanned over and over either (~2 ms of a start).
_GC_THRESHOLD = (100_000, 50, 100)
gc.set_threshold(*_GC_THRESHOLD)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``zhen`` with ``argv`` and return its exit status. Without ``argv`` (the ``zhen``
    command itself) the arguments are ``sys.argv[1:]`` and the process ends here with that status
    (``_end_process``), returning only when the exit is left to the interpreter."""
    gc.set_threshold(*_GC_THRESHOLD)  # again: a caller may have changed it since the import
    if argv is not None:
        return _main(argv)
    status = _main(sys.argv[1:])
    _end_process(status)
    return status


@contextmanager
def _one_catalogue() -> Iterator[None]:
    """argparse translates each of its messages with ``gettext.gettext``, which looks for the
    message catalogue anew on every call: a file test per language of the locale (and one per
    variant of it: four for ``en_US.UTF-8``), for each of the ~18 messages a start translates
    (1-5 ms). Here argparse asks the catalogue looked up once, as ``gettext`` would have found it
    (or none: the messages as written), for the time the parser is built and used."""
    domain = gettext.textdomain()
    catalogue = gettext.translation(domain, gettext.bindtextdomain(domain), fallback=True)
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = catalogue.gettext, catalogue.ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


def _main(argv: Sequence[str]) -> int:
    saved = sys.stderr
    if saved is None:  # started with standard error closed (`2>&-`)
        # Hold descriptor 2 on /dev/null, so that no file the run opens (a --fix, a report)
        # takes it and receives what is written to standard error.
        fd = os.open(os.devnull, os.O_WRONLY)
        if fd != 2:
            os.close(fd)
    sys.stderr = cast(TextIO, _Diagnostics(saved))
    try:
        return _run(argv)
    finally:
        sys.stderr = saved


class _Diagnostics:
    """Standard error for the time of a run. A diagnostic that cannot be written (standard error
    closed, `2>/dev/full`, or a reader gone: `zhen check ... 2>&1 >report | true`) is dropped:
    it must neither end the run nor change its exit status (a missing file is exit 2 whether or
    not its error line could be shown), nor end up in the report (``print(file=None)`` writes
    to standard output). Everything else is the stream's own."""

    def __init__(self, stream: TextIO | None) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        if self._stream is not None:
            try:
                self._stream.write(text)
            except OSError:
                self._drop()
        return len(text)

    def flush(self) -> None:
        if self._stream is not None:
            try:
                self._stream.flush()
            except OSError:
                self._drop()

    def isatty(self) -> bool:
        return self._stream is not None and self._stream.isatty()

    def _drop(self) -> None:
        """From now on nothing is written; what the stream still holds goes to /dev/null, so
        neither a later flush nor the interpreter's exit fails on it."""
        stream, self._stream = self._stream, None
        if stream is None:
            return
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, stream.fileno())
            os.close(devnull)
        except (OSError, ValueError):  # no descriptor of its own (a test's capture)
            return

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _run(argv: Sequence[str]) -> int:
    with _one_catalogue():
        parser = build_parser(_command(argv))
        args = parser.parse_args(argv)
        if not getattr(args, "_run", None):
            parser.print_help(sys.stderr)
            return ExitStatus.ERROR
    if sys.stdout is None:  # started with standard output closed (`zhen ... >&-`)
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115  (for the run: discarded, as print() does)
    try:
        return int(args._run(args))
    except BrokenPipeError:
        # `zhen ... | head`: the reader went away; not an error worth a traceback. A command
        # whose status is known before it writes (``check``) returns that status itself.
        reader_gone()
        return ExitStatus.OK
    except OutputError as exc:
        print(f"zhen: {exc}", file=sys.stderr)
        return ExitStatus.ERROR
    except KeyboardInterrupt:
        return 130


class OutputError(Exception):
    """Standard output could not be written (a full disk behind ``> report.txt``, ``/dev/full``):
    ``str()`` is the one-line error; the exit status is 2."""


def reader_gone() -> None:
    """After a ``BrokenPipeError`` on standard output (``zhen ... | head``: the reader went away):
    what is still buffered goes nowhere, so the exit's flush neither fails nor prints a traceback.
    The exit status stays the command's own."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


@contextmanager
def to_stdout() -> Iterator[None]:
    """Writing a command's output, flushed at the end: if the reader goes away meanwhile, the
    rest is dropped (``reader_gone``) and the command goes on to return its own exit status (the
    findings' status, decided before writing), not the dispatcher's 0; if the output cannot be
    written at all (a full disk), ``OutputError``."""
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        reader_gone()
    except OSError as exc:
        if exc.filename is not None:
            raise  # a file's error, not the output's
        reader_gone()  # what is left unwritten could not be written either
        raise OutputError(f"cannot write to standard output: {exc.strerror or exc}") from None


def _end_process(status: int) -> None:
    """End the process as the interpreter's exit would, less its teardown, which frees each of
    the run's objects one by one and first collects cycles among them all: ~30 ms after a check
    of the five seeds (a sixth of the run), to free memory the process is giving back anyway.
    Exit handlers run and standard output and error are flushed as at any exit (a failed flush
    gives status 120, as there). While another thread that an exit would wait for is
    running, the exit is left to the interpreter (with the collector's objects frozen, so that at
    least its collection skips them)."""
    gc.freeze()
    threading = sys.modules.get("threading")
    if threading is not None and any(
        t.is_alive() and not t.daemon and t is not threading.main_thread() for t in threading.enumerate()
    ):
        return
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and not stream.closed:
            try:
                stream.flush()
            except Exception:  # the reader went away: the interpreter's exit says 120
                status = 120
    os._exit(status)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
