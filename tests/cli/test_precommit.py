"""The pre-commit hook, run for real: ``pre-commit try-repo`` installs zhen_tools into its own
virtualenv and runs ``zhen-check`` in a fresh git repository holding translations.

try-repo only sees committed and tracked files of a local repository, so the hook repository is
a committed snapshot of this working tree (tracked and untracked, minus ignored files): the test
checks what is on disk, whether or not it is committed yet. try-repo installs into a temporary
store of its own on every call (PRE_COMMIT_HOME only keeps the rest isolated), so each of the two
runs pays a ~25-45 s install; both live in this one test.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_zhen

# Line 2 needs the bundled glossary (South Bird Island is a forbidden rendering of
# Minami-Torishima), so the test also shows that the glossary ships in an installed zhen.
BAD = "Japan ranks third in the world,仅次于 China.\nThe mud lies near South Bird Island.\n"
CLEAN = "Japan ranks third in the world, second only to China.\nThe mud lies near Minami-Torishima.\n"


def _pre_commit() -> str | None:
    exe = Path(sys.executable).parent / "pre-commit"
    return str(exe) if exe.exists() else shutil.which("pre-commit")


def _git(*args: str, cwd: Path) -> str:
    proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, f"git {' '.join(args)} failed: {proc.stderr}"
    return proc.stdout


def _init_repo(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True)
    _git("init", "-q", cwd=path)
    _git("config", "user.name", "zhen tests", cwd=path)
    _git("config", "user.email", "tests@example.invalid", cwd=path)
    _git("config", "commit.gpgsign", "false", cwd=path)


def _snapshot(dest: Path) -> None:
    """Commit the files of this working tree that git would not ignore into a new repo."""
    listing = _git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT)
    _init_repo(dest)
    for rel in filter(None, listing.split("\0")):
        src = ROOT / rel
        if src.is_file():  # a tracked file deleted in the working tree is left out
            target = dest / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target)
    _git("add", "-A", cwd=dest)
    _git("commit", "-q", "-m", "snapshot of the working tree", cwd=dest)


def _try_repo(
    pre_commit: str, hook_repo: Path, work: Path, home: Path, *which: str
) -> subprocess.CompletedProcess[str]:
    """``pre-commit try-repo`` of the hook on ``which`` files (default ``--all-files``; none
    named: the staged files, as a commit runs it)."""
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(home),
        "PRE_COMMIT_COLOR": "never",
        "PYTHONIOENCODING": "utf-8",
    }
    env.pop("VIRTUAL_ENV", None)
    return subprocess.run(
        [pre_commit, "try-repo", str(hook_repo), "zhen-check", *(which or ("--all-files",))],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=900,
    )


def test_zhen_check_hook_fails_on_untranslated_text_and_passes_when_fixed(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    pre_commit = _pre_commit()
    if pre_commit is None:
        pytest.skip("pre-commit is not installed in this environment")
    if run_zhen("check", "--help").returncode != 0:
        pytest.skip("`zhen check` does not exist yet")

    hook_repo = tmp_path / "hook-repo"
    _snapshot(hook_repo)
    work = tmp_path / "work"
    _init_repo(work)
    (work / "report.en.txt").write_text(BAD, encoding="utf-8")
    (work / "notes.en.txt").write_text("The ship returned to port on Friday.\n", encoding="utf-8")
    _git("add", "-A", cwd=work)

    failed = _try_repo(pre_commit, hook_repo, work, tmp_path / "pre-commit-home")
    out = failed.stdout + failed.stderr
    assert failed.returncode == 1, out
    assert "report.en.txt:1:32:" in out, out  # 仅 is the 32nd character of the line
    assert "untranslated" in out, out
    assert "report.en.txt:2:19:" in out and "glossary-forbidden" in out, (
        "the installed hook found no bundled glossary:\n" + out
    )
    assert "notes.en.txt" not in out, out

    (work / "report.en.txt").write_text(CLEAN, encoding="utf-8")
    # Code and configuration are not passed to the hook (exclude_types): a script's Chinese
    # string and a JSON file's were untranslated errors, which failed the commit.
    (work / "convert.py").write_text('print("Done，saved")\nNOTE = "原文 is the source"\n', encoding="utf-8")
    (work / "meta.json").write_text('{"note": "the 原文"}\n', encoding="utf-8")
    assert run_zhen("check", "convert.py", "meta.json", cwd=work).returncode == 1  # findings, if passed
    _git("add", "-A", cwd=work)
    passed = _try_repo(pre_commit, hook_repo, work, tmp_path / "pre-commit-home")
    out = passed.stdout + passed.stderr
    assert passed.returncode == 0, out
    assert "Passed" in out, out
