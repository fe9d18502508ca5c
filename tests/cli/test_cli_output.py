"""Standard output that cannot take the output: every command ends with a one-line error and
exit status 2 when it cannot be written (a full disk behind ``> report.txt``), never a traceback;
a reader that went away (``| head``) changes no status; a closed one discards the output. Standard
error that cannot take an error line (closed, full, unread) changes no status either."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import GLOSSARIES, SEEDS, seed, zhen_exe, zhen_to_a_gone_reader

COMMANDS = {
    "check": ["check", str(SEEDS), "--no-config"],
    "check --format sarif": ["check", str(SEEDS), "--no-config", "--format", "sarif"],
    "check --diff": ["check", str(SEEDS), "--no-config", "--diff"],
    "detect": ["detect", str(SEEDS)],
    "segment --words": ["segment", "--words", str(seed("000"))],
    "align": ["align", str(seed("002")), str(seed("000"))],
    "align --format json": ["align", "--format", "json", str(seed("002")), str(seed("000"))],
    "glossary export": ["glossary", "export", "--to", "tbx", str(GLOSSARIES)],
}
# What each exits with when its output is read (the seeds hold findings and fixes).
STATUS = {"check": 1, "check --format sarif": 1, "check --diff": 1}


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("name", COMMANDS)
def test_output_that_cannot_be_written_is_a_one_line_error_and_exit_2(name, tmp_path):
    with open("/dev/full", "w") as full:
        proc = subprocess.run(
            [zhen_exe(), *COMMANDS[name]],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            cwd=tmp_path,
            check=False,
        )
    assert proc.returncode == 2
    assert proc.stderr == "zhen: cannot write to standard output: No space left on device\n"


@pytest.mark.parametrize("name", COMMANDS)
def test_a_reader_that_went_away_leaves_each_command_its_status(name, tmp_path):
    assert zhen_to_a_gone_reader(*COMMANDS[name], cwd=tmp_path) == (STATUS.get(name, 0), b"")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("command", [["detect"], ["segment", "--words"]])
def test_a_file_after_the_reader_went_away_still_gets_its_error_and_status_2(command, tmp_path):
    # The output stopped at the first file, and the missing one behind it went unsaid: exit 0.
    status, stderr = zhen_to_a_gone_reader(*command, str(SEEDS), "missing.txt", cwd=tmp_path)
    assert (status, stderr) == (2, b"zhen: missing.txt: no such file or directory\n")


def test_fix_writes_every_file_even_when_its_report_cannot_be_written(tmp_path):
    folder = tmp_path / "seeds"
    folder.mkdir()
    for path in SEEDS.iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    expected = subprocess.run(
        [zhen_exe(), "check", "--diff", str(folder), "--no-config"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    assert expected.count("+++ ") == 5  # each seed has a fix
    with open("/dev/full", "w") as full:
        proc = subprocess.run(
            [zhen_exe(), "check", "--fix", str(folder), "--no-config"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert (proc.returncode, proc.stderr) == (
        2,
        "zhen: cannot write to standard output: No space left on device\n",
    )
    again = subprocess.run(
        [zhen_exe(), "check", "--diff", str(folder), "--no-config"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert again.stdout == ""  # nothing left to fix: all five were written


def test_fix_lines_to_a_stderr_reader_that_went_away_leave_the_json_report_whole(tmp_path):
    # With --format json the lines saying what was fixed go to stderr; if nobody reads stderr any
    # more, they stop, and the report still reaches stdout (it was lost, stdout empty).
    folder = tmp_path / "seeds"
    folder.mkdir()
    for path in SEEDS.iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    read, write = os.pipe()
    os.close(read)
    try:
        proc = subprocess.run(
            [zhen_exe(), "check", "--fix", "--format", "json", "--no-config", str(folder)],
            stdout=subprocess.PIPE,
            stderr=write,
            timeout=120,
            check=False,
        )
    finally:
        os.close(write)
    report = json.loads(proc.stdout)
    fixed_again = subprocess.run(
        [zhen_exe(), "check", "--diff", "--no-config", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert fixed_again.stdout == ""  # every fix was written
    assert report["summary"]["files"] == 5
    assert proc.returncode == (1 if any(f["severity"] == "error" for f in report["findings"]) else 0)


@pytest.mark.parametrize("name", ["check", "detect"])
def test_closed_standard_output_discards_the_output(name, tmp_path):
    # `zhen check . >&-`: only the exit status is wanted.
    proc = subprocess.run(
        ["sh", "-c", 'exec "$@" >&-', "sh", zhen_exe(), *COMMANDS[name]],
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "CI": "1"},
        check=False,
    )
    assert (proc.returncode, proc.stderr) == (STATUS.get(name, 0), "")


# -- standard error --------------------------------------------------------------------------------

# A missing file: one error line on stderr and exit status 2, whatever becomes of that line.
MISSING = ["check", "--no-config", "--format", "json", "missing.txt", str(seed("000"))]


def _report_and_status(proc: subprocess.CompletedProcess[bytes]) -> tuple[int, int]:
    return proc.returncode, json.loads(proc.stdout)["summary"]["files"]


def test_closed_standard_error_keeps_the_report_clean_and_the_status(tmp_path):
    # Python hands print(file=None) to standard output: the error line went into the JSON report.
    proc = subprocess.run(
        ["sh", "-c", 'exec "$@" 2>&-', "sh", zhen_exe(), *MISSING],
        stdout=subprocess.PIPE,
        cwd=tmp_path,
        check=False,
    )
    assert _report_and_status(proc) == (2, 1)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
def test_standard_error_that_cannot_be_written_changes_no_status(tmp_path):
    with open("/dev/full", "w") as full:
        proc = subprocess.run(
            [zhen_exe(), *MISSING], stdout=subprocess.PIPE, stderr=full, cwd=tmp_path, check=False
        )
    assert _report_and_status(proc) == (2, 1)  # was 1: the error line's failure ended the run
    read, write = os.pipe()
    os.close(read)
    try:
        proc = subprocess.run(
            [zhen_exe(), *MISSING], stdout=subprocess.PIPE, stderr=write, cwd=tmp_path, check=False
        )
    finally:
        os.close(write)
    assert _report_and_status(proc) == (2, 1)  # was 0, with no report: a broken pipe taken for stdout's
