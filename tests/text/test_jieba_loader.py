"""text/segment's jieba loader: jieba's HMM tables load only when the HMM is used, and jieba
works as usual for any code that uses it (HMM on) in the same process."""

from __future__ import annotations

import json
import subprocess
import sys

TEXT = "高市早苗访问南鸟岛附近海域"


def _run(code: str) -> object:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_tokenize_loads_no_hmm_tables_and_jieba_still_cuts_with_hmm():
    got = _run(
        "import json, sys\n"
        "from zhen_tools.text.segment import tokenize\n"
        f"words = [t.text for t in tokenize({TEXT!r})]\n"
        "loaded_before = 'jieba.finalseg.prob_emit' in sys.modules\n"
        "import jieba\n"
        f"hmm = list(jieba.cut({TEXT!r}, HMM=True))\n"
        "seg = sys.modules['jieba.finalseg']\n"
        "real = type(seg).__name__ == 'module' and jieba.finalseg is seg\n"
        "print(json.dumps([words, loaded_before, hmm, real, 'jieba.finalseg.prob_emit' in sys.modules]))"
    )
    plain = _run(f"import json, jieba\nprint(json.dumps(list(jieba.cut({TEXT!r}, HMM=True))))")
    words, loaded_before, hmm, real, loaded_after = got  # type: ignore[misc]
    assert words and "".join(words) == TEXT
    assert loaded_before is False  # tokenize (HMM off) never needed them
    assert hmm == plain  # the HMM path loads them on first use and cuts as plain jieba does
    assert real is True and loaded_after is True


def test_jieba_imported_first_elsewhere_is_used_as_is():
    got = _run(
        "import json, sys, jieba\n"
        "from zhen_tools.text.segment import tokenize\n"
        f"tokenize({TEXT!r})\n"
        "print(json.dumps(type(sys.modules['jieba.finalseg']).__name__))"
    )
    assert got == "module"


def test_tokenize_imports_no_tempfile_and_jieba_still_finds_it():
    got = _run(
        "import json, sys\n"
        "from zhen_tools.text.segment import tokenize\n"
        f"words = [t.text for t in tokenize({TEXT!r})]\n"
        "loaded_before = 'tempfile' in sys.modules\n"
        "import jieba, tempfile\n"
        "print(json.dumps([words, loaded_before, type(tempfile).__name__,\n"
        "    jieba.tempfile.gettempdir() == tempfile.gettempdir(), 'tempfile' in sys.modules]))"
    )
    words, loaded_before, kind, same_dir, loaded_after = got  # type: ignore[misc]
    assert words and "".join(words) == TEXT
    assert loaded_before is False  # jieba's import did not need it
    # Anyone else importing it gets the real module, and jieba's name still works.
    assert kind == "module" and same_dir is True and loaded_after is True
