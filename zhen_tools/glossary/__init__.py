"""Glossaries of names and terms: model, loading (TOML, TBX, CSV) and one-pass matching."""

from zhen_tools.glossary.model import Entry, Glossary, GlossaryError, Match, fold_key

__all__ = ["Entry", "Glossary", "GlossaryError", "Match", "fold_key", "load_glossary"]


def load_glossary(paths):  # type: ignore[no-untyped-def]
    """Load and validate glossary files or directories into one Glossary (see glossary.load)."""
    from zhen_tools.glossary.load import load_glossary as _load

    return _load(paths)
