"""Start-up structure of ``zhen``: a subcommand imports its own module only, and ``zhen --help``
still lists every subcommand with its one-line help."""

from __future__ import annotations

import os
import subprocess
import sys

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


def test_a_near_miss_still_finds_rapidfuzz(tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("Prime Minister Sanae Takaichi met Shigeru Ishibaa.\n", encoding="utf-8")
    loaded = _modules_after(["check", str(doc), "--no-config"])
    assert "rapidfuzz" in loaded


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


def test_the_program_skips_the_exit_collection_and_keeps_its_output(tmp_path):
    # Run as the program (no argv given), main freezes the collector's objects on its way out, so
    # the interpreter's exit does not walk them all; called with arguments, as a library, it
    # leaves the collector alone.
    doc = tmp_path / "a.txt"
    doc.write_text("Prime Minister Sanae Takaichi met Shigeru Ishibaa.\n", encoding="utf-8")
    out = tmp_path / "report.json"
    code = (
        "import gc, sys\n"
        "from zhen_tools.cli import main\n"
        "as_library = main(sys.argv[1:])\n"
        "library_frozen = gc.get_freeze_count()\n"
        "status = main()\n"
        "print(library_frozen, gc.get_freeze_count() > 0, as_library, status, file=sys.stderr)\n"
        "sys.exit(status)\n"
    )
    argv = ["check", str(doc), "--no-config", "--format", "json", "-o", str(out)]
    proc = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True)
    assert proc.stderr.split() == ["0", "True", "0", "0"], proc.stderr  # a warning: exit 0
    report = out.read_text(encoding="utf-8")
    assert '"rule": "glossary-near-miss"' in report and report.rstrip().endswith("}")


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
