"""Every rule is linear in line length: a few hundred KB on one line checks like the same text
split into lines. Not a timed test: the input is big enough that a quadratic rule would take
minutes, so a regression shows as the subprocess timing out (60 s, generous on a loaded machine).
"""

from __future__ import annotations

import json
import subprocess
import sys

# Mixed text with every kind of fragment the rules look at: Chinese words (with touching CJK
# punctuation), half-translated numbers, glosses, repeated parentheticals, doubled words.
_SENTENCES = (
    "据悉，Japan sent a ship to the seabed near Minami-Torishima on day {i}.",
    "It holds 3.5万 tons of rare-earth mud (稀土泥) worth {i} million yen.",
    'The ministry called it "third in the world,"仅次于 China and Brazil (Brazil).',
    "Officials said the the survey of area {i} would end in March（三月）.",
    "At the G20 summit，leaders met on day {i} (see 1) ，as agreed ).",
)


def _paragraph(n: int) -> list[str]:
    return [_SENTENCES[i % len(_SENTENCES)].format(i=i) for i in range(n)]


_SCRIPT = """
import json, sys
from zhen_tools import check
text = sys.stdin.read()
found = check([("long.en.txt", text)], glossary=False, config=False)
print(json.dumps([[f.rule, f.start, f.end, f.text] for f in found]))
"""


def _check_in_subprocess(text: str) -> list[list[object]]:
    out = subprocess.run(
        [sys.executable, "-c", _SCRIPT], input=text, capture_output=True, text=True, timeout=60, check=True
    )
    return json.loads(out.stdout)


def test_a_400_kb_line_checks_as_fast_as_lines_and_flags_the_same_fragments() -> None:
    sentences = _paragraph(6000)  # about 400 KB
    one_line = " ".join(sentences) + "\n"
    assert len(one_line) > 380_000
    findings = _check_in_subprocess(one_line)
    for _rule, start, end, text in findings:
        assert one_line[start:end] == text
    untranslated = [f for f in findings if f[0] == "untranslated"]
    # Five fragments every five sentences: 据悉， / 3.5万 / 稀土泥 and 三月 (glosses) / 仅次于.
    assert len(untranslated) == 6000 // 5 * 5
    assert {t for _, _, _, t in untranslated} == {"据悉，", "3.5万", "稀土泥", "仅次于", "三月"}
    # The same text one sentence per line: the same fragments.
    lines = _check_in_subprocess("\n".join(sentences) + "\n")
    assert sorted(t for r, _, _, t in lines if r == "untranslated") == sorted(
        t for _, _, _, t in untranslated
    )


def test_a_long_line_saying_one_sentence_over_and_over_is_reported_in_linear_time() -> None:
    """repeated-text finds each repeat by hash and checks it against the first sentence, read
    again from the text: from that sentence on, not from the start of its (800 KB) line (which
    took minutes: the line cut into sentences again at each of 12,000 repeats)."""
    sentence = "The survey ship left Tokyo for the seabed near the island today."
    one_line = " ".join([sentence] * 12_000) + "\n"
    assert len(one_line) >= 780_000
    found = [f for f in _check_in_subprocess(one_line) if f[0] == "repeated-text"]
    assert len(found) == 11_999
    assert all(text == sentence for _, _, _, text in found)
    assert found[0][1] == len(sentence) + 1  # the second one, after the space
