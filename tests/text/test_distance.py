"""text.distance against rapidfuzz (still a dependency, the reference it stands in for) and
against values worked out by hand."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz
from rapidfuzz.distance import Indel, Levenshtein

from zhen_tools.text.distance import indel, levenshtein, ratio

# Small alphabets make repeats (the hard case for bit vectors); the last has letters past ASCII.
_words = st.sampled_from(["ab", "abc", "aeiknorst", "abcdefghijklmnopqrstuvwxyzéüō"]).flatmap(
    lambda alphabet: st.tuples(st.text(alphabet, max_size=24), st.text(alphabet, max_size=24))
)


@settings(max_examples=2000, deadline=None)
@given(_words)
def test_same_values_as_rapidfuzz(pair):
    a, b = pair
    assert levenshtein(a, b) == Levenshtein.distance(a, b)
    assert indel(a, b) == Indel.distance(a, b)
    assert ratio(a, b) == fuzz.ratio(a, b)  # the very same float, not merely close


@pytest.mark.parametrize(
    ("a", "b", "lev", "ind"),
    [
        ("kitten", "sitting", 3, 5),  # k->s, e->i, +g; indel: -k +s -e +i +g
        ("sanna", "sanae", 2, 2),  # n->a... as 2 substitutions, or -n +e
        ("minamitorishima", "minamitorishma", 1, 1),
        ("ab", "ba", 2, 2),
        ("", "abc", 3, 3),
        ("abc", "abc", 0, 0),
        ("a" * 70, "a" * 69 + "b", 1, 2),  # longer than a 64-bit word
    ],
)
def test_distances_worked_by_hand(a, b, lev, ind):
    assert levenshtein(a, b) == levenshtein(b, a) == lev
    assert indel(a, b) == indel(b, a) == ind


def test_ratio_worked_by_hand():
    assert ratio("sanna", "sanae") == 80.0  # 1 - 2/10
    assert ratio("takahashi", "takaichi") == pytest.approx(100 * (1 - 5 / 17))  # common: t,a,k,a,h,i
    assert ratio("", "") == 100.0 and ratio("", "x") == 0.0
