"""The inputs of a run: the options resolved (config, rules, glossary), paths expanded, explicit
pairs matched, inputs grouped into units closed under pairing, and the source/target pairs among
the documents found.

Pairs come from (in this order; a document joins at most one pairing):

- explicit pairs (``zhen check --source SRC --target TGT``, ``zhen align SRC TGT``);
- bilingual files (TSV/CSV with source and target columns, PO, XLIFF, TMX): one pair per file,
  one bead per translation unit, both sides in the same file;
- sibling files ``NAME.zh.EXT`` + ``NAME.en.EXT`` (also ``zh-Hans``, ``zh-CN``, ``en-US`` ...);
- digest documents (seed 002): a mostly-English document in which Chinese headline lines are
  each followed by English summary lines. Each headline and the English up to the next headline
  is a pair, flagged ``digest``: a summary is not a translation, so only ``glossary-mismatch``
  looks at it.

>>> from zhen_tools.text.document import document_from_text
>>> text = "高市早苗决定提前大选\\nMei Ri Jing Ji Xin Wen· 2026-01-13\\nTakaichi will dissolve the house.\\n"
>>> [pair] = find_pairs([DocContext(document_from_text(text, "digest.txt"))])
>>> pair.digest, [(b.source_text, b.target_text) for b in pair.beads]
(True, [('高市早苗决定提前大选', 'Mei Ri Jing Ji Xin Wen· 2026-01-13 Takaichi will dissolve the house.')])
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Union

from zhen_tools.align.aligner import Bead
from zhen_tools.align.digest import digest_beads, has_source_line
from zhen_tools.config import Config, find_config, load_config
from zhen_tools.formats import Unit, bilingual_format, read_units
from zhen_tools.glossary import GlossaryError, load_glossary
from zhen_tools.glossary.load import bundled_glossary_paths as _bundled
from zhen_tools.glossary.model import Glossary
from zhen_tools.rules.context import DocContext, PairContext
from zhen_tools.rules.registry import Rule
from zhen_tools.run.filter import known_rule_ids, select_rules
from zhen_tools.run.options import ConfigArg, GlossaryArg, RunOptions
from zhen_tools.text.document import (
    MAX_FILE_SIZE,
    Document,
    document_from_text,
    read_document,
    require_regular_file,
)
from zhen_tools.text.lazyre import compile_cached

__all__ = [
    "CODE_NAMES",
    "CODE_SUFFIXES",
    "Input",
    "Job",
    "bundled_glossary_paths",
    "expand_inputs",
    "find_pairs",
    "group_units",
    "is_code",
    "items_of",
    "iter_paths",
    "match_pairs",
    "pair_documents",
    "path_roles",
    "prepare",
    "resolve_config",
    "resolve_glossary",
    "sibling_key",
]

Input = Union[str, "os.PathLike[str]", Document, tuple[str, str]]
Item = str | Document
Side = Union[str, "os.PathLike[str]", Document, DocContext]

_SIBLING = compile_cached(
    r"^(?P<name>.+)\.(?P<lang>zh(?:[-_](?:hans|hant|cn|tw|hk|sg))?|en(?:[-_](?:us|gb|uk|au))?)"
    r"\.(?P<ext>[^.]+)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Job:
    """A run with its options resolved: the inputs to check (paths and Documents, in input order),
    the explicit pairs spelled as those inputs, the selected rules, the glossary and the config."""

    inputs: tuple[Item, ...]
    pairs: tuple[tuple[str, str], ...]
    rules: Mapping[str, Rule]
    glossary: Glossary | None
    config: Config
    options: RunOptions
    max_file_size: int | None = MAX_FILE_SIZE  # bytes one input may hold; None: no limit
    # The run's own files met among the inputs (the baseline, the report file, the config, the
    # glossaries in use), named or walked, and left out: settings and records, not translations.
    own: tuple[str, ...] = ()


def prepare(paths_or_texts: Input | Iterable[Input], options: RunOptions) -> Job:
    """Resolve the options for these inputs: config, rules, glossary, inputs expanded, explicit
    pairs matched. Raises ConfigError or GlossaryError (one line each) for a bad config,
    selector or glossary."""
    items = items_of(paths_or_texts)
    cfg = resolve_config(options.config, items, known_rule_ids())
    selected = select_rules(options.select, options.ignore, cfg, options.rules)
    gloss = resolve_glossary(options.glossary, cfg)
    # The run's own files are its settings, records and report, not translations: never checked,
    # named or walked (pre-commit names every changed file, a glossary edit or a baseline update
    # among them).
    glossary_files = [path for _, path, _ in gloss.sources] if gloss is not None else []
    own_files = [p for p in (options.baseline, options.output, cfg.baseline, cfg.path, *glossary_files) if p]
    own = frozenset(os.path.normcase(f(p)) for p in own_files for f in (os.path.abspath, os.path.realpath))
    met: list[str] = []
    inputs = expand_inputs(items, cfg, skip=own, skipped=met)
    pairs = match_pairs(options.pairs, inputs)
    return Job(
        tuple(inputs), tuple(pairs), selected, gloss, cfg, options, max_file_size(options, cfg), tuple(met)
    )


def max_file_size(options: RunOptions, config: Config) -> int | None:
    """The limit on one input's bytes: the option's, else the config's, else 50 MB; 0 is none.

    >>> max_file_size(RunOptions(max_file_size=0), Config(max_file_size=10)), max_file_size(RunOptions(), Config())
    (None, 52428800)
    """
    size = next((s for s in (options.max_file_size, config.max_file_size) if s is not None), MAX_FILE_SIZE)
    return size or None


def items_of(paths_or_texts: Input | Iterable[Input]) -> list[Input]:
    """A single path or Document as a list of one; any other iterable as a list."""
    if isinstance(paths_or_texts, (str, os.PathLike, Document)):
        return [paths_or_texts]
    return list(paths_or_texts)  # type: ignore[arg-type]


# -- config and glossary --------------------------------------------------------------------


def _config_start(items: Sequence[Input]) -> str:
    dirs = []
    for it in items:
        if isinstance(it, (str, os.PathLike)) and os.fspath(it) != "-":
            p = os.path.abspath(os.fspath(it))
            dirs.append(p if os.path.isdir(p) else os.path.dirname(p))
    if not dirs:
        return os.getcwd()
    try:
        return os.path.commonpath(dirs)
    except ValueError:  # different drives
        return os.getcwd()


def resolve_config(config: ConfigArg, items: Sequence[Input], known_rules: Collection[str]) -> Config:
    """The Config for a run: discovered from the common folder of the path inputs (None/True),
    loaded from a path, used as given, or the defaults (False)."""
    if config is False:
        return Config()
    if config is None or config is True:
        return find_config(_config_start(items), known_rules=known_rules)
    if isinstance(config, Config):
        return config
    return load_config(config, known_rules=known_rules)


def bundled_glossary_paths() -> list[str]:
    """The bundled glossary files (``zhen_tools.glossaries`` in a wheel, ``glossaries/`` in a checkout)."""
    return [str(p) for p in _bundled()]


def resolve_glossary(glossary: GlossaryArg, config: Config) -> Glossary | None:
    """The Glossary for a run: None/True for the config's glossaries (else the bundled ones), a
    Glossary as is, a path or paths loaded, False or no paths for none. Raises GlossaryError for
    a bad or unreadable file."""
    if glossary is False:
        return None
    if glossary is None or glossary is True:
        paths: list[str] = (
            list(config.glossaries) if config.glossaries is not None else bundled_glossary_paths()
        )
    elif isinstance(glossary, (str, os.PathLike)):
        paths = [os.fspath(glossary)]
    elif isinstance(glossary, Sequence):
        paths = [os.fspath(p) for p in glossary]
    else:
        return glossary  # a Glossary object
    if not paths:
        return None
    try:
        return load_glossary(paths)  # type: ignore[no-any-return]
    except OSError as exc:  # a path that cannot be read, if the loader lets it through
        raise GlossaryError(f"{exc.filename or ''}: {exc.strerror or exc}") from None


# -- paths ----------------------------------------------------------------------------------

# File endings that are never text; anything else is sniffed.
_BINARY_SUFFIXES = frozenset(
    ".png .jpg .jpeg .gif .bmp .ico .webp .pdf .zip .gz .bz2 .xz .7z .tar .jar .whl .exe .dll .so "
    ".dylib .o .a .pyc .class .mp3 .mp4 .wav .ogg .flac .mov .avi .woff .woff2 .ttf .otf .eot "
    ".sqlite .db .bin .doc .docx .xls .xlsx .ppt .pptx .odt".split()
)
_SKIP_DIRS = frozenset({".git", ".hg", ".svn", ".bzr", "__pycache__", "node_modules", ".venv", "venv"})

# Code, configuration and lock files, which a walk leaves out as the pre-commit hooks do
# (``exclude_types`` and ``exclude`` in .pre-commit-hooks.yaml): a script's Chinese string is no
# untranslated sentence, and ``--fix`` must not edit code. The endings and names are those the
# hooks' identify tags stand for (python, javascript, css, shell, json, yaml, toml, ini, makefile,
# dockerfile, sql, c, c++, go, java, ruby, php, perl), which a test keeps in step.
CODE_SUFFIXES = frozenset(
    ".py .pyw .pyt .wsgi .gyp .gypi .js .mjs .cjs .css .sh .bash .zsh .csh .bats .json .ipynb "
    ".geojson .jsonld .ejson .yaml .yml .eyaml .yamlld .toml .ini .make .mk .sql .c .h .cc .cpp "
    ".cxx .c++ .hh .hpp .hxx .ipp .inl .ino .tpp .mm .ccm .cppm .cxxm .c++m .ixx .go .java .rb "
    ".rake .gemspec .jbuilder .php .php4 .php5 .phtml .pl .pm .lock .sum .tac .piskel "
    ".lektorproject .txsprofile .xctestplan".split()
)
CODE_NAMES = frozenset(
    "Makefile makefile GNUmakefile Dockerfile Containerfile Gemfile Rakefile Vagrantfile Brewfile "
    "Fastfile Pipfile PKGBUILD wscript config.ru direnvrc pylintrc setup.cfg".split()
)


def _text_like(path: Path) -> bool:
    return path.suffix.lower() not in _BINARY_SUFFIXES


def is_code(path: str) -> bool:
    """Whether ``path`` names code, configuration or a lock file by its ending or name, which a
    walk leaves out unless the config's ``include`` asks for it.

    >>> is_code("scripts/fetch.py"), is_code("Makefile"), is_code("a.en.txt"), is_code("a.jsonl")
    (True, True, False, False)
    """
    name = os.path.basename(path)
    return os.path.splitext(name)[1].lower() in CODE_SUFFIXES or name in CODE_NAMES


def _script(path: Path) -> bool:
    """An executable file that starts with ``#!``: a script whatever its name (``bin/fetch``),
    which pre-commit's file typer also takes for code. Asked of regular files only (opening a
    FIFO would block)."""
    if not os.access(path, os.X_OK):
        return False
    try:
        with open(path, "rb") as f:
            return f.read(2) == b"#!"
    except OSError:
        return False


def _regular(path: Path) -> bool:
    """A regular file, or a link to one: a FIFO met while walking would block the run forever, a
    link to a device (``/dev/zero``) would never end; a dangling link has nothing to check."""
    try:
        require_regular_file(str(path))
    except OSError:
        return False
    return True


def iter_paths(paths: Sequence[str], included: Callable[[str], bool] | None = None) -> Iterator[str]:
    """Expand command-line paths: directories are walked in sorted order (hidden and VCS folders
    and hidden files skipped, binary file endings skipped, code and configuration skipped unless
    ``included`` says the user asked for the file, anything but regular files skipped, files git
    ignores skipped); files and ``-`` are yielded as given, so a missing path or a FIFO still
    reaches ``read_document`` and gets its error."""
    for raw in paths:
        p = Path(raw)
        if raw != "-" and p.is_dir():
            found = []
            repos = []  # folders below ``raw`` that hold a repository of their own (submodules)
            for root, dirs, files in os.walk(p):
                if (".git" in dirs or ".git" in files) and Path(root) != p:
                    repos.append(str(Path(root)))  # spelt as the paths found below it
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIP_DIRS)
                for f in sorted(files):
                    fp = Path(root) / f
                    if f.startswith(".") or not _text_like(fp):
                        continue
                    if not _regular(fp):
                        continue
                    if (is_code(f) or _script(fp)) and not (included and included(str(fp))):
                        continue
                    found.append(str(fp))
            ignored = _git_ignored(raw, found, repos)
            yield from (f for f in found if f not in ignored)
        else:
            yield raw


def _git_ignored(folder: str, files: Sequence[str], repos: Sequence[str] = ()) -> frozenset[str]:
    """Which of ``files`` (paths inside ``folder``, as walked) git ignores: a folder walked in a
    git work tree leaves out what ``.gitignore``, ``.git/info/exclude`` and the user's global
    excludes leave out, by asking git itself (``git check-ignore``), so every rule of theirs
    holds as git reads it; a tracked file is never ignored. The files of a submodule or a
    repository cloned inside (``repos``: folders holding ``.git``) are asked of that
    repository, as git would answer inside it. Nothing is ignored outside a work tree, without
    git, where git fails, or when ``folder`` itself or every file in it is ignored: a user who
    names an ignored folder wants it checked."""
    if not files or not _in_work_tree(folder):
        return frozenset()
    # Each file goes to the innermost repository holding it, and so does each repository's
    # folder: the repository around it says whether the folder is ignored (a clone inside an
    # ignored `tools/`), the repository itself what it ignores inside.
    inner = sorted(repos, key=len, reverse=True)

    def home_of(path: str) -> str:
        return next((r for r in inner if path.startswith(r + os.sep)), folder)

    groups: dict[str, list[str]] = {folder: []}
    for f in files:
        groups.setdefault(home_of(f), []).append(f)
    nested: dict[str, list[str]] = {}
    for r in repos:
        nested.setdefault(home_of(r), []).append(r)
        groups.setdefault(r, [])
    hits: set[str] = set()
    ignored_repos: set[str] = set()
    for home in sorted(groups, key=len):  # outer repositories first
        members = groups[home]
        if any(home == r or home.startswith(r + os.sep) for r in ignored_repos):
            hits.update(members)
            continue
        answer = _check_ignore(home, [*members, *nested.get(home, ())], ask_folder=home == folder)
        if answer is None:
            continue
        folder_ignored, ignored = answer
        if folder_ignored:  # named on the command line, an ignored folder is checked whole
            return frozenset()
        for path in ignored:
            (ignored_repos if path in nested.get(home, ()) else hits).add(path)
    if len(hits) == len(files):
        # All that is in the folder is ignored (`out/*`; a home folder kept in git with `*`
        # ignored): named on the command line, it is checked whole.
        return frozenset()
    return frozenset(hits)


def _check_ignore(home: str, files: Sequence[str], ask_folder: bool) -> tuple[bool, set[str]] | None:
    """One ``git check-ignore`` in ``home`` for ``files`` (and folders): (whether ``home`` itself
    is ignored, if ``ask_folder``; those of ``files`` ignored), or None when git is missing or
    fails."""
    import subprocess  # only a walk inside a work tree pays for it (~3 ms)

    rel = {os.path.relpath(f, home): f for f in files}
    asked = [".", *rel] if ask_folder else list(rel)
    if not asked:
        return None
    env = {k: v for k, v in os.environ.items() if k not in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE")}
    try:
        proc = subprocess.run(
            ["git", "-C", home, "check-ignore", "-z", "--stdin"],
            input="\0".join(asked).encode("utf-8", "surrogateescape"),
            capture_output=True,
            env=env,
            check=False,
        )
    except OSError:  # no git
        return None
    if proc.returncode not in (0, 1):
        return None
    out = {p.decode("utf-8", "surrogateescape") for p in proc.stdout.split(b"\0") if p}
    return "." in out, {rel[p] for p in out if p in rel}


def _in_work_tree(folder: str) -> bool:
    """Whether ``folder`` or a folder above it holds ``.git`` (a folder, or a file for a
    worktree or submodule): cheap stats that spare git's start-up everywhere else."""
    here = os.path.abspath(folder)
    while True:
        if os.path.exists(os.path.join(here, ".git")):
            return True
        up = os.path.dirname(here)
        if up == here:
            return False
        here = up


def expand_inputs(
    items: Sequence[Input], config: Config, skip: Collection[str] = (), skipped: list[str] | None = None
) -> list[Item]:
    """Paths to check (directories walked, ``include``/``exclude`` applied to walked files only;
    duplicates dropped) and in-memory Documents, in input order. ``skip``: normalised absolute
    paths never checked, walked or named (the run's own files, which pre-commit passes by name);
    each one met is appended to ``skipped``."""
    out: list[Item] = []
    seen: set[str] = set()
    for it in items:
        if isinstance(it, Document):
            out.append(it)
            continue
        if isinstance(it, tuple):
            name, text = it
            out.append(document_from_text(text, name))
            continue
        raw = os.fspath(it)
        walked = raw != "-" and os.path.isdir(raw)
        for p in iter_paths([raw], config.includes):
            key = p if p == "-" else os.path.normcase(os.path.abspath(p))
            if key in seen:
                continue
            if key in skip:
                if skipped is not None:
                    skipped.append(p)
                continue
            if walked and not config.wants(p):
                continue
            seen.add(key)
            out.append(p)
    return out


def match_pairs(
    pairs: Sequence[tuple[str | os.PathLike[str], str | os.PathLike[str]]] | None,
    items: list[Item],
) -> list[tuple[str, str]]:
    """Explicit pairs with each side spelled as the matching input's path (added if missing)."""
    if not pairs:
        return []
    by_key: dict[str, str] = {}
    for it in items:
        p = it.path if isinstance(it, Document) else it
        by_key.setdefault(os.path.normcase(os.path.abspath(p)) if p != "-" else "-", p)
    out = []
    for src, tgt in pairs:
        sides = []
        for side in (os.fspath(src), os.fspath(tgt)):
            key = os.path.normcase(os.path.abspath(side)) if side != "-" else "-"
            if key not in by_key:
                by_key[key] = side
                items.append(side)
            sides.append(by_key[key])
        out.append((sides[0], sides[1]))
    return out


def group_units(
    items: Sequence[Item], roles: Mapping[str, tuple[str, str]], explicit: Iterable[tuple[str, str]]
) -> list[list[tuple[int, Item]]]:
    """The inputs in units closed under pairing, in input order of their first member: each
    explicit pair's sides (chained through shared sides) and each group of paired siblings
    (``NAME.zh.EXT`` + ``NAME.en.EXT``) is one unit, every other input is a unit of its own (a
    bilingual file or a digest pairs with itself). ``roles`` are ``path_roles``'.

    >>> [[i for i, _ in u] for u in group_units(["a.zh.txt", "b.txt", "a.en.txt"],
    ...     path_roles(["a.zh.txt", "b.txt", "a.en.txt"]), ())]
    [[0, 2], [1]]
    """
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    first: dict[str, int] = {}
    for i, it in enumerate(items):
        first.setdefault(it.path if isinstance(it, Document) else it, i)
    for s, t in explicit:
        if s in first and t in first:
            union(first[s], first[t])
    groups: dict[tuple[str, str], int] = {}
    for path, i in first.items():
        role = roles.get(path)
        key = sibling_key(path) if role is not None and role[1] == "sibling" else None
        if key is not None:
            union(groups.setdefault((key[0], key[2]), i), i)
    out: dict[int, list[tuple[int, Item]]] = {}
    for i, it in enumerate(items):
        out.setdefault(find(i), []).append((i, it))
    return list(out.values())


# -- pairing --------------------------------------------------------------------------------


def sibling_key(path: str) -> tuple[str, str, str] | None:
    """(stem key, "source"|"target", extension) for ``NAME.zh.EXT`` / ``NAME.en.EXT`` paths.

    >>> sibling_key("news/a.zh-Hans.md"), sibling_key("news/a.en.md"), sibling_key("a.md")
    (('news/a', 'source', 'md'), ('news/a', 'target', 'md'), None)
    """
    head, base = os.path.split(path)
    m = _SIBLING.match(base)
    if m is None:
        return None
    side = "source" if m.group("lang").lower().startswith("zh") else "target"
    return os.path.join(head, m.group("name")), side, m.group("ext").lower()


def _path_key(path: str) -> str:
    return path if path == "-" else os.path.normcase(os.path.abspath(path))


def path_roles(paths: Iterable[str], explicit: Iterable[tuple[str, str]] = ()) -> dict[str, tuple[str, str]]:
    """The pair side each path of a run takes, as far as paths alone tell: path -> (side, how),
    side ``source``/``target``, how ``explicit`` (``--source``/``--target``), ``sibling``
    (``NAME.zh.EXT`` with ``NAME.en.EXT``) or ``name`` (a ``NAME.zh.EXT`` without its sibling).
    Explicit pairs come first, as in ``find_pairs``. Files in XLIFF/PO/TMX are bilingual, never
    siblings; a TSV/CSV is bilingual only if its header or ``columns`` says so, which the caller
    learns on reading it (being bilingual then wins over the role named here).

    The run uses this before reading anything: a source is Chinese by design, so no
    English-judging document rule runs on it. A file named ``.zh.`` is a source even when its
    sibling is not in the run, so a pre-commit run on the changed files alone judges it as the
    full run does.

    >>> roles = path_roles(["a.zh.txt", "a.en.txt", "b.zh.txt", "s.txt", "t.txt"], [("s.txt", "t.txt")])
    >>> sorted(roles.items())  # doctest: +NORMALIZE_WHITESPACE
    [('a.en.txt', ('target', 'sibling')), ('a.zh.txt', ('source', 'sibling')),
     ('b.zh.txt', ('source', 'name')), ('s.txt', ('source', 'explicit')), ('t.txt', ('target', 'explicit'))]
    """
    paths = list(paths)
    roles: dict[str, tuple[str, str]] = {}
    used: set[str] = set()
    for src, tgt in explicit:
        for side, p in (("source", src), ("target", tgt)):
            roles.setdefault(p, (side, "explicit"))
            used.add(_path_key(p))
    groups: dict[tuple[str, str], dict[str, list[str]]] = {}
    for p in paths:
        key = sibling_key(p)
        if key is None or _path_key(p) in used or bilingual_format(p) in ("po", "xliff", "tmx"):
            continue
        groups.setdefault((key[0], key[2]), {}).setdefault(key[1], []).append(p)
    for group in groups.values():
        paired = bool(group.get("source") and group.get("target"))
        for side, members in group.items():
            if paired or side == "source":
                for p in members:
                    roles.setdefault(p, (side, "sibling" if paired else "name"))
    return roles


def _resolve(side: Side, ctxs: Sequence[DocContext], glossary: Glossary | None) -> DocContext:
    if isinstance(side, DocContext):
        return side
    if isinstance(side, Document):
        for c in ctxs:
            if c.doc is side:
                return c
        return DocContext(side, glossary)
    name = os.fspath(side)
    key = os.path.normcase(os.path.abspath(name)) if name != "-" else "-"
    for c in ctxs:
        p = c.doc.path
        if p == name or (p != "-" and os.path.normcase(os.path.abspath(p)) == key):
            return c
    return DocContext(read_document(name), glossary)


def pair_documents(source: DocContext, target: DocContext) -> PairContext:
    """A pair of whole documents, aligned lazily (on first use of ``beads``)."""
    return PairContext(source, target, kind="files")


def find_pairs(
    ctxs: Sequence[DocContext],
    explicit: Iterable[tuple[Side, Side]] | None = None,
    columns: Sequence[str | int] | None = None,
    units: Mapping[str, Sequence[Unit] | None] | None = None,
) -> list[PairContext]:
    """Every source/target pair among the documents of a run (see the module docstring).

    ``explicit`` items are (source, target), each a path, Document or DocContext; paths not
    among ``ctxs`` are read. ``columns`` picks TSV/CSV columns (see formats.read_units).
    ``units`` are translation units already read, by document path (None: not bilingual), so
    a file the run has already parsed is not parsed again. Raises DocumentError/BilingualError for
    unreadable inputs.
    """
    glossary = next((c.glossary for c in ctxs if c.glossary is not None), None)
    pairs: list[PairContext] = []
    used: set[int] = set()
    for src, tgt in explicit or ():
        s, t = _resolve(src, ctxs, glossary), _resolve(tgt, ctxs, glossary)
        pairs.append(pair_documents(s, t))
        used.update((id(s), id(t)))
    for ctx in ctxs:
        if id(ctx) in used:
            continue
        found = (
            units[ctx.doc.path]
            if units is not None and ctx.doc.path in units
            else read_units(ctx.doc, columns)
        )
        if found is not None:
            beads = [Bead((u.source,), (u.target,)) for u in found]
            pairs.append(PairContext(ctx, ctx, kind="bilingual", beads=beads))
            used.add(id(ctx))
    siblings: dict[tuple[str, str], dict[str, list[DocContext]]] = {}
    for ctx in ctxs:
        key = sibling_key(ctx.doc.path) if id(ctx) not in used else None
        if key is not None:
            siblings.setdefault((key[0], key[2]), {}).setdefault(key[1], []).append(ctx)
    for group in siblings.values():
        for s in group.get("source", []):
            for t in group.get("target", []):
                pairs.append(pair_documents(s, t))
                used.update((id(s), id(t)))
    for ctx in ctxs:
        if id(ctx) not in used and has_source_line(ctx.doc):
            pairs.extend(PairContext(ctx, ctx, kind="digest", beads=[b]) for b in digest_beads(ctx.doc.text))
    return pairs
