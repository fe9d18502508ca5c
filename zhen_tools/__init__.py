"""zhen_tools: QA for English translations of Chinese news.

Language spans, segmentation, glossary alignment of names and terms, and number checks, for
mixed Chinese/English text. Heavy libraries (jieba, langdetect, pypinyin) load only when needed.
"""

from __future__ import annotations

import gc

# The package's imports (``typing`` among them, when the caller has not imported it) make ~100k
# objects: the collector is not run over them again and again while they are made (~2 ms of a
# start); its setting is put back after.
_threshold = gc.get_threshold()
gc.set_threshold(100_000, 50, 100)
try:
    import dataclasses
    from typing import TYPE_CHECKING

    from zhen_tools._version import __version__
    from zhen_tools.text.cache import exec_cached

    # ``dataclasses`` writes each class's methods as text and compiles them (~0.4 ms a class, ~40
    # classes a run, a tenth of a start): for this package's classes the compiled code comes from
    # the program store instead (``text.cache.exec_cached``; other classes are compiled as ever).
    # Set before the package's first dataclass is made; the name is the module's own global.
    dataclasses.exec = exec_cached  # type: ignore[attr-defined]

    from zhen_tools.findings import Finding, Severity
    from zhen_tools.text.document import Document, DocumentError, document_from_text, read_document
finally:
    gc.set_threshold(*_threshold)

if TYPE_CHECKING:
    from zhen_tools.glossary import Entry, Glossary, Match, load_glossary
    from zhen_tools.run import RunOptions, check
    from zhen_tools.run.stream import check_pairs
    from zhen_tools.text.segment import Sentence, Token, split_sentences, tokenize
    from zhen_tools.text.spans import Span, detect_spans

# Public name -> module that defines it; loaded on first use so `import zhen_tools` (and every
# `zhen` start-up) pays only for what the input needs.
_LAZY = {
    "check": "zhen_tools.run",
    "check_pairs": "zhen_tools.run.stream",
    "RunOptions": "zhen_tools.run",
    "load_glossary": "zhen_tools.glossary",
    "Glossary": "zhen_tools.glossary",
    "Entry": "zhen_tools.glossary",
    "Match": "zhen_tools.glossary",
    "Sentence": "zhen_tools.text.segment",
    "Token": "zhen_tools.text.segment",
    "split_sentences": "zhen_tools.text.segment",
    "tokenize": "zhen_tools.text.segment",
    "Span": "zhen_tools.text.spans",
    "detect_spans": "zhen_tools.text.spans",
}


if not TYPE_CHECKING:  # type checkers read the imports above: a name not public is an error

    def __getattr__(name: str) -> object:
        module = _LAZY.get(name)
        if module is None:
            raise AttributeError(f"module 'zhen_tools' has no attribute {name!r}")
        import importlib

        value = getattr(importlib.import_module(module), name)
        globals()[name] = value
        return value


__all__ = [
    "Document",
    "DocumentError",
    "Entry",
    "Finding",
    "Glossary",
    "Match",
    "RunOptions",
    "Sentence",
    "Severity",
    "Span",
    "Token",
    "__version__",
    "check",
    "check_pairs",
    "detect_spans",
    "document_from_text",
    "load_glossary",
    "read_document",
    "split_sentences",
    "tokenize",
]
