"""Every file a command reads because the user named it (a document, a glossary, a config, a
baseline, a file to import) is refused when it is a FIFO or a device: one line naming it and exit
status 2, never a run that blocks on the FIFO or reads /dev/zero without end (both did, for
``--baseline``, ``--write-baseline``, ``--config`` and ``glossary import``). A baseline is never
written over one either (``--write-baseline /dev/null`` must not replace /dev/null)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import run_zhen, seed

NOT_REGULAR = "not a regular file (a FIFO, device or socket)"
# (command before the special file, command after it, what the line says before NOT_REGULAR)
READERS = {
    "document": (["check", "--no-config"], [], ""),
    "glossary": (["check", "--no-config", "--glossary"], [str(seed("000"))], ""),
    "config": (["check", "--config"], [str(seed("000"))], ""),
    "baseline": (["check", "--no-config", "--baseline"], [str(seed("000"))], "cannot read baseline: "),
    "write-baseline": (
        ["check", "--no-config", "--write-baseline"],
        [str(seed("000"))],
        "cannot read baseline: ",
    ),
    "glossary lint": (["glossary", "lint"], [], ""),
    "glossary import": (["glossary", "import"], [], ""),
    "glossary suggest": (["glossary", "suggest"], [], ""),
    "align": (["align"], [str(seed("000"))], ""),
}


@pytest.fixture(params=["fifo", "device"])
def special(request, tmp_path: Path) -> Path:
    if request.param == "device":
        if not os.path.exists("/dev/zero"):
            pytest.skip("no /dev/zero here")
        path = tmp_path / "zero.tbx"  # a link to it: what a walked or named file may be
        path.symlink_to("/dev/zero")
    else:
        path = tmp_path / "pipe.tbx"
        os.mkfifo(path)
    return path


@pytest.mark.parametrize("reader", READERS)
def test_a_fifo_or_device_named_as_any_input_is_a_one_line_error(
    reader: str, special: Path, tmp_path: Path
) -> None:
    before, after, say = READERS[reader]
    proc = run_zhen(*before, str(special), *after, cwd=tmp_path, timeout=60)
    line = f"{special}: {say}{NOT_REGULAR}\n"
    if reader == "glossary lint":  # a linter's findings go to stdout, as lines of their own
        assert (proc.returncode, proc.stdout, proc.stderr) == (2, line, "")
    else:
        assert (proc.returncode, proc.stderr) == (2, f"zhen: {line}")
    assert special.is_symlink() or special.exists()  # still there, still what it was


def test_write_baseline_goes_through_a_symlink_and_keeps_it(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    real = tmp_path / "data" / "baseline.json"
    link = tmp_path / "baseline.json"
    link.symlink_to(real)
    proc = run_zhen("check", "--no-config", "--write-baseline", str(link), str(seed("000")), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert link.is_symlink() and real.is_file()
    assert '"entries"' in real.read_text(encoding="utf-8")
    assert sorted(p.name for p in (tmp_path / "data").iterdir()) == ["baseline.json"]  # no .tmp left
