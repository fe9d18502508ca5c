"""The inconsistent-rendering rule: one entity spelled in more than one way across a run.

Mentions are the glossary's accepted matches of names and the name-like spans no glossary form
covers. Mentions fall in one cluster when their folded keys are equal (diacritics, hyphens,
spaces, case and long vowels aside: ``Chikyu``/``Chikyū``, ``Minami-Tori-shima``/
``Minami-Torishima``) or, for names in no glossary, equal after also folding romanisation
variants (``Shimbun``/``Shinbun``, ``Itoh``/``Ito``). Short and long forms (``Lynas`` /
``Lynas Rare Earths``) have different keys and never meet. Each document's mentions are found
once (its name spans are the DocContext's, shared with near-miss); a first pass counts each
spelling and remembers where it was first seen, a second reports the minority spellings.

With pairs, mentions are also anchored on the source: each name span of a target segment is
linked to the Chinese name of its aligned source segment whose pinyin reads closest to it, and
one Chinese name rendered with two different letters across the run (``Chen Kaixian`` /
``Chen Kaixin`` for 陈凯欣) is reported, which the target-only clusters, kept strict to stay
precise, cannot see.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import lru_cache, partial
from itertools import chain
from typing import Any

from zhen_tools._version import package_version
from zhen_tools.findings import Finding
from zhen_tools.glossary.fold import fold_key, loose_key
from zhen_tools.glossary.model import NAME_KINDS, Entry
from zhen_tools.glossary.translit import _pypinyin, pinyin_fold
from zhen_tools.rules.context import DocContext, PairContext
from zhen_tools.rules.registry import register
from zhen_tools.text.cache import cached_pickle
from zhen_tools.text.chars import HAN
from zhen_tools.text.lazyre import lazy_compile
from zhen_tools.text.pinyin import is_pinyin_word
from zhen_tools.text.spans import _english_common

__all__ = [
    "State",
    "add_mentions",
    "inconsistent_rendering",
    "merge_cluster",
    "merge_states",
    "minority",
    "pack_mentions",
    "resolve",
    "unpack_mentions",
]

_MIN_KEY = 4  # shorter names (US, EU, Li) vary legitimately and are too ambiguous to cluster
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})


def _spelling_key(surface: str) -> str:
    """Spellings that differ only in case (headlines) or apostrophe shape are one spelling."""
    return surface.translate(_APOSTROPHES).casefold()


def _mentions(ctx: DocContext) -> Iterator[tuple[tuple[str, ...], str | None, int, int]]:
    """(cluster id, preferred spelling or None, start, end) for each name mention."""
    glossary = ctx.glossary
    covered: list[tuple[int, int]] = []
    if glossary is not None:
        by_id = glossary.by_id
        seen: dict[tuple[str, str], tuple[tuple[str, ...], str | None] | None] = {}
        for m in ctx.matches:
            covered.append((m.start, m.end))
            if m.status != "accepted":
                continue
            k = (m.text, m.entry_id)
            if k in seen:
                found = seen[k]
            else:
                entry = by_id.get(m.entry_id)
                if entry is None or entry.kind not in NAME_KINDS:
                    found = seen[k] = None
                else:
                    key = fold_key(m.text)
                    found = seen[k] = (
                        ("entry", entry.id, key),
                        entry.en if fold_key(entry.en) == key else None,
                    )
            if found is not None:
                yield found[0], found[1], m.start, m.end
    covered.sort()
    by_fold = glossary.by_fold if glossary is not None else {}
    ci = 0
    known: dict[str, tuple[tuple[str, ...], str | None] | None] = {}  # a name recurs in a document
    for span in ctx.names:
        while ci < len(covered) and covered[ci][1] <= span.start:
            ci += 1
        if ci < len(covered) and covered[ci][0] < span.end:
            continue  # a glossary form is inside: the glossary mention speaks for it
        text = span.text
        if text in known:
            found = known[text]
        else:
            found = known[text] = _cluster_of(text, by_fold)
        if found is not None:
            yield found[0], found[1], span.start, span.end


def _cluster_of(
    text: str, by_fold: Mapping[str, Sequence[Entry]]
) -> tuple[tuple[str, ...], str | None] | None:
    """(cluster id, preferred spelling or None) of a name span no glossary form covers; None
    for a name too short to cluster."""
    key = fold_key(text)
    if len(key) < _MIN_KEY:
        return None
    entries = [e for e in by_fold.get(key, ()) if e.kind in NAME_KINDS]
    if entries:
        e = entries[0]
        return ("entry", e.id, key), (e.en if fold_key(e.en) == key else None)
    return ("name", loose_key(text)), None


Mention = tuple[tuple[str, ...], str | None, int, int, str]
# A document's mentions as ``collect`` keeps them: (kinds, flat), each kind a distinct (cluster
# id, spelling key of the preferred form or None, spelling key) and ``flat`` three ints a mention
# (kind, start, end): 24 bytes a mention where a tuple with its ints costs some 150.
Mentions = tuple[list[tuple[tuple[str, ...], str | None, str]], "array[int]"]


def _mention_list(ctx: DocContext) -> Iterator[Mention]:
    """Every mention of the document as (cluster id, spelling key of the preferred form or
    None, start, end, spelling key)."""
    read = ctx.read  # a mention as the reader reads it (a wrapped PO string: one line)
    keys: dict[str, str] = {}
    for cid, pref, a, b in _mentions(ctx):
        surface = read(a, b)
        skey = keys.get(surface)
        if skey is None:
            skey = keys[surface] = _spelling_key(surface)
        if pref is not None:
            pkey = keys.get(pref)
            if pkey is None:
                pkey = keys[pref] = _spelling_key(pref)
            pref = pkey
        yield cid, pref, a, b, skey


def pack_mentions(mentions: Iterable[Mention]) -> Mentions:
    """Mentions packed as ``collect`` keeps them (``Mentions``), in the same order.

    >>> m = [(("name", "chikyu"), None, 0, 6, "chikyu"), (("name", "chikyu"), None, 9, 15, "chikyu")]
    >>> kinds, flat = pack_mentions(m)
    >>> kinds, list(flat), list(unpack_mentions((kinds, flat))) == m
    ([(('name', 'chikyu'), None, 'chikyu')], [0, 0, 6, 0, 9, 15], True)
    """
    kinds: list[tuple[tuple[str, ...], str | None, str]] = []
    index: dict[tuple[tuple[str, ...], str | None, str], int] = {}
    flat = array("q")
    add = flat.append
    for cid, pref, a, b, skey in mentions:
        kind = (cid, pref, skey)
        k = index.get(kind)
        if k is None:
            k = index[kind] = len(kinds)
            kinds.append(kind)
        add(k)
        add(a)
        add(b)
    return kinds, flat


def unpack_mentions(mentions: Mentions) -> Iterator[Mention]:
    """The mentions of ``pack_mentions``, one at a time."""
    kinds, flat = mentions
    it = iter(flat)
    for k, a, b in zip(it, it, it):
        cid, pref, skey = kinds[k]
        yield cid, pref, a, b, skey


def _target_mentions(ctx: DocContext) -> Mentions:
    return pack_mentions(_mention_list(ctx))


# -- map and reduce over plain data ------------------------------------------------------------
#
# The rule is a keyed reduce over cluster ids. A file run (``inconsistent_rendering``) holds every
# document's mentions anyway (the ``collect`` memos), so it keeps per spelling only a count and
# its first sight, and reads the mentions a second time to report the minority spellings. A
# record run cannot read its records twice: its state keeps per spelling a count and a bounded
# sample of places, packed, so it grows with the distinct spellings and never with the records.
# States hold only strings, ints, tuples and bytes (picklable, engine-neutral):
#
#   State:     cluster id -> [preferred, spellings]
#   preferred: (place key, spelling key) of the first mention of the glossary's preferred form,
#              or None
#   spellings: spelling key -> [count, places]
#   places:    the smallest ``sample`` places of the spelling (at least one, its first sight),
#              sorted; a list while a batch is checked, one pickled bytes object (``_pack``) once
#              ``merge_states`` holds it
#   place:     (path, document line, index, line, id, start, end, surface, record path): the
#              first three, the place key, sort a mention among all of the run's (the path and
#              line of its document's first record, then the mention's index in the document's
#              mention list); then the record's line and id, the offsets and text of the mention
#              in the record's target, and the record's path when it is not the document's
#              (else None).

State = dict[tuple[str, ...], list[Any]]
Place = tuple[Any, ...]


def add_mentions(
    state: State,
    mentions: Mentions,
    place: Callable[[int, int, int], Place],
    sample: int | None = None,
) -> State:
    """Fold one document's mentions (what ``collect`` returns) into ``state``: ``place(i, a, b)`` is
    the place (see above) of the ``i``-th mention, at ``a:b`` of the document's text; places
    come in place-key order, and only the first ``sample`` of a spelling are kept."""
    keep = None if sample is None else max(sample, 1)
    for idx, (cid, pref, a, b, skey) in enumerate(unpack_mentions(mentions)):
        cluster = state.get(cid)
        if cluster is None:
            cluster = state[cid] = [None, {}]
        sp = cluster[1].get(skey)
        if sp is None:
            sp = cluster[1][skey] = [0, []]
        sp[0] += 1
        if pref is not None and cluster[0] is None:
            cluster[0] = (place(idx, a, b)[:3], pref)
        if keep is None or len(sp[1]) < keep:
            sp[1].append(place(idx, a, b))
    return state


def _pack(places: list[Place] | bytes) -> bytes:
    """Places pickled into one bytes object, each distinct string in them once: the places of a
    spelling share their path and mostly their surface, which pickle would otherwise write out
    in full at each place (it shares only the same object, and the places come from different
    documents): on the bench's news pairs about 230 bytes a spelling where it was 370."""
    if isinstance(places, bytes):
        return places
    import pickle  # only record runs pack places; a file run never loads pickle

    one: dict[str, str] = {}
    shared = [tuple(one.setdefault(v, v) if type(v) is str else v for v in pl) for pl in places]
    return pickle.dumps(shared, pickle.HIGHEST_PROTOCOL)


def _unpack(places: list[Place] | bytes) -> list[Place]:
    if not isinstance(places, bytes):
        return places
    import pickle

    return pickle.loads(places)  # type: ignore[no-any-return]


def _merge_places(old: list[Place] | bytes, new: list[Place] | bytes, sample: int | None) -> bytes:
    """The smallest ``sample`` (at least one) of both sorted lists of places, packed."""
    x, y = _unpack(old), _unpack(new)
    if not y:
        return _pack(old)
    keep = None if sample is None else max(sample, 1)
    if keep is not None and len(x) >= keep and x[keep - 1] < y[0]:
        return _pack(old) if len(x) == keep else _pack(x[:keep])  # records come in order: the usual case
    return _pack(sorted(x + y)[:keep])


def merge_states(a: State, b: State, sample: int | None = None) -> State:
    """``a`` with ``b`` merged into it (the reduce; associative, and commutative as long as
    the places of ``a`` and ``b`` are distinct). ``b`` is consumed: ``a`` may take its parts."""
    for cid, cluster in b.items():
        mine = a.get(cid)
        if mine is None:
            a[cid] = merge_cluster(None, cluster, sample)
        else:
            merge_cluster(mine, cluster, sample)
    return a


def merge_cluster(mine: list[Any] | None, other: list[Any], sample: int | None = None) -> list[Any]:
    """One cluster's value with another's merged into it (for a reduce by cluster id); ``other``
    is consumed."""
    pref, spellings = other
    if mine is None:
        for sp in spellings.values():
            sp[1] = _pack(sp[1])
        return [pref, spellings]
    if pref is not None and (mine[0] is None or pref[0] < mine[0][0]):
        mine[0] = pref
    own = mine[1]
    for skey, sp in spellings.items():
        old = own.get(skey)
        if old is None:
            sp[1] = _pack(sp[1])
            own[skey] = sp
        else:
            old[0] += sp[0]
            old[1] = _merge_places(old[1], sp[1], sample)
    return mine


# The majority spelling of a cluster: (spelling key, shown form, count, where first seen).
Major = tuple[str, str, int, str]


def _majority(spellings: Iterable[tuple[str, int, Any, str, Callable[[], str]]], pref: str | None) -> Major:
    """The majority of (spelling key, count, first sight, shown form, where) items: most
    frequent; ties go to the glossary's preferred form, then the first seen."""
    skey, count, _, shown, where = min(spellings, key=lambda s: (-s[1], s[0] != pref, s[2]))
    return skey, shown, count, where()


def resolve(state: State) -> dict[tuple[str, ...], Major]:
    """Cluster id -> its majority spelling (``Major``), for each cluster of ``state`` written in
    more than one way."""
    out = {}
    for cid, (pref, spellings) in state.items():
        if len(spellings) > 1:
            items = []
            for skey, (count, places) in spellings.items():
                f = _unpack(places)[0]
                # the first sight: (path, document line, line, start) sorts as the place key does
                items.append((skey, count, (f[0], f[1], f[3], f[5]), f[7], partial(_where, f)))
            out[cid] = _majority(items, pref[1] if pref is not None else None)
    return out


def _where(place: Place) -> str:
    return f"{place[0]}:{place[3]}"


def minority(
    state: State, sample: int | None = None, consume: bool = False
) -> list[tuple[Place, str, str, str]]:
    """(place, surface, message, suggestion) of every kept mention (the first ``sample`` of
    each spelling) of a minority spelling, in place-key order. With ``consume``, ``state`` is
    emptied as it is read: the clusters written one way (most of it) before any place is
    unpacked, each other cluster once its places are, so the state and the places it yields
    are not held at once."""
    majors = resolve(state)
    if consume:
        for cid in [c for c in state if c not in majors]:
            del state[cid]
    items = []
    for cid, major in majors.items():
        spellings = state.pop(cid)[1] if consume else state[cid][1]
        for skey, (_, places) in spellings.items():
            if skey != major[0]:
                kept = _unpack(places)
                for pl in kept if sample is None else kept[:sample]:
                    items.append((pl[:3], (pl[8] or pl[0], pl[3], pl[5]), pl[7], cid, skey, major, pl))
    return [(pl, pl[7], message, sugg) for _, pl, message, sugg in _report(items)]


def _report(
    items: Iterable[tuple[Any, Any, str, tuple[str, ...], str, Major, Any]],
) -> list[tuple[Any, Any, str, str]]:
    """(order, payload, message, suggestion) of each mention of a minority spelling among the
    ``items`` (order, claim, surface, cluster id, spelling key, the cluster's majority, payload),
    in order. Clusters of source-anchored mentions (id ``("zh", 陈凯欣)``) come second: a place
    (``claim``) a target-only cluster reports is not reported again, nor a spelling that is the
    majority's with letters more (``Tunisian`` beside ``Tunisia``)."""
    out = []
    claimed = set()
    anchored = []
    for order, claim, surface, cid, skey, major, payload in items:
        times = "once" if major[2] == 1 else f"{major[2]} times"
        if cid[0] == "zh":
            key = major[0]
            if not (skey.startswith(key) or key.startswith(skey)):
                anchored.append((order, claim, surface, cid[1], major, times, payload))
            continue
        message = f"'{surface}' is written '{major[1]}' elsewhere ({times}; first at {major[3]})"
        out.append((order, payload, message, major[1]))
        claimed.add(claim)
    anchored.sort(key=lambda t: t[0])
    for order, claim, surface, zh, major, times, payload in anchored:
        if claim in claimed:
            continue
        claimed.add(claim)
        message = (
            f"'{surface}' (for {zh} in the source) is written '{major[1]}' for the same {zh} "
            f"elsewhere ({times}; first at {major[3]})"
        )
        out.append((order, payload, message, major[1]))
    out.sort(key=lambda t: t[0])
    return out


@register(
    "inconsistent-rendering",
    "warning",
    "one entity written in more than one form across the documents checked",
    scope="run",
)
def inconsistent_rendering(ctxs: Sequence[DocContext]) -> Iterator[Finding]:
    """Flags each occurrence of a minority spelling of a name written in more than one form
    across the documents of a run -- forms that differ only by diacritics, hyphens, spacing or
    romanisation (``Chikyu`` beside ``Chikyū``, ``Minami-Tori-shima`` beside
    ``Minami-Torishima``) -- naming the majority spelling and where it is first seen; the
    suggestion is the majority spelling (ties: the glossary's preferred form, then the first).

    Publications keep one spelling per name; mixed spellings read as two entities, split search
    results and show an unedited text. Short and long forms of a name (``Takaichi``,
    ``Sanae Takaichi``) are not inconsistencies.

    >>> from zhen_tools.text.document import document_from_text
    >>> docs = [DocContext(document_from_text("Chikyu left Shimizu. Chikyu returned.", "a.txt")),
    ...         DocContext(document_from_text("The vessel Chikyū sailed.", "b.txt"))]
    >>> [(f.path, f.text, f.suggestion) for f in inconsistent_rendering(docs)]
    [('b.txt', 'Chikyū', 'Chikyu')]
    """
    # First pass: per cluster, the first preferred form and per spelling [count, document, start,
    # end] of its first sight -- a few ints per distinct spelling, never a list of places.
    tally: dict[tuple[str, ...], list[Any]] = {}
    for di, ctx in enumerate(ctxs):
        for cid, pref, a, b, skey in _run_mentions(ctx):
            cluster = tally.get(cid)
            if cluster is None:
                cluster = tally[cid] = [pref, {}]
            elif cluster[0] is None:
                cluster[0] = pref
            sp = cluster[1].get(skey)
            if sp is None:
                cluster[1][skey] = [1, di, a, b]
            else:
                sp[0] += 1
    majors = {}
    for cid, (pref, spellings) in tally.items():
        if len(spellings) > 1:
            items = [
                (skey, n, (di, a), ctxs[di].read(a, b), partial(_file_where, ctxs[di].file, a))
                for skey, (n, di, a, b) in spellings.items()
            ]
            majors[cid] = _majority(items, pref)
    del tally
    if not majors:
        return
    # Second pass: each document's minority mentions, in document order.
    for ctx in ctxs:
        read = ctx.read
        mine = [
            (idx, a, read(a, b), cid, skey, majors[cid], (a, b))
            for idx, (cid, _, a, b, skey) in enumerate(_run_mentions(ctx))
            if cid in majors and skey != majors[cid][0]
        ]
        for _, (a, b), message, suggestion in _report(mine):
            yield ctx.finding(a, b, "inconsistent-rendering", message, suggestion)


def _run_mentions(ctx: DocContext) -> Iterator[Mention]:
    """A checked document's mentions for the run part, one at a time: the target-only ones
    ``collect`` stored (the engine computes that memo before the pairs are anchored; records:
    after), then the source-anchored ones."""
    for m in unpack_mentions(ctx.memo("inconsistent-rendering", _target_mentions)):
        if m[0][0] != "zh":
            yield m
    yield from anchored_mentions(ctx)


def _file_where(doc: Any, a: int) -> str:
    return f"{doc.path}:{doc.position(a)[0]}"


def _collect(ctx: DocContext) -> Mentions:
    """The per-document part of the rule (``collect``): the target-only mentions, and the
    source-anchored ones when the document's pairs were anchored already (records are checked
    pairs first; files are not, and ``inconsistent_rendering`` reads those from the memo),
    packed (``Mentions``): what a file run holds of each document until its end."""
    return pack_mentions(chain(_mention_list(ctx), anchored_mentions(ctx)))


inconsistent_rendering.collect = _collect  # type: ignore[attr-defined]


# -- anchored on the source ------------------------------------------------------------------

# Memo key of a target document's source-anchored mentions: (Chinese name, fold key, start,
# end), plain data like ``collect``'s, written by the pair-scope part below.
ANCHORED = "inconsistent-rendering:anchored"
_CLOSE = 80.0  # rapidfuzz ratio between a name's letters and a source name's pinyin
# A run of words is compared when it has 4 letters or more (`Wuxi`, 无锡); a 4-letter run may
# be one letter off (75), a longer one must read 80 or closer.
_MIN_LETTERS = 4
_CLOSE_SHORT = 75.0
# Characters after a one-character name: the generic words for rivers, lakes and mountains,
# which a translation renders in English (`Cang River` for 沧河, `Tai Lake` for 太湖), and 某,
# which follows a surname the source withholds (黄某某: `Huang`). Not 村, 市, 路...: 造成村道
# would make 成 a name.
_GENERIC = "江河湖海山岛峰某"
_HAN_RUN = lazy_compile(f"[{HAN}]+")  # compiled on first use: English-only runs never need it
# Names whose two English forms are both in use, so that pinyin cannot link them.
KNOWN_VARIANTS = {"澳门": ("Macao", "Macau"), "基辅": ("Kyiv", "Kiev"), "孟买": ("Mumbai", "Bombay")}


@lru_cache(maxsize=1)
def _ratio() -> Callable[..., Any]:
    """rapidfuzz's ``process.extractOne`` scored by plain ``fuzz.ratio`` (the default, WRatio,
    matches parts: ``Xinhua Commentary`` to 新华), imported when a pair is first anchored."""
    import rapidfuzz.fuzz
    import rapidfuzz.process

    return partial(rapidfuzz.process.extractOne, scorer=rapidfuzz.fuzz.ratio)


class _Readings:
    """Han character -> its toneless readings, most common first, looked up in a compact table:
    the characters' code points (sorted), where each one's readings start in one string, and
    that string (``zhao,chao\n...``). Loading it costs ~1 ms where the same table as a dict of
    tuples cost ~15 ms to unpickle, on every run that links a name to its source; a character
    is split into its readings when first asked for.

    >>> r = _Readings(["重", "赵"], [("zhong", "chong"), ("zhao",)])
    >>> r.get("重"), r.get("x"), r.get("x", ())
    (('zhong', 'chong'), None, ())
    """

    __slots__ = ("_blob", "_cps", "_seen", "_starts")

    def __init__(self, chars: Sequence[str], readings: Sequence[tuple[str, ...]]) -> None:
        order = sorted(range(len(chars)), key=lambda i: chars[i])
        self._cps = array("I", (ord(chars[i]) for i in order))
        parts = [",".join(readings[i]) + "\n" for i in order]
        self._starts = array("I", [0])
        for part in parts:
            self._starts.append(self._starts[-1] + len(part))
        self._blob = "".join(parts)
        self._seen: dict[str, tuple[str, ...] | None] = {}

    def __reduce__(self) -> tuple[Any, ...]:  # three flat objects: a fast pickle and load
        return (_readings_from, (self._cps.tobytes(), self._starts.tobytes(), self._blob))

    def get(self, ch: str, default: Any = None) -> Any:
        got = self._seen.get(ch, ())
        if got == ():
            got = None
            cp = ord(ch) if len(ch) == 1 else -1
            i = bisect_left(self._cps, cp)
            if i < len(self._cps) and self._cps[i] == cp:
                got = tuple(self._blob[self._starts[i] : self._starts[i + 1] - 1].split(","))
            self._seen[ch] = got
        return default if got is None else got


def _readings_from(cps: bytes, starts: bytes, blob: str) -> _Readings:
    table = _Readings.__new__(_Readings)
    table._cps, table._starts = array("I"), array("I")
    table._cps.frombytes(cps)
    table._starts.frombytes(starts)
    table._blob, table._seen = blob, {}
    return table


@lru_cache(maxsize=1)
def _han_readings() -> _Readings:
    """Han character -> its toneless readings, most common first: pypinyin's character table,
    folded once and kept in the disk cache (importing pypinyin costs ~0.4 s, mostly for phrase
    tables this rule does not read)."""

    def compute() -> _Readings:
        table = _pypinyin().pinyin_dict.pinyin_dict
        chars = [chr(cp) for cp in table]
        readings = [tuple(dict.fromkeys(pinyin_fold(r) for r in raw.split(","))) for raw in table.values()]
        return _Readings(chars, readings)

    return cached_pickle("han-readings", [package_version("pypinyin"), 2], compute)  # type: ignore[no-any-return]


class _SourceNames:
    """The Chinese names a source segment may hold: every run of 2 to 4 Han characters (a
    Chinese name is two to four characters), in each of its first 4 readings (重庆: zhongqing,
    chongqing, ...), as pinyin key -> Chinese form. Keys are built per first letter, when a name
    span of the target starting with that letter is first compared (a name and its reading start
    alike), so a segment pays only for the letters its translation's names start with.

    >>> sorted(k for k, v in _SourceNames("在重庆").keys("c").items() if v == "重庆")
    ['chongqing']
    """

    __slots__ = ("_by_letter", "_choices", "_info", "_starts", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._by_letter: dict[str, dict[str, str]] = {}
        self._choices: dict[str, tuple[list[str], dict[str, str]]] = {}
        # ``_CHAR_INFO`` of each character, read when the first letter is asked for: one lookup
        # per character in C (map) instead of a Python call per character and key length.
        self._info: list[tuple[tuple[str, ...], str]] | None = None
        # Where a key may start, by the letters the character's readings start with ("?" for a
        # character without a reading: any letter): (place, end of its Han run, its readings),
        # in text order, for the places followed by another Han character of the run. Sorted out
        # once, on the first letter asked for; a segment is asked for five letters on average.
        self._starts: dict[str, list[tuple[int, int, tuple[str, ...]]]] | None = None

    def _index(self) -> dict[str, list[tuple[int, int, tuple[str, ...]]]]:
        text = self._text
        info = self._info = list(map(_CHAR_INFO.__getitem__, text))
        starts: dict[str, list[tuple[int, int, tuple[str, ...]]]] = {}
        for m in _HAN_RUN.finditer(text):
            end = m.end()
            for i in range(m.start(), end - 1):
                first, initials = info[i]
                for x in initials or "?":
                    got = starts.get(x)
                    if got is None:
                        starts[x] = [(i, end, first)]
                    else:
                        got.append((i, end, first))
        self._starts = starts
        return starts

    def choices(self, letter: str) -> tuple[list[str], dict[str, str]]:
        """(the keys starting with ``letter``, as a list for rapidfuzz; ``keys(letter)``)."""
        got = self._choices.get(letter)
        if got is None:
            keys = self.keys(letter)
            got = self._choices[letter] = (list(keys), keys)
        return got

    def keys(self, letter: str) -> dict[str, str]:
        """Pinyin key -> Chinese form, for the keys starting with ``letter``: of each run of 2 to
        4 characters, its first 4 readings that start with the letter."""
        out = self._by_letter.get(letter)
        if out is not None:
            return out
        out = self._by_letter[letter] = {}
        starts = self._starts
        if starts is None:
            starts = self._index()
        text, info = self._text, self._info
        assert info is not None
        found = starts.get(letter, [])
        anywhere = starts.get("?")
        if anywhere:
            found = sorted(found + anywhere)
        for i, end, first in found:
            heads = [x for x in first if x[:1] == letter] if first[0] else [""]
            check = not first[0]  # without a reading, the key's letter is the next one's
            for k in range(i + 1, min(i + 4, end)):
                # The readings of one character more, the first 4 in reading order.
                more = info[k][0]
                if len(more) == 1:
                    x = more[0]
                    heads = [h + x for h in heads]
                else:
                    heads = [h + x for h in heads for x in more][:4]
                zh = text[i : k + 1]
                for key in heads:
                    if key not in out and (not check or key[:1] == letter):
                        out[key] = zh
            # A one-character name before a generic word (沧河: the Cang River) or 某
            # (黄某某: a Mr Huang the source does not name).
            if text[i + 1] in _GENERIC and text[i] not in _GENERIC:
                for reading in first[:4]:
                    if reading[:1] == letter:
                        out.setdefault(reading, text[i])
        return out


class _CharInfo(dict[str, tuple[tuple[str, ...], str]]):
    """Character -> (readings, or ("",) for a character without one; their distinct first
    letters), filled on first lookup, so that ``map(_CHAR_INFO.__getitem__, text)`` reads a
    whole text in C.

    >>> _CharInfo()["重"][1], _CharInfo()["x"]
    ('zct', (('',), ''))
    """

    def __missing__(self, ch: str) -> tuple[tuple[str, ...], str]:
        readings = _han_readings().get(ch) or ("",)
        got = self[ch] = (readings, "".join(dict.fromkeys(r[:1] for r in readings)))
        return got


_CHAR_INFO = _CharInfo()
# A source segment is asked for by the windows of its own bead and its two neighbours, one after
# the other: a few hundred are plenty, and each can hold a long segment's keys (a worker checks
# many pairs, and its memory must not grow with them).
_source_names = lru_cache(maxsize=256)(_SourceNames)


class _Window:
    """The source names of a bead and its neighbours (the bead's own source first, so that a
    key both have keeps the bead's Chinese form)."""

    __slots__ = ("_sources", "_texts")

    def __init__(self, texts: Sequence[str]) -> None:
        self._texts = texts
        self._sources = [_source_names(t) for t in texts]

    def best(self, letters: str, cutoff: float) -> tuple[float, str] | None:
        """(score, Chinese form) of the source name whose key reads closest to ``letters``, at
        least ``cutoff``; a tie goes to the earlier source, then the earlier key."""
        best: tuple[float, str] | None = None
        extract = _ratio()
        for names in self._sources:
            choices, keys = names.choices(letters[0])  # a name and its reading start alike
            if choices:
                got = extract(letters, choices, score_cutoff=cutoff)
                if got is not None and (best is None or got[1] > best[0]):
                    best = (got[1], keys[got[0]])
                    if got[1] == 100:
                        break  # no later source can do better
        return best

    def before(self, zh: str) -> list[str]:
        """The Han characters written right before ``zh`` in the sources, in order."""
        out = []
        for text in self._texts:
            i = text.find(zh, 1)
            while i > 0:
                if _HAN_RUN.match(text[i - 1]) and text[i - 1] not in out:
                    out.append(text[i - 1])
                i = text.find(zh, i + 1)
        return out


def _parts(text: str, words: Sequence[tuple[int, int]], window: _Window) -> list[tuple[str, int, int]]:
    """(Chinese form, start, end) of each part of a name span linked to its source: the runs of
    up to three words that read closest to a source name's pinyin, best first, as long as they
    do not overlap (a span may hold more than one name, or more than the name: ``Qinghai Huabao
    Bee Industry`` holds 青海 and 花宝, ``Beijing TV`` 北京); and the one-syllable surname of a
    linked name (``Zhao`` in ``Zhao Yifan`` or ``Yifan Zhao`` for 赵一凡: 赵), so that a surname
    written two ways across the run is seen even where each full name occurs once.

    >>> w = _Window(["记者赵一凡报道"])
    >>> [(zh, "Zheo Yifan"[a:b]) for zh, a, b in _parts("Zheo Yifan", ((0, 4), (5, 10)), w)]
    [('一凡', 'Yifan'), ('赵', 'Zheo')]
    >>> w = _Window(["郑州至万州的高铁"])
    >>> [(zh, "Zhengzhou-Wanzhuu line"[a:b]) for zh, a, b in _parts("Zhengzhou-Wanzhuu line", ((0, 17),), w)]
    [('郑州', 'Zhengzhou'), ('万州', 'Wanzhuu')]
    """
    words = _split_compounds(text, words)
    scored = []
    for i in range(len(words)):
        if not text[words[i][0]].isupper():
            continue  # a particle or the English part of a compound (`de`, `-owned`)
        word = text[words[i][0] : words[i][1]]
        if word.lower() in _english_common() and not is_pinyin_word(word):
            continue  # an English word (`President`, `Ministry`) starts no Chinese name
        for j in range(i, min(i + 3, len(words))):
            letters = pinyin_fold(text[words[i][0] : words[j][1]])
            if len(letters) < _MIN_LETTERS:
                continue
            got = window.best(letters, _CLOSE if len(letters) > _MIN_LETTERS else _CLOSE_SHORT)
            if got is not None:
                # A word more is worth 5 points: `Cheng Guangming` (96) over `Guangming` (100)
                # for 陈光明, but `Beijing` (100) over `Beijing TV` (90) for 北京.
                scored.append((-(got[0] + 5 * (j - i)), i, j, got[1]))
    scored.sort()  # best first; a tie goes to the earlier run, then the shorter
    taken: list[tuple[int, int]] = []
    out: list[tuple[str, int, int]] = []

    def free(k: int) -> bool:
        return 0 <= k < len(words) and not any(ti <= k <= tj for ti, tj in taken)

    for _, i, j, zh in scored:
        if not free(i) or not free(j) or any(i <= ti <= j for ti, _ in taken):
            continue
        taken.append((i, j))
        out.append((zh, words[i][0], words[j][1]))
        if j > i and len(zh) in (2, 3):  # a whole name: its first word may be the surname
            if _reads(zh[0], pinyin_fold(text[words[i][0] : words[i][1]])):
                out.append((zh[0], *words[i]))
        elif len(zh) == 2:  # a given name: the surname is the character before it in the source
            for k in (i - 1, j + 1):  # `Zhao Yifan`, `Yifan Zhao`
                if free(k):
                    letters = pinyin_fold(text[words[k][0] : words[k][1]])
                    surname = next((c for c in window.before(zh) if _reads(c, letters)), None)
                    if surname is not None:
                        taken.append((k, k))  # before a weaker link takes the word elsewhere
                        out.append((surname, *words[k]))
                        break
    return out


def _split_compounds(text: str, words: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The words, with hyphenated compounds cut where they join two names (``Zhengzhou-Wanzhou``,
    ``Qinghai-Tibet``) or a name and an English word (``Alibaba-owned``); a romanised name's
    own parts stay together (``Ching-yu``, ``Jae-myung``, ``Minami-Tori-shima``)."""
    out: list[tuple[int, int]] = []
    for a, b in words:
        i = text.find("-", a, b)
        while i >= 0:
            j = text.find("-", i + 1, b)
            part = text[i + 1 : j if j >= 0 else b]
            if i > a and part and (part[0].isupper() or not is_pinyin_word(part)):
                out.append((a, i))
                a = i + 1
            i = j
        out.append((a, b))
    return out


def _reads(ch: str, letters: str) -> bool:
    """Whether ``letters`` are a reading of the Han character ``ch``, or one letter off one of
    three letters or more (``Zheo`` for 赵, zhao)."""
    for r in _han_readings().get(ch, ()):
        if r == letters or (len(r) >= 3 and r[0] == letters[:1] and _one_edit(r, letters)):
            return True
    return False


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by exactly one substitution, insertion or deletion."""
    if len(a) < len(b):
        a, b = b, a
    if len(a) - len(b) > 1 or a == b:
        return False
    i = 0
    while i < len(b) and a[i] == b[i]:
        i += 1
    return a[i + 1 :] == b[i + 1 :] if len(a) == len(b) else a[i + 1 :] == b[i:]


@register(
    "inconsistent-rendering",
    "warning",
    "one entity written in more than one form across the documents checked",
    scope="pair",
)
def anchor_mentions(pair: PairContext) -> Iterator[Finding]:
    """The per-pair part of the rule: it reports nothing itself, but stores on the target
    document (memo ``ANCHORED``) each part of a name span linked to the Chinese name of its
    aligned source whose pinyin reads closest (rapidfuzz ratio >= 80), with the surname of a
    linked person's name, and each known variant (``Macau``/``Macao`` for 澳门), for
    ``inconsistent_rendering`` to compare across the run.

    >>> from zhen_tools.text.document import document_from_text
    >>> from zhen_tools.run.inputs import find_pairs
    >>> zh = DocContext(document_from_text("陈凯欣说，澳门很好。\\n", "a.zh.txt"))
    >>> en = DocContext(document_from_text("Chen Kaixian said Macau is fine.\\n", "a.en.txt"))
    >>> list(anchor_mentions(find_pairs([zh, en])[0])), en.memos[ANCHORED]
    ([], [('陈凯欣', 'chenkaixian', 0, 12), ('陈', 'chen', 0, 4), ('澳门', 'macau', 18, 23)])
    """
    if pair.digest:
        return iter(())
    target = pair.target
    names = target.names
    starts = names.starts()
    found: list[tuple[str, str, int, int]] = []
    for n, bead in enumerate(pair.beads):
        if not bead.source or not bead.target:
            continue
        # The neighbours too when alignment may drift: the closest reading picks among them
        # (the bead's own source first, which keeps a reading both have).
        window = [bead, *(near for near in pair.window(n) if near is not bead)]
        source = " ".join(seg.text for near in window for seg in near.source)
        if not _HAN_RUN.search(source):
            continue
        sources: _Window | None = None
        for seg in bead.target:
            a, b = seg.doc_offset(0), seg.doc_offset(len(seg.text))
            for i in range(bisect_left(starts, a), len(names)):
                span = names[i]
                if span.start >= b:
                    break
                for zh, forms in KNOWN_VARIANTS.items():
                    if span.text in forms and zh in source:
                        found.append((zh, fold_key(span.text), span.start, span.end))
                if sources is None:
                    sources = _Window([s.text for near in window for s in near.source])
                for zh, start, end in _parts(target.text, span.words, sources):
                    found.append((zh, fold_key(target.text[start:end]), start, end))
    target.memos.setdefault(ANCHORED, []).extend(found)
    return iter(())


def anchored_mentions(ctx: DocContext) -> list[tuple[tuple[str, ...], str | None, int, int, str]]:
    """The source-anchored mentions ``anchor_mentions`` stored on a target document, as mentions
    of ``_mention_list``'s shape: cluster ``("zh", Chinese name)``, spelled by fold key; a
    spelling that reads as the name's pinyin is the preferred one, which wins a tie (``Shang``
    over ``Sheng`` for 商, once each).

    >>> from zhen_tools.text.document import document_from_text
    >>> ctx = DocContext(document_from_text("Sheng Haichun", "a.en.txt"))
    >>> ctx.memos[ANCHORED] = [("商", "sheng", 0, 5)]
    >>> anchored_mentions(ctx)
    [(('zh', '商'), None, 0, 5, 'sheng')]
    """
    text = ctx.text
    out: list[tuple[tuple[str, ...], str | None, int, int, str]] = []
    for zh, key, a, b in ctx.memos.get(ANCHORED, ()):
        pref = key if _reads_as(zh, pinyin_fold(text[a:b])) else None
        out.append((("zh", zh), pref, a, b, key))
    return out


def _reads_as(zh: str, letters: str) -> bool:
    """Whether ``letters`` are a reading of ``zh``, one reading of each character in turn.

    >>> _reads_as("重庆", "chongqing"), _reads_as("重庆", "chongqin")
    (True, False)
    """
    table = _han_readings()
    ends = {0}
    for ch in zh:
        ends = {e + len(r) for e in ends for r in table.get(ch, ()) if letters.startswith(r, e)}
        if not ends:
            return False
    return len(letters) in ends
