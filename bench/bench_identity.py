"""Record ``zhen check`` output on fixed inputs, or compare it with an earlier record, byte for byte.

A refactoring (or a speed-up) must not change what zhen reports. This script runs ``zhen check``
in text and JSON form, with ``--jobs 1`` and ``--jobs 2``, on:

- the seeds (``seeds/``, in the repository);
- the WMT21 zh-en test set (``../shared/corpora/wmt21-zhen``, read in place, written to a
  temporary folder only) as 50-line ``NNN.zh.txt``/``NNN.en.txt`` siblings, and as one TSV, one
  Markdown file (the English alone), one XLIFF file (with entities and inline tags) and one PO file
  (long strings wrapped over several lines);
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
from xml.sax.saxutils import escape

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
        (tmp / "wmt.xlf").write_text(_xliff(zh, en), encoding="utf-8")
        (tmp / "wmt.po").write_text(_po(zh, en), encoding="utf-8")
        cases.update(
            {
                "pairs": ["pairs"],
                "tsv": ["wmt.tsv"],
                "english": ["wmt.en.md"],
                "xliff": ["wmt.xlf"],
                "po": ["wmt.po"],
            }
        )
    return cases


def _xliff(zh: list[str], en: list[str]) -> str:
    """WMT21 as XLIFF 1.2, as a CAT tool writes it: entities, and an inline tag around the second
    word of every seventh target (the views of bilingual files are part of what is compared)."""
    units = []
    for i, (z, e) in enumerate(zip(zh, en)):
        words = escape(e).split(" ")
        if i % 7 == 0 and len(words) > 2:
            words[1] = f'<g id="{i}">{words[1]}</g>'
        units.append(
            f'<trans-unit id="{i}"><source>{escape(z)}</source><target>{" ".join(words)}</target></trans-unit>'
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2"><file source-language="zh" '
        'target-language="en" datatype="plaintext" original="wmt"><body>\n'
        + "\n".join(units)
        + "\n</body></file></xliff>\n"
    )


def _po(zh: list[str], en: list[str]) -> str:
    """WMT21 as a PO file, each long msgstr wrapped over several quoted lines as msgcat does."""

    def quoted(text: str) -> str:
        text = text.replace("\\", "\\\\").replace('"', '\\"')
        if len(text) <= 70:
            return f'"{text}"'
        lines, line = [], ""
        for word in text.split(" "):
            if line and len(line) + len(word) + 1 > 70:
                lines.append(line + " ")
                line = word
            else:
                line = f"{line} {word}" if line else word
        return '""\n' + "\n".join(f'"{x}"' for x in [*lines, line])

    entries = ['msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n']
    entries += [f"msgid {quoted(z)}\nmsgstr {quoted(e)}\n" for z, e in zip(zh, en)]
    return "\n".join(entries)


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
    recorded = {name: outputs.pop(name) for name in list(outputs) if (folder / f"{name}.out").exists()}
    for name in outputs:  # a case the record is older than: nothing to compare it with
        print(f"new       {name} (not in {folder}; record again to compare it next time)")
    outputs = recorded
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
