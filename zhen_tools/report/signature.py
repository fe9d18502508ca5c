"""The run signature: what produced a report (tool version, glossaries by hash, dependency versions).

Like sacrebleu's signature, it makes a result reproducible: two runs with equal signatures on
equal input give equal findings. Versions and requirements come from installed package metadata,
read from the ``.dist-info`` folders (``zhen_tools._version``; ``importlib.metadata``, ~20 ms to
import, only where there is none); no dependency is imported to learn its version (importing
jieba or langdetect would cost a second), and ``platform`` loads only when a signature is made:
text and GitHub output, a pre-commit hook's formats, never need one.

>>> sig = signature([("japan-rare-earths", "glossaries/japan.toml", "1a2b3c4d" + "0" * 56)])
>>> sig["glossaries"][0]["name"], sig["glossaries"][0]["sha256"][:8]
('japan-rare-earths', '1a2b3c4d')
>>> sig["string"].split("|")[:2]
['zhen:0.1.0', 'glossaries:japan-rare-earths@1a2b3c4d']
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from zhen_tools._version import __version__, package_requires, package_version
from zhen_tools.text.lazyre import lazy_compile

if TYPE_CHECKING:
    from zhen_tools.report import Report

__all__ = ["DISTRIBUTION", "dependency_versions", "signature", "signature_string"]

DISTRIBUTION = "zhen-tools"

# Used when zhen_tools runs from a source tree without installed metadata; otherwise the
# installed distribution's own requirements are the list, so it follows pyproject.toml.
_FALLBACK_DEPENDENCIES = (
    "jieba",
    "langdetect",
    "regex",
    "pypinyin",
    "rapidfuzz",
    "confusables",
    "polib",
)

_NAME = lazy_compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def _runtime_requirements() -> tuple[str, ...]:
    reqs = package_requires(DISTRIBUTION)
    if reqs is None:
        import importlib.metadata

        try:
            reqs = importlib.metadata.requires(DISTRIBUTION) or []
        except importlib.metadata.PackageNotFoundError:
            return _FALLBACK_DEPENDENCIES
    names = []
    for req in reqs:
        marker = req.partition(";")[2]
        if "extra" in marker:
            continue  # dev tools do not change findings
        m = _NAME.match(req.strip())
        if m:
            names.append(m.group(0).lower())
    return tuple(names) or _FALLBACK_DEPENDENCIES


def _version(dist: str) -> str:
    version = package_version(dist)
    return "missing" if version == "?" else version


def dependency_versions() -> dict[str, str]:
    """Installed version of every runtime dependency (``missing`` when absent), by name."""
    return {name: _version(name) for name in _runtime_requirements()}


def signature(glossary_sources: Iterable[tuple[str, str, str]] = ()) -> dict[str, Any]:
    """The signature of a run with glossaries loaded from ``glossary_sources``.

    ``glossary_sources`` is ``Glossary.sources``: (glossary name, file path, sha256 of the file's
    bytes) per file. The result is JSON-ready and carries its compact form under ``string``.
    """
    import platform

    glossaries = [{"name": name, "path": str(path), "sha256": sha} for name, path, sha in glossary_sources]
    sig: dict[str, Any] = {
        "tool": "zhen",
        "version": __version__,
        "glossaries": glossaries,
        "dependencies": dependency_versions(),
        "python": platform.python_version(),
        # Script and width tables come from the interpreter's Unicode database.
        "unicode": unicodedata.unidata_version,
    }
    sig["string"] = signature_string(sig)
    return sig


def signature_string(sig: Mapping[str, Any]) -> str:
    """Compact one-line form: ``zhen:VERSION|glossaries:NAME@SHA8+...|DEP:VERSION|...``.

    >>> signature_string({"version": "0.1.0", "glossaries": [],
    ...                   "dependencies": {"jieba": "0.42.1", "regex": "2024.11.6"}})
    'zhen:0.1.0|glossaries:none|jieba:0.42.1|regex:2024.11.6'
    """
    gloss = sorted(f"{g['name']}@{str(g['sha256'])[:8]}" for g in sig.get("glossaries", ()))
    parts = [f"zhen:{sig.get('version', '?')}", "glossaries:" + ("+".join(gloss) or "none")]
    parts += [f"{name}:{ver}" for name, ver in sig.get("dependencies", {}).items()]
    return "|".join(parts)


def report_signature(report: Report) -> Mapping[str, Any]:
    """The report's signature, or, when the caller gave none, one naming no glossaries."""
    return report.signature or signature(())
