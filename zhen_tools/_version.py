"""The version of zhen_tools, and the installed versions and requirements of distributions.

``__version__`` is read by the package, the CLI and the report signature. The others read an
installed distribution's ``<name>-<version>.dist-info`` folder on ``sys.path`` directly:
importing ``importlib.metadata`` costs some 20 ms (a third of a cold ``zhen check`` of one
file), and disk-cache keys and report signatures need only a version or the requirements. It
is still the answer where no such folder is found (an egg, a zip).
"""

from __future__ import annotations

import os
import sys
from functools import cache

__version__ = "0.1.0"

__all__ = ["__version__", "package_requires", "package_version"]


@cache
def package_version(name: str) -> str:
    """The installed version of distribution ``name`` ("?" if not installed), as
    ``importlib.metadata.version`` gives it, read from the ``<name>-<version>.dist-info`` folder
    name when there is one."""
    found = _dist_infos().get(_normalize(name))
    if found is not None:
        return found[0]
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as metadata_version

    try:
        return metadata_version(name)
    except PackageNotFoundError:
        return "?"


def package_requires(name: str) -> list[str] | None:
    """The ``Requires-Dist`` values of distribution ``name``, in order, as
    ``importlib.metadata.requires`` gives them (a folded line joined; [] for none), read from
    the ``METADATA`` file of its ``.dist-info`` folder; None where there is no such folder or
    file (then ask ``importlib.metadata``).

    >>> package_requires("no-such-distribution-zhen") is None
    True
    """
    found = _dist_infos().get(_normalize(name))
    if found is None:
        return None
    try:
        with open(os.path.join(found[1], "METADATA"), encoding="utf-8") as f:
            lines = f.read().split("\n\n", 1)[0].splitlines()  # the headers, before the body
    except (OSError, UnicodeDecodeError):
        return None
    out: list[str] = []
    header = ""
    for line in lines:
        if line[:1] in (" ", "\t"):  # a folded header goes on
            if header == "requires-dist" and out:
                out[-1] += " " + line.strip()
            continue
        header, _, value = line.partition(":")
        header = header.strip().lower()
        if header == "requires-dist":
            out.append(value.strip())
    return out


def _normalize(name: str) -> str:
    return name.lower().replace("-", "_")


@cache
def _dist_infos() -> dict[str, tuple[str, str]]:
    """Lower-case distribution name -> (version, its ``.dist-info`` folder), from the folder
    names on ``sys.path``, the first found of each name (as ``import`` finds it): one listing of
    the folders for every name asked (~0.5 ms each for a check's two)."""
    found: dict[str, tuple[str, str]] = {}
    for folder in sys.path:
        try:
            names = os.listdir(folder or ".")
        except OSError:
            continue
        for entry in names:
            if entry.endswith(".dist-info"):
                dist, _, version = entry[: -len(".dist-info")].partition("-")
                if dist and version and "-" not in version:
                    found.setdefault(dist.lower(), (version, os.path.join(folder or ".", entry)))
    return found
