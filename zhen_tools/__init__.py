"""zhen_tools: QA for English translations of Chinese news.

Language spans, segmentation, glossary alignment of names and terms, and number checks, for
mixed Chinese/English text. Heavy libraries (jieba, langdetect, pypinyin) load only when needed.
"""

from __future__ import annotations

from zhen_tools.document import Document, DocumentError, document_from_text, read_document
from zhen_tools.findings import Finding, Severity
from zhen_tools.segment import Sentence, Token, split_sentences, tokenize
from zhen_tools.spans import Span, detect_spans

__version__ = "0.1.0"


def __getattr__(name: str):  # type: ignore[no-untyped-def]
    # The checking and glossary layers load on first use, so `import zhen_tools` stays cheap.
    if name == "check":
        from zhen_tools.engine import check

        return check
    if name in ("load_glossary", "Glossary", "Entry", "Match"):
        import zhen_tools.glossary as g

        return getattr(g, name)
    raise AttributeError(f"module 'zhen_tools' has no attribute {name!r}")


__all__ = [
    "Document",
    "DocumentError",
    "Finding",
    "Sentence",
    "Severity",
    "Span",
    "Token",
    "__version__",
    "check",
    "load_glossary",
    "detect_spans",
    "document_from_text",
    "read_document",
    "split_sentences",
    "tokenize",
]
