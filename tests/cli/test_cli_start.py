"""Start-up structure of ``zhen``: a subcommand imports its own module only, and ``zhen --help``
still lists every subcommand with its one-line help."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from zhen_tools.cli import COMMANDS, build_parser


def _modules_after(argv: list[str]) -> set[str]:
    code = (
        "import sys, contextlib, io\n"
        "from zhen_tools.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
        f"    main({argv!r})\n"
        "print('\\n'.join(sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_check_imports_no_other_subcommand(tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("The Minister said so.\n", encoding="utf-8")
    _modules_after(["check", str(doc), "--no-config"])  # fills the cache (writing it needs tempfile)
    loaded = _modules_after(["check", str(doc), "--no-config"])
    assert "zhen_tools.cli.check" in loaded
    others = {f"zhen_tools.cli.{name}" for name in COMMANDS if name != "check"}
    assert not loaded & others, loaded & others
    # Nor what only other runs need: --fix/--diff, baselines, JSONL records, JSON/SARIF
    # signatures, jieba's pickled tables, a glossary's "did you mean", writing a cache file.
    for unneeded in (
        "zhen_tools.run.fix",
        "zhen_tools.run.baseline",
        "zhen_tools.cli.records",
        "zhen_tools.report.signature",
        "pickle",
        "difflib",
        "tempfile",
        "importlib.resources",
        "tomllib",  # no config, and the bundled glossary comes from the cache
        "shutil",  # argparse asks the terminal's width only to format help
    ):
        assert unneeded not in loaded, unneeded


def test_help_lists_every_subcommand_with_its_help(capsys):
    help_text = build_parser().format_help()
    for name in COMMANDS:
        assert f"    {name}" in help_text
    assert "language spans of mixed text" in help_text  # detect's help, from its own module
    assert "check, convert and draft glossaries" in help_text


def test_a_named_subcommand_builds_only_its_own_parser():
    parser = build_parser("detect")
    args = parser.parse_args(["detect", "x.txt", "--format", "json"])
    assert args.format == "json" and args.paths == ["x.txt"]
    # Another subcommand is a bare name here: it has no options of its own.
    assert not hasattr(parser.parse_args(["segment"]), "_run")


def test_english_without_near_names_never_imports_rapidfuzz(tmp_path):
    # Words like "statement" share a first letter and a length class with glossary names
    # (Shizuoka) but are too many letters apart to be near misses: rapidfuzz is not needed.
    doc = tmp_path / "a.txt"
    doc.write_text("The statement from the Japanese ministry was short.\n", encoding="utf-8")
    loaded = _modules_after(["check", str(doc), "--no-config"])
    assert "zhen_tools.rules.glossary_near_miss" in loaded
    assert "rapidfuzz" not in loaded


def test_a_near_miss_is_found_without_rapidfuzz(tmp_path):
    # text.distance computes the edit distances of a few names: rapidfuzz (~8 ms to import) is
    # left for the batch scoring of aligned pairs.
    doc = tmp_path / "a.txt"
    doc.write_text("Prime Minister Sanae Takaichi met Shigeru Ishibaa.\n", encoding="utf-8")
    code = (
        "import sys, contextlib, io\n"
        "from zhen_tools.cli import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):\n"
        f"    main(['check', {str(doc)!r}, '--no-config', '--format', 'json'])\n"
        "print(out.getvalue())\n"
        "print('rapidfuzz' in sys.modules)"
    )
    proc = _program(code)
    assert "glossary-near-miss" in proc.stdout and "Ishibaa" in proc.stdout
    assert proc.stdout.split()[-1] == "False"


def test_help_and_errors_still_format_with_the_terminal_width():
    def zhen(*args: str, columns: int) -> subprocess.CompletedProcess[str]:
        cmd = [sys.executable, "-m", "zhen_tools.cli", *args]
        env = {**os.environ, "COLUMNS": str(columns)}
        return subprocess.run(cmd, capture_output=True, text=True, env=env)

    narrow, wide = zhen("check", "--help", columns=50), zhen("check", "--help", columns=150)
    assert narrow.stdout.startswith("usage: zhen check [-h]")
    # Wrapped to the terminal: more, shorter lines in a narrow one.
    assert len(narrow.stdout.splitlines()) > len(wide.stdout.splitlines())
    assert max(map(len, narrow.stdout.splitlines())) < max(map(len, wide.stdout.splitlines()))
    proc = zhen("check", "--jobs", "x", columns=80)
    assert proc.returncode == 2 and "argument --jobs/-j: not a number: 'x'" in proc.stderr


def _program(code: str, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True)


def test_the_program_ends_in_main_with_its_output_status_and_exit_handlers(tmp_path):
    # Run as the program (no argv given), main ends the process itself, skipping the
    # interpreter's teardown: what an exit does for the user (exit handlers, flushed output, the
    # status) still happens. Called with arguments, as a library, it returns.
    doc = tmp_path / "a.txt"
    doc.write_text("Prime Minister Sanae Takaichi met Shigeru Ishibaa.\n" * 400, encoding="utf-8")
    argv = ["check", str(doc), "--no-config", "--fail-on", "warning"]
    code = (
        "import atexit, sys\n"
        "from zhen_tools.cli import main\n"
        "atexit.register(lambda: print('exit handler ran', file=sys.stderr))\n"
        "if sys.argv[1] == 'library':\n"
        "    status = main(sys.argv[2:])\n"
        "    print('returned', status, file=sys.stderr)\n"
        "    sys.exit(status)\n"
        "sys.argv[1:] = sys.argv[2:]\n"
        "status = main()\n"
        "print('returned', status, file=sys.stderr)\n"
    )
    program, library = _program(code, "program", *argv), _program(code, "library", *argv)
    assert library.stderr.split("\n")[:2] == ["returned 1", "exit handler ran"]
    assert program.stderr == "exit handler ran\n"  # main did not return; the handler ran
    assert program.returncode == library.returncode == 1
    assert program.stdout == library.stdout and program.stdout.count("glossary-near-miss") == 400


def test_the_program_leaves_the_exit_to_the_interpreter_while_a_thread_runs(tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("The Minister said so.\n", encoding="utf-8")
    code = (
        "import sys, threading\n"
        "from zhen_tools.cli import main\n"
        "done = threading.Event()\n"  # the thread outlives main, however slow the run
        "threading.Thread(target=done.wait, args=(60,)).start()\n"
        "status = main()\n"
        "print('returned', status)\n"
        "done.set()\n"
    )
    proc = _program(code, "check", str(doc), "--no-config")
    assert proc.returncode == 0 and proc.stdout.endswith("returned 0\n")


def test_the_package_import_barely_runs_the_collector_and_restores_its_setting():
    code = (
        "import gc\n"
        "gc.set_threshold(700, 10, 10)\n"
        "runs = []\n"
        "gc.callbacks.append(lambda phase, info: phase == 'start' and runs.append(info['generation']))\n"
        "import zhen_tools\n"
        "print(len(runs), gc.get_threshold())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    runs, threshold = out.stdout.split(maxsplit=1)
    assert int(runs) <= 5  # 9 when the imports ran under the setting above
    assert threshold.strip() == "(700, 10, 10)"  # a library caller's setting is left as it was


def test_a_chinese_check_loads_jieba_without_tempfile():
    # jieba's own dictionary cache (written through tempfile, with shutil, bz2 and lzma) is never
    # used: its shards come from zhen's cache, so a warm run of a Chinese file imports none of it.
    (doc,) = (Path(__file__).resolve().parents[2] / "seeds").glob("002_*.txt")  # cut by jieba
    _modules_after(["check", str(doc), "--no-config"])  # fills the caches (writing them needs tempfile)
    loaded = _modules_after(["check", str(doc), "--no-config"])
    assert "jieba" in loaded
    for unneeded in ("tempfile", "shutil", "bz2", "lzma", "jieba.finalseg.prob_emit"):
        assert unneeded not in loaded, unneeded


def test_argparse_looks_up_the_message_catalogue_once(monkeypatch, capsys):
    import gettext

    from zhen_tools.cli import _main

    calls = []
    real_find = gettext.find

    def find(*args, **kwargs):
        calls.append(args)
        return real_find(*args, **kwargs)

    monkeypatch.setattr(gettext, "find", find)
    monkeypatch.setenv("LANGUAGE", "en_US.UTF-8")  # four file tests a lookup, ~18 lookups a start
    with pytest.raises(SystemExit):
        _main(["check", "--jobs", "x"])
    assert len(calls) == 1
    assert "argument --jobs/-j: not a number: 'x'" in capsys.readouterr().err


def test_argparse_messages_still_come_from_the_catalogue(monkeypatch, capsys):
    import argparse
    import gettext

    from zhen_tools.cli import _main

    class Shouting(gettext.NullTranslations):
        def gettext(self, message):
            return message.upper()

    monkeypatch.setattr(gettext, "translation", lambda *args, **kwargs: Shouting())
    before = argparse._
    with pytest.raises(SystemExit):
        _main(["check", "--help"])
    assert capsys.readouterr().out.startswith("USAGE: zhen check")
    assert argparse._ is before  # put back once the parser is done
