"""Glossaries of names and terms: model, loading (TOML, TBX, CSV) and one-pass matching."""

from zhen_tools.glossary.load import load_glossary
from zhen_tools.glossary.model import Entry, Glossary, GlossaryError, Match, fold_key

__all__ = ["Entry", "Glossary", "GlossaryError", "Match", "fold_key", "load_glossary"]
