"""DocContext: one document plus its lazily computed, cached analyses, shared by all rules."""

from __future__ import annotations

from collections.abc import Callable, Container
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from zhen_tools.findings import Finding, Severity, make_finding
from zhen_tools.glossary.model import per_glossary
from zhen_tools.text.document import Document

if TYPE_CHECKING:
    from zhen_tools.glossary.model import Glossary, Match
    from zhen_tools.text.names import NameSpan
    from zhen_tools.text.segment import Sentence, Token
    from zhen_tools.text.spans import Span

__all__ = ["DocContext"]

T = TypeVar("T")


class DocContext:
    """What the rules see of one document. Every analysis runs at most once, and only if a rule
    asks for it, so English-only text never pays for jieba."""

    def __init__(self, doc: Document, glossary: Glossary | None = None) -> None:
        self.doc = doc
        self.glossary = glossary
        self.memos: dict[str, Any] = {}

    def memo(self, key: str, compute: Callable[[DocContext], T]) -> T:
        """``compute(self)``, computed once per ``key``. A run-scope rule keeps its per-document
        part here (its ``collect``), so the engine can compute it where the document is checked
        -- in a worker process with ``--jobs`` -- and send back only the result.

        >>> from zhen_tools.text.document import document_from_text
        >>> ctx = DocContext(document_from_text("Chikyu left.", "a.txt"))
        >>> ctx.memo("length", lambda c: len(c.text)), ctx.memo("length", lambda c: 0)
        (12, 12)
        """
        if key not in self.memos:
            self.memos[key] = compute(self)
        return self.memos[key]  # type: ignore[no-any-return]

    @property
    def text(self) -> str:
        return self.doc.text

    @cached_property
    def spans(self) -> list[Span]:
        from zhen_tools.text.spans import detect_spans

        return detect_spans(self.doc.text)

    @cached_property
    def sentences(self) -> list[Sentence]:
        from zhen_tools.text.segment import split_sentences

        return split_sentences(self.doc.text)

    @cached_property
    def tokens(self) -> list[Token]:
        from zhen_tools.text.segment import tokenize

        return tokenize(self.doc.text, self.user_words)

    @property
    def user_words(self) -> tuple[str, ...]:
        if self.glossary is None:
            return ()
        return per_glossary(self.glossary, "user-words",
                                     lambda g: tuple(f for e in g.entries for f in (*e.zh, *e.ja)))

    @cached_property
    def ordinary_words(self) -> Container[str]:
        """Words never taken for a name at a sentence start: ``names.ORDINARY_WORDS`` plus every
        word this document writes in lower case (for ``in`` tests: each word asked about is
        looked up when first asked about)."""
        from zhen_tools.text.names import OrdinaryWords

        return OrdinaryWords(self.doc.text)

    @cached_property
    def names(self) -> list[NameSpan]:
        """Name-like spans (``zhen_tools.text.names.name_spans``), computed once for the near-miss and
        inconsistent-rendering rules alike."""
        from zhen_tools.text.names import name_spans

        return name_spans(self.doc.text, ordinary=self.ordinary_words)

    @cached_property
    def matches(self) -> list[Match]:
        return self.glossary.find(self.doc.text) if self.glossary is not None else []

    @cached_property
    def match_starts(self) -> list[int]:
        """``start`` of each of ``matches`` (which come in text order), for bisecting."""
        return [m.start for m in self.matches]

    def finding(
        self,
        start: int,
        end: int,
        rule: str,
        message: str,
        suggestion: str | None = None,
        severity: Severity | str | None = None,
    ) -> Finding:
        """A finding on this document; severity defaults to the rule's registered default."""
        if severity is None:
            from zhen_tools.rules.registry import default_severity

            severity = default_severity(rule)
        return make_finding(self.doc, start, end, rule, severity, message, suggestion)
