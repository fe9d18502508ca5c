"""Helpers shared by subcommands: reading the documents named on the command line."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence

from zhen_tools.run.inputs import iter_paths
from zhen_tools.text.document import Document, DocumentError, read_document

__all__ = ["dump_json", "error", "iter_documents"]


def error(message: str) -> None:
    """Print a one-line error to stderr."""
    print(f"zhen: {message}", file=sys.stderr)


def iter_documents(paths: Sequence[str], failures: list[str]) -> Iterator[Document]:
    """Documents for every path (directories walked); unreadable files are reported on stderr,
    appended to ``failures`` and skipped, so the other files are still processed."""
    for path in iter_paths(paths):
        try:
            yield read_document(path)
        except DocumentError as exc:
            error(str(exc))
            failures.append(path)


def drain(docs: Iterator[Document]) -> None:
    """Read the documents ``iter_documents`` has not yielded yet, for their errors only: when
    the reader of the output goes away early (``zhen detect ... | head``) a file that cannot be
    read still gets its error line and makes the exit status 2, as without the pipe."""
    for _ in docs:
        pass


def dump_json(obj: object) -> None:
    json.dump(obj, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
