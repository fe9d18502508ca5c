"""Record ``zhen check`` output on fixed inputs, or compare it with an earlier record, byte for byte.

A refactoring (or a speed-up) must not change what zhen reports. This script runs ``zhen check``
in text and JSON form, with ``--jobs 1`` and ``--jobs 2``, on:

- the seeds (``seeds/``, in the repository);
- the WMT21 zh-en test set (``../shared/corpora/wmt21-zhen``, read in place, written to a
  temporary folder only) as 50-line ``NNN.zh.txt``/``NNN.en.txt`` siblings, and as one TSV;
- the same siblings with ``--fix --diff`` (what ``--fix`` would change).

Usage::

    python bench/bench_identity.py record DIR     # write each output to DIR/<case>.out
    python bench/bench_identity.py compare DIR    # exit 1 and show the first difference

Paths in the output are relative to the temporary folder, so two records compare equal.
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WMT = ROOT.parent / "shared" / "corpora" / "wmt21-zhen"
BIN = Path(sys.executable).parent


def _zhen() -> str:
    exe = BIN / "zhen"
    return str(exe) if exe.exists() else "zhen"


def _inputs(tmp: Path) -> dict[str, list[str]]:
    """Case name -> the arguments after ``zhen check`` (paths relative to ``tmp``)."""
    shutil.copytree(ROOT / "seeds", tmp / "seeds")
    cases = {"seeds": ["seeds"]}
    if WMT.is_dir():
        zh = (WMT / "newstest2021.zh-en.src.zh").read_text(encoding="utf-8").splitlines()
        en = (WMT / "newstest2021.zh-en.ref.A.en").read_text(encoding="utf-8").splitlines()
        pairs = tmp / "pairs"
        pairs.mkdir()
        for i in range(0, len(en), 50):
            (pairs / f"{i // 50:03d}.zh.txt").write_text("\n".join(zh[i : i + 50]) + "\n", encoding="utf-8")
            (pairs / f"{i // 50:03d}.en.txt").write_text("\n".join(en[i : i + 50]) + "\n", encoding="utf-8")
        rows = ["zh\ten"] + [f"{z}\t{e}" for z, e in zip(zh, en)]
        (tmp / "wmt.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
        (tmp / "wmt.en.md").write_text("\n\n".join(en) + "\n", encoding="utf-8")
        cases.update({"pairs": ["pairs"], "tsv": ["wmt.tsv"], "english": ["wmt.en.md"]})
    return cases


def _run_all(tmp: Path) -> dict[str, bytes]:
    env = {**os.environ, "CI": "1", "NO_COLOR": "1"}
    out: dict[str, bytes] = {}
    for case, args in _inputs(tmp).items():
        for fmt in ("text", "json"):
            for jobs in ("1", "2"):
                cmd = [_zhen(), "check", *args, "--no-config", "--format", fmt, "--jobs", jobs]
                p = subprocess.run(cmd, cwd=tmp, env=env, capture_output=True, check=False)
                out[f"{case}-{fmt}-j{jobs}"] = p.stdout + f"\n[exit {p.returncode}]\n".encode() + p.stderr
        p = subprocess.run(
            [_zhen(), "check", *args, "--no-config", "--diff"],
            cwd=tmp,
            env=env,
            capture_output=True,
            check=False,
        )
        out[f"{case}-diff"] = p.stdout + f"\n[exit {p.returncode}]\n".encode() + p.stderr
    return out


# The signature names the glossary file where it is installed: the same file, editable or not.
_INSTALLED = re.compile(rb'"path": "[^"]*/(?=glossaries/[^"/]+\.toml")')


def _normalise(data: bytes) -> bytes:
    return _INSTALLED.sub(b'"path": "', data)


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("record", "compare"):
        print(__doc__)
        return 2
    mode, folder = argv[0], Path(argv[1])
    with tempfile.TemporaryDirectory() as tmp:
        outputs = _run_all(Path(tmp))
    if mode == "record":
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in outputs.items():
            (folder / f"{name}.out").write_bytes(data)
        print(f"recorded {len(outputs)} outputs in {folder}")
        return 0
    bad = 0
    for name, data in outputs.items():
        old = _normalise((folder / f"{name}.out").read_bytes())
        data = _normalise(data)
        if old == data:
            print(f"same      {name} ({len(data)} bytes)")
            continue
        bad += 1
        print(f"DIFFERENT {name}")
        diff = difflib.unified_diff(
            old.decode(errors="replace").splitlines(),
            data.decode(errors="replace").splitlines(),
            "before",
            "after",
            lineterm="",
            n=1,
        )
        for k, line in enumerate(diff):
            if k > 40:
                print("  ...")
                break
            print("  " + line)
    print(f"{len(outputs) - bad} of {len(outputs)} identical")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
