"""Pinyin keys of glossary entries' Chinese forms, to spot names rendered as pinyin.

Each ``zh`` form is read with every reading pypinyin knows (heteronyms), and every combination
of readings is folded to a key (no spaces, hyphens, apostrophes, tone marks or case; ``ü``/``v``
as ``u``): 石破茂 gives ``shipomao`` and ``danpomao``. Only keys of glossary forms are built, so
``Sina`` or ``Takaichi`` can never be "read as pinyin": a word sequence is pinyin only if it
spells the reading of a Chinese form the glossary lists. pypinyin is imported on first use, and
indexes are cached per glossary content, in memory and on disk (zhen_tools.text.cache): loading
pypinyin's tables costs ~0.25 s, which a pre-commit hook should pay once per glossary change.

>>> pinyin_keys("莱纳斯")
('lainasi', 'lainashi')
>>> pinyin_fold("Lái Nà-sī") == pinyin_fold("LAINASI")
True
"""

from __future__ import annotations

import itertools
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from zhen_tools._version import package_version
from zhen_tools.glossary.model import per_glossary
from zhen_tools.text.cache import cached_json
from zhen_tools.text.chars import is_han

if TYPE_CHECKING:
    from zhen_tools.glossary.model import Glossary

__all__ = ["MAX_READINGS", "PinyinIndex", "pinyin_fold", "pinyin_index", "pinyin_keys"]

# A form with more reading combinations than this keeps only its most likely reading per
# character plus the whole-phrase reading: the long tail is noise and costs memory.
MAX_READINGS = 64


def pinyin_fold(s: str) -> str:
    """Fold a Latin rendering to compare with pinyin keys: no marks, case, separators; ü/v -> u."""
    if s.isascii():  # NFKD and the mark filter change nothing in ASCII
        if not s.isalnum():
            s = "".join(c for c in s if c.isalnum())
        return s.lower().replace("v", "u")
    decomposed = unicodedata.normalize("NFKD", s.replace("ü", "u").replace("Ü", "U"))
    out = []
    for c in decomposed:
        if unicodedata.combining(c):
            continue
        if c.isalnum():
            out.append(c.lower())
    return "".join(out).replace("v", "u")


def _pypinyin() -> Any:
    """pypinyin, imported on first use (its phrase tables cost ~0.25 s)."""
    import pypinyin

    return pypinyin


@lru_cache(maxsize=4096)
def pinyin_keys(form: str) -> tuple[str, ...]:
    """Folded pinyin readings of a Chinese form, most likely first; () for non-Han forms."""
    pypinyin = _pypinyin()
    Style, lazy_pinyin, pinyin = pypinyin.Style, pypinyin.lazy_pinyin, pypinyin.pinyin

    if not any(map(is_han, form)):
        return ()
    readings = pinyin(form, style=Style.NORMAL, heteronym=True, errors="ignore")
    likely = pinyin_fold("".join(lazy_pinyin(form, style=Style.NORMAL, errors="ignore")))
    keys = [likely]
    count = 1
    for r in readings:
        count *= max(1, len(r))
    if count <= MAX_READINGS:
        keys.extend(pinyin_fold("".join(p)) for p in itertools.product(*readings))
    else:
        keys.append(pinyin_fold("".join(r[0] for r in readings if r)))
    return tuple(dict.fromkeys(k for k in keys if k))


@dataclass(frozen=True)
class PinyinIndex:
    """Folded pinyin key -> (entry id, Chinese form) pairs; ``max_words`` bounds how many text
    words one rendering can span (a syllable per word, at most)."""

    keys: dict[str, tuple[tuple[str, str], ...]]
    max_words: int
    # Every prefix of every key: a scan stops adding words as soon as it leaves this set.
    prefixes: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.keys)


def pinyin_index(glossary: Glossary) -> PinyinIndex:
    """The pinyin index of a glossary's ``zh`` forms, built once per glossary content.

    A key is left out when it is an accepted rendering of any entry (a Chinese person whose
    accepted English name is its pinyin), or when it is too short to be told from English words
    (fewer than two syllables or five letters).
    """
    return per_glossary(
        glossary, "pinyin-index", lambda g: _build(tuple((e.id, e.zh, e.accepted) for e in g.entries if e.zh))
    )


@lru_cache(maxsize=8)
def _build(content: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]) -> PinyinIndex:
    accepted = {pinyin_fold(f) for _, _, acc in content for f in acc}
    keys: dict[str, list[tuple[str, str]]] = {}
    max_words = 1
    forms = sorted({form for _, zh_forms, _ in content for form in zh_forms})
    readings = _cached_keys(forms)
    for entry_id, zh_forms, _ in content:
        for form in zh_forms:
            syllables = sum(map(is_han, form))
            if syllables < 2:
                continue
            for key in readings[form]:
                if len(key) < 5 or key in accepted:
                    continue
                pair = (entry_id, form)
                if pair not in keys.setdefault(key, []):
                    keys[key].append(pair)
                max_words = max(max_words, syllables)
    prefixes = frozenset(k[:i] for k in keys for i in range(len(k) + 1))
    return PinyinIndex({k: tuple(v) for k, v in keys.items()}, max_words, prefixes)


def _cached_keys(forms: list[str]) -> dict[str, tuple[str, ...]]:
    """``pinyin_keys`` of every form, from the disk cache when this set of forms was seen before
    with this pypinyin version (zhen_tools.text.cache)."""
    pv = package_version("pypinyin")
    value = cached_json("pinyin", [pv, MAX_READINGS, forms], lambda: {f: list(pinyin_keys(f)) for f in forms})
    return {f: tuple(value[f]) for f in forms}
