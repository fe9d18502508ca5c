"""Benchmark Glossary.find: a 10,000-entry synthetic glossary over ~10 MB of English news.

Prints the matcher's build time, matching throughput (MB/s of UTF-8 input), the number of
matches, and peak memory (tracemalloc during the build; the process's max RSS at the end).

    python bench/bench_glossary.py [--entries 10000] [--mb 10] [--repeat 3]

The text is the WMT21 zh-en English reference (read in place from ../shared/corpora) repeated,
with glossary forms spliced into every 20th line so that matches actually happen.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from zhen_tools.glossary.model import Entry, Glossary

CORPUS = ROOT.parent / "shared" / "corpora" / "wmt21-zhen" / "newstest2021.zh-en.ref.A.en"
SYLLABLES = (
    "ka",
    "ki",
    "ku",
    "ke",
    "ko",
    "sa",
    "shi",
    "su",
    "se",
    "so",
    "ta",
    "chi",
    "tsu",
    "te",
    "to",
    "na",
    "ni",
    "nu",
    "ne",
    "no",
    "ha",
    "hi",
    "fu",
    "he",
    "ho",
    "ma",
    "mi",
    "mu",
    "me",
    "mo",
    "ya",
    "yu",
    "yo",
    "ra",
    "ri",
    "ru",
    "re",
    "ro",
    "wa",
    "ga",
    "gi",
    "gu",
    "ge",
    "go",
    "za",
    "ji",
    "zu",
    "ze",
    "zo",
    "da",
    "de",
    "do",
    "ba",
    "bi",
    "bu",
    "be",
    "bo",
    "pa",
    "pi",
    "pu",
    "pe",
    "po",
    "kyo",
    "ryu",
    "sho",
)
KINDS = ("person", "place", "org", "vessel", "publication", "term")
ORG_WORDS = ("Mining", "Metals", "Holdings", "Institute", "Agency", "Group", "Rare Earths", "Corp")


def _name(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(syllables)).capitalize()


def synthetic_glossary(n: int, seed: int = 7) -> Glossary:
    """``n`` entries: names of one to four words, a variant, a forbidden form, Han source forms."""
    rng = random.Random(seed)
    entries: list[Entry] = []
    seen: set[str] = set()
    han = [chr(c) for c in range(0x4E00, 0x4E00 + 2000)]
    while len(entries) < n:
        kind = rng.choice(KINDS)
        words = [_name(rng, rng.randint(2, 4)) for _ in range(rng.randint(1, 3))]
        if kind == "org":
            words.append(rng.choice(ORG_WORDS))
        en = " ".join(words) if kind != "term" else " ".join(words).lower()
        if en in seen:
            continue
        seen.add(en)
        variant = en.replace(" ", "-") if " " in en else en + "u"
        forbidden = " ".join(reversed(words)) + " X" if len(words) > 1 else en + "ski"
        zh = "".join(rng.choice(han) for _ in range(rng.randint(2, 5)))
        entries.append(
            Entry(
                id=f"e{len(entries)}", en=en, kind=kind, variants=(variant,), forbidden=(forbidden,), zh=(zh,)
            )
        )
    # a few context patterns, as the bundled glossary has
    entries.append(
        Entry(id="ship", en="Chikyu", kind="vessel", forbidden=(r're:vessel\s+["“]?(?P<term>Earth)\b',))
    )
    return Glossary(name="synthetic", entries=tuple(entries))


def synthetic_text(glossary: Glossary, megabytes: float, seed: int = 11) -> str:
    rng = random.Random(seed)
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    forms = [f for e in glossary.entries for f in (*e.accepted, *e.forbidden) if not f.startswith("re:")]
    out: list[str] = []
    size = 0
    target = int(megabytes * 1_000_000)
    i = 0
    while size < target:
        line = lines[i % len(lines)]
        if i % 20 == 0:
            words = line.split(" ")
            pos = rng.randrange(len(words) + 1)
            words.insert(pos, rng.choice(forms))
            line = " ".join(words)
        out.append(line)
        size += len(line.encode("utf-8")) + 1
        i += 1
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--mb", type=float, default=10.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    if not CORPUS.exists():
        print(f"corpus not found: {CORPUS}", file=sys.stderr)
        return 2

    glossary = synthetic_glossary(args.entries)
    text = synthetic_text(glossary, args.mb)
    nbytes = len(text.encode("utf-8"))

    # Build time untraced (tracemalloc slows allocation-heavy code several times), then the
    # memory of a second, traced build of a fresh copy.
    t0, c0 = time.perf_counter(), time.process_time()
    matcher = glossary.matcher
    build, build_cpu = time.perf_counter() - t0, time.process_time() - c0
    tracemalloc.start()
    Glossary(entries=glossary.entries).matcher  # noqa: B018
    _, peak_build = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    # CPU time as well as wall time: on a shared machine the wall clock mostly measures the
    # neighbours.
    times = []
    cpu = []
    matches = []
    for _ in range(args.repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        matches = matcher.find(text)
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    best = min(times)
    statuses: dict[str, int] = {}
    for m in matches:
        statuses[m.status] = statuses.get(m.status, 0) + 1
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux

    print(
        f"glossary: {len(glossary.entries)} entries, "
        f"{sum(len(a) + sum(map(len, b.values())) for a, b in matcher.words.values())} forms "
        "keyed by ASCII word, "
        f"{sum(len(r) for r in matcher.chars.values())} by first character"
    )
    print(f"text: {nbytes / 1e6:.1f} MB, {len(text):,} code points")
    print(
        f"build: {build * 1000:.0f} ms (CPU {build_cpu * 1000:.0f} ms), "
        f"peak traced memory {peak_build / 1e6:.1f} MB"
    )
    print(
        f"find: best {best:.2f} s of {args.repeat} -> {nbytes / 1e6 / best:.1f} MB/s "
        f"({', '.join(f'{t:.2f}' for t in times)} s); CPU best {min(cpu):.2f} s -> "
        f"{nbytes / 1e6 / min(cpu):.1f} MB/s"
    )
    print(f"matches: {len(matches):,} {statuses}")
    print(f"max RSS: {rss_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
