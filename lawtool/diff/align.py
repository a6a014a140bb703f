"""Alignment: which element of the new version each element of the old one became.

Articles are aligned in passes, each on what the previous ones left unmatched, so that the
expensive comparisons only ever see a small remainder:

1. identical elements (equal serialised bytes; no text is even extracted for these);
2. identical texts up to typography (equal ``text_key``): a renumbered or moved article whose
   words did not change;
3. an element and its namesake (same eId) that still share half their word pairs;
4. certain splits and mergers (step 6 with strict thresholds) among what is matched so far, so
   that a split-off part is not taken for a look-alike deleted article in step 5;
5. the remainder, by similarity: word pairs (shingles) of the normalised text, an inverted
   index from word pair to article to find candidates (never all pairs), Jaccard similarity,
   a bonus for the same eId; the best pairs are taken first, above a threshold;
6. splits and mergers: an unmatched new article most of whose words come from an old article
   already matched (and changed), words that the old article's own counterpart lost, is a part
   split off it; an unmatched old article most of whose words went into a matched new article,
   words that the new article's own counterpart did not have, was merged into it;
7. what is left was deleted (old) or added (new).

Passes 1 and 2 only pair elements whose key is unique on both sides, or that share their eId
(the «(نسخ)» of many repealed articles is the same text).  An article is *moved* when its
container is not the one its old container became, or when it left the order of its
neighbours (it is outside the longest run of pairs that kept their order); it is *renumbered*
when its number changed.  Containers (books, chapters, sections ...) are aligned the same way
on their number and heading; paragraphs and points inside a changed article, on their text.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from .result import ADDED, DELETED, MERGED, MODIFIED, MOVED, RENUMBERED, SPLIT, TYPOGRAPHIC, UNCHANGED, Change
from .units import Unit, child_units
from .words import DELETE, EQUAL, INSERT, Op, text_key, word_diff

SIMILARITY = 0.3  # least score for a pair found by similarity
STRONG = 0.6  # similarity at which a pair needs no context (below: a neighbour, heading or number shared)
EID_BONUS = 0.35  # added to the similarity of two elements with the same (relative) eId
CONTAINED = 0.5  # share of a split part's (merged article's) word pairs found in its source
GAIN = 0.3  # share of a split part's (merged article's) word pairs that its source has and its
# principal counterpart has not: what the part takes away (brings in) that nothing else explains
SURE_TWINS = 0.5  # similarity at which two elements with the same eId are paired before anything else
SURE_PART = 0.8  # containment and share of new words at which a split part (merger) is certain
POSTING_CAP = 200  # word pairs found in more articles than this are too common to suggest a pair
SOURCE_CAP = 50  # the same, for finding the source of a split part (the article a merger went into)
SOURCE_CANDIDATES = 8  # sources whose share is counted exactly


@dataclass
class Matching:
    """The pairs found: ``pairs`` old index → new index (one to one); ``split`` old index →
    further new indices; ``merged`` new index → further old indices."""

    pairs: dict[int, int] = field(default_factory=dict)
    rev: dict[int, int] = field(default_factory=dict)
    equal: set[int] = field(default_factory=set)  # old indices paired on equal bytes or keys
    split: dict[int, list[int]] = field(default_factory=dict)
    merged: dict[int, list[int]] = field(default_factory=dict)
    evidence: dict[int, dict] = field(default_factory=dict)  # old index → why it was paired

    def pair(self, o: int, n: int) -> None:
        self.pairs[o] = n
        self.rev[n] = o

    def free_old(self, o: int) -> bool:
        return o not in self.pairs and not any(o in extra for extra in self.merged.values())

    def free_new(self, n: int) -> bool:
        return n not in self.rev and not any(n in extra for extra in self.split.values())


# -- passes ------------------------------------------------------------------------------------------


def _pair_equal(old: list[Unit], new: list[Unit], m: Matching, key, why: str = "same text") -> None:
    """Pair elements with equal ``key``: unique on both sides, or sharing their eId."""
    before = set(m.pairs)
    _pair_equal_groups(old, new, m, key)
    found = set(m.pairs) - before
    m.equal.update(found)
    for o in found:
        m.evidence[o] = {"pass": why}


def _pair_equal_groups(old: list[Unit], new: list[Unit], m: Matching, key) -> None:
    olds: dict = defaultdict(list)
    news: dict = defaultdict(list)
    for u in old:
        if u.index not in m.pairs:
            olds[key(u)].append(u)
    for u in new:
        if u.index not in m.rev:
            news[key(u)].append(u)
    for k, group_old in olds.items():
        group_new = news.get(k)
        if not group_new:
            continue
        if len(group_old) == 1 and len(group_new) == 1:
            m.pair(group_old[0].index, group_new[0].index)
            continue
        by_eid = {u.rel_eid: u for u in group_new if u.rel_eid}
        left_old = []
        for u in group_old:
            twin = by_eid.pop(u.rel_eid, None) if u.rel_eid else None
            if twin is not None and twin.index not in m.rev:
                m.pair(u.index, twin.index)
            else:
                left_old.append(u)
        left_new = [u for u in group_new if u.index not in m.rev]
        if len(left_old) == 1 and len(left_new) == 1:
            m.pair(left_old[0].index, left_new[0].index)


def _jaccard(a: frozenset, b: frozenset) -> float:
    if not a and not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def _pair_similar(
    old: list[Unit],
    new: list[Unit],
    m: Matching,
    *,
    eid_bonus: float = EID_BONUS,
    threshold: float = SIMILARITY,
    same_kind: bool = False,
    only_twins: bool = False,
    need_context: bool = False,
) -> None:
    """Pair the remainder by similarity, best pairs first (see the module docstring); with
    ``need_context``, weak similarity alone pairs nothing."""
    rest_old = [u for u in old if m.free_old(u.index)]
    rest_new = [u for u in new if m.free_new(u.index)]
    if not rest_old or not rest_new:
        return
    by_eid = _by_eid(rest_old)
    postings = {} if only_twins else _postings([u.index for u in rest_old], old, rest_new)
    scored: list[tuple[float, int, int, float, bool]] = []  # score, old, new, similarity, same eId
    for n in rest_new:
        twins = set(by_eid.get(n.rel_eid, ())) if n.rel_eid else set()
        hits, exact = _shared_pairs(n, postings) if not only_twins else ({}, False)
        for i in sorted(hits.keys() | twins):
            if same_kind and old[i].kind != n.kind:
                continue
            shared = hits.get(i, 0) if exact else len(old[i].shingles & n.shingles)
            similarity = _similarity(old[i], n, shared)
            score = similarity + (eid_bonus if i in twins else 0.0)
            if score >= threshold:
                scored.append((score, i, n.index, similarity, i in twins))
    scored.sort(key=lambda t: (-t[0], t[1], t[2]))
    pending = _take_pairs(scored, old, new, m, need_context)
    if pending:  # a pair whose neighbour was paired after it was looked at
        _take_pairs(pending, old, new, m, need_context)


def _by_eid(units: list[Unit]) -> dict[str, list[int]]:
    """(Relative) eId → the indices of the units that have it."""
    by_eid: dict[str, list[int]] = defaultdict(list)
    for u in units:
        if u.rel_eid:
            by_eid[u.rel_eid].append(u.index)
    return by_eid


def _shared_pairs(n: Unit, postings: Mapping[tuple, list[int]]) -> tuple[dict[int, int], bool]:
    """The word pairs ``n`` shares with each candidate, counted through the index; ``exact``
    is false when a word pair too common to count (``POSTING_CAP``) was left out."""
    hits: dict[int, int] = defaultdict(int)
    exact = True
    for s in n.shingles:
        found = postings.get(s)
        if not found:
            continue
        if len(found) > POSTING_CAP:
            exact = False
            continue
        for i in found:
            hits[i] += 1
    return hits, exact


def _similarity(o: Unit, n: Unit, shared: int) -> float:
    """Jaccard similarity of the word pairs, given how many they share."""
    union = len(o.shingles) + len(n.shingles) - shared
    return shared / union if union else 0.0


def _take_pairs(scored: list[tuple], old: list[Unit], new: list[Unit], m: Matching, need_context: bool) -> list:
    """Pair the scored candidates best first; with ``need_context``, a pair below ``STRONG``
    similarity needs a context (see ``_context``) or the same eId.  Returns those left waiting."""
    pending = []
    for candidate in scored:
        _, o, n, similarity, twin = candidate
        if o in m.pairs or n in m.rev:  # both must still be free
            continue
        context = _context(old, new, o, n, m)
        if need_context and similarity < STRONG and not twin and not context:
            pending.append(candidate)
            continue
        m.pair(o, n)
        m.evidence[o] = {
            "pass": "same eId" if twin else "similar",
            "similarity": round(similarity, 3),
            "context": context,
        }
    return pending


def _context(old: list[Unit], new: list[Unit], o: int, n: int, m: Matching) -> list[str]:
    """What besides the words says that old[o] became new[n]: a neighbour paired with the
    neighbour, the same heading, the same number."""
    found = []
    if (o and n and m.pairs.get(o - 1) == n - 1) or m.pairs.get(o + 1, -1) == n + 1 and n + 1 < len(new):
        found.append("neighbour")
    a, b = old[o], new[n]
    if a.heading and text_key(a.heading) == text_key(b.heading):
        found.append("heading")
    if a.number and a.number == b.number:
        found.append("number")
    return found


def _split_and_merge(
    old: list[Unit], new: list[Unit], m: Matching, *, contained: float = CONTAINED, gain: float = GAIN
) -> None:
    """Find split parts and merged articles among the unmatched (see the module docstring).

    Word pairs are counted as a multiset: when a merger joins two near-identical articles
    (parallel penalties for parallel offences), the merged article holds their common phrases
    twice, and the second occurrence is what the absorbed article brought in."""
    changed = [(o, n) for o, n in sorted(m.pairs.items()) if o not in m.equal and old[o].key != new[n].key]
    if not changed:
        return
    # splits: an unmatched new article whose words come from a changed old one
    unmatched_new = _unattached(new, m.rev, m.split)
    if unmatched_new:
        sources = [o for o, n in changed if n not in m.merged]
        _attach_parts(unmatched_new, sources, old, new, m.pairs, m.split, contained=contained, gain=gain)
    # mergers: an unmatched old article whose words went into a changed new one
    unmatched_old = _unattached(old, m.pairs, m.merged)
    if unmatched_old:
        sources = [n for o, n in changed if o not in m.split]
        _attach_parts(unmatched_old, sources, new, old, m.rev, m.merged, contained=contained, gain=gain)


def _unattached(units: list[Unit], paired: Mapping[int, int], attached: Mapping[int, list[int]]) -> list[Unit]:
    """The units neither paired nor attached as a split part (a merged article)."""
    parts = {i for extra in attached.values() for i in extra}
    return [u for u in units if u.index not in paired and u.index not in parts]


def _attach_parts(
    parts: list[Unit],
    sources: list[int],
    whole: list[Unit],
    other: list[Unit],
    counterpart: dict[int, int],
    attached: dict[int, list[int]],
    *,
    contained: float,
    gain: float,
) -> None:
    """Attach each unmatched unit of ``parts`` to the unit of ``whole`` (among ``sources``)
    that holds its words, when enough of them are words that the source's counterpart in
    ``other`` (and the parts attached so far) does not account for.  For splits: parts are
    new articles, sources old ones; for mergers the other way round."""
    postings = _postings(sources, whole, parts)
    covered: dict[int, Counter] = {}
    for y in parts:
        best = _best_source(y.shingles, postings, contained, whole)
        if best is None:
            continue
        if best not in covered:
            covered[best] = Counter(other[counterpart[best]].shingle_bag)
            for z in attached.get(best, ()):
                covered[best].update(other[z].shingle_bag)
        if _novel(y.shingle_bag, whole[best].shingle_bag, covered[best]) >= gain:
            attached.setdefault(best, []).append(y.index)
            covered[best].update(y.shingle_bag)


def _postings(indices: list[int], units: list[Unit], wanted: list[Unit]) -> dict[tuple, list[int]]:
    """Word pair → the ``indices`` of ``units`` holding it, in order, for the word pairs of
    ``wanted`` only (the only ones looked up; a set intersection is much quicker than a loop over
    every word pair of every unit)."""
    asked = frozenset().union(*(u.shingles for u in wanted))
    postings: dict[tuple, list[int]] = defaultdict(list)
    for i in indices:
        for s in units[i].shingles & asked:
            postings[s].append(i)
    return postings


def _novel(part: Counter, whole: Counter, covered: Counter) -> float:
    """Share of ``part``'s word pairs found in ``whole`` beyond what ``covered`` accounts for."""
    total = sum(part.values())
    if not total:
        return 0.0
    found = sum(min(count, max(0, whole[s] - covered[s])) for s, count in part.items())
    return found / total


def _best_source(shingles: frozenset, postings: dict, contained: float, units: list[Unit]) -> int | None:
    """The unit holding the largest share (at least ``contained``) of ``shingles``.  Candidates
    come from the word pairs that few units share; the share is then counted exactly for the
    few best candidates."""
    if not shingles:
        return None
    hits: dict[int, int] = defaultdict(int)
    for s in shingles:
        found = postings.get(s, ())
        if len(found) <= SOURCE_CAP:
            for i in found:
                hits[i] += 1
    ranked = sorted(hits, key=lambda i: (-hits[i], i))[:SOURCE_CANDIDATES]
    best = None
    for i in sorted(ranked):
        share = len(shingles & units[i].shingles) / len(shingles)
        if share >= contained and (best is None or share > best[0]):
            best = (share, i)
    return best[1] if best else None


def _principal_first(old: list[Unit], new: list[Unit], m: Matching) -> None:
    """In a split (merger), the principal new (old) element is the one that kept the number."""
    for o in list(m.split):
        n = m.pairs[o]
        same = [y for y in m.split[o] if new[y].number == old[o].number]
        if same and new[n].number != old[o].number:
            y = same[0]
            m.split[o] = sorted([n] + [z for z in m.split[o] if z != y])
            m.pair(o, y)
            m.rev.pop(n, None)
    for n in list(m.merged):
        o = m.rev[n]
        same = [x for x in m.merged[n] if old[x].number == new[n].number]
        if same and old[o].number != new[n].number:
            x = same[0]
            m.merged[n] = sorted([o] + [z for z in m.merged[n] if z != x])
            m.pairs.pop(o, None)
            m.pair(x, n)


def match_articles(old: list[Unit], new: list[Unit], *, force: bool = False) -> Matching:
    """Articles, in the passes of the module docstring; ``force`` pairs a lone article with a
    lone article (an element compared with an element)."""
    m = Matching()
    if force and len(old) == 1 and len(new) == 1:
        m.pair(0, 0)
        return m
    _pair_equal(old, new, m, lambda u: u.signature, "identical")
    _pair_equal(old, new, m, lambda u: u.key)
    _pair_similar(old, new, m, only_twins=True, threshold=SURE_TWINS + EID_BONUS)
    _split_and_merge(old, new, m, contained=SURE_PART, gain=SURE_PART)
    _pair_similar(old, new, m, need_context=True)
    _split_and_merge(old, new, m)
    _principal_first(old, new, m)
    return m


def match_containers(old: list[Unit], new: list[Unit]) -> Matching:
    """Containers: same number and heading, then same heading (a renumbered chapter), then same
    eId, then similar headings."""
    m = Matching()
    _pair_equal(old, new, m, lambda u: (u.kind, u.label, u.heading))
    _pair_equal(old, new, m, lambda u: (u.kind, u.key))
    # same heading, number aside (a container without heading never pairs here)
    _pair_equal(old, new, m, lambda u: (u.kind, u.key.split("\n", 1)[-1]) if u.heading else id(u))
    _pair_equal(old, new, m, lambda u: (u.kind, u.rel_eid))
    _pair_similar(old, new, m, same_kind=True)
    return m


def match_texts(old: list[Unit], new: list[Unit]) -> Matching:
    """Preface, preamble, conclusions, notes ...: same place (identifier), then same text, then
    similar texts of the same kind."""
    m = Matching()
    _pair_equal(old, new, m, lambda u: (u.kind, u.rel_eid))
    _pair_equal(old, new, m, lambda u: (u.kind, u.key))
    _pair_similar(old, new, m, same_kind=True)
    return m


# -- order and moves ------------------------------------------------------------------------------------


def _longest_increasing(seq: list[int]) -> set[int]:
    """Positions of one longest strictly increasing subsequence of ``seq`` (the leftmost one)."""
    tails: list[int] = []
    tails_at: list[int] = []
    back = [-1] * len(seq)
    for pos, value in enumerate(seq):
        k = bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
            tails_at.append(pos)
        else:
            tails[k] = value
            tails_at[k] = pos
        back[pos] = tails_at[k - 1] if k else -1
    keep: set[int] = set()
    pos = tails_at[-1] if tails_at else -1
    while pos != -1:
        keep.add(pos)
        pos = back[pos]
    return keep


def _moved(old: list[Unit], new: list[Unit], m: Matching, parents: Mapping[int, Unit | None] | None) -> set[int]:
    """Old indices of the pairs that moved: to another container than the one their old
    container became (``parents``: id of an old container → its new container; ``None`` when
    one side has no containers to compare), or out of the order of their neighbours in the same
    container."""
    moved: set[int] = set()
    groups: dict = defaultdict(list)
    for o, n in m.pairs.items():
        old_parent, new_parent = old[o].parent, new[n].parent
        if parents is None:
            groups[None].append((n, o))
            continue
        expected = parents.get(id(old_parent)) if old_parent is not None else None
        if (old_parent is None) != (new_parent is None) or (old_parent is not None and expected is not new_parent):
            moved.add(o)
        else:
            groups[id(new_parent)].append((n, o))
    for members in groups.values():
        members.sort()
        olds = [o for _, o in members]
        keep = _longest_increasing(olds)
        moved.update(o for pos, o in enumerate(olds) if pos not in keep)
    return moved


# -- changes -----------------------------------------------------------------------------------------------


def text_ops(old_text: str, new_text: str, same_key: bool) -> tuple[Op, ...]:
    """The word diff of two element texts; with ``same_key`` (texts equal up to typography)
    everything that differs is typographic."""
    if old_text == new_text:
        return ()
    ops = word_diff(old_text, new_text)
    if same_key:  # equal keys: whatever differs is typography (spaces around a hyphen ...)
        ops = tuple(op if op.op == EQUAL else Op(TYPOGRAPHIC, op.old, op.new) for op in ops)
    return ops


def _pair_change(o: Unit, n: Unit, moved: bool, *, parts: bool) -> Change:
    if (o.role in ("provision", "text") and o.signature == n.signature) or (
        o.role == "sub" and _local_signature(o) == _local_signature(n)
    ):
        # the same bytes: the same text, label, number (from the <num> or the eId) and parts; a
        # paragraph's eIds aside (relative to its article's), which say nothing of its own number
        return Change(o.kind, MOVED if moved else UNCHANGED, (o,), (n,), (), moved=moved)
    same_text = o.text == n.text
    same_key = same_text or _same_key(o, n)
    renumbered = _renumbered(o, n)
    if o.label != n.label and not renumbered:  # «Art. 1» → «Article 1»: the number as written changed
        return _label_change(o, n, moved, parts)
    ops = () if same_text else text_ops(o.text, n.text, same_key)
    status = _first_status(
        ((moved, MOVED), (renumbered, RENUMBERED), (not same_key, MODIFIED), (not same_text, TYPOGRAPHIC))
    )
    sub = tuple(align_parts(o, n)) if parts and not same_text and not o.grouping else ()
    return Change(
        o.kind, status, (o,), (n,), ops, moved=moved, renumbered=renumbered, text_changed=not same_key, parts=sub
    )


def _same_key(o: Unit, n: Unit) -> bool:
    """Texts equal up to typography (a container's text is its heading and loose text: its
    number is compared apart)."""
    if o.grouping:
        return text_key(o.text) == text_key(n.text)
    return o.key == n.key


def _renumbered(o: Unit, n: Unit) -> bool:
    """The number changed; the same number as written is the same number (no need to parse it),
    and unnumbered paragraphs count by place."""
    numbered = o.role == "provision" or bool(o.label or n.label)
    return numbered and not (o.label and o.label == n.label) and (o.number or "") != (n.number or "")


def _first_status(tests: tuple[tuple[bool, str], ...]) -> str:
    """The status of the first test that holds, in order of precedence; unchanged when none does."""
    return next((status for holds, status in tests if holds), UNCHANGED)


def _label_change(o: Unit, n: Unit, moved: bool, parts: bool) -> Change:
    """Same number, another way of writing it: the label is compared as the first line."""
    old_text, new_text = f"{o.label}\n{o.text}", f"{n.label}\n{n.text}"
    same_key = text_key(old_text) == text_key(new_text)
    ops = text_ops(old_text, new_text, same_key)
    status = MOVED if moved else (TYPOGRAPHIC if same_key else MODIFIED)
    sub = tuple(align_parts(o, n)) if parts and not o.grouping else ()
    return Change(o.kind, status, (o,), (n,), ops, moved=moved, text_changed=not same_key, parts=sub)


def _order(
    changes_by_old: dict[int, Change], added: list[tuple[int, Change]], changes_of_new: dict[int, Change], n_old: int
) -> list[Change]:
    """Old order, each added element after the element it follows in the new version."""
    ordered: list[Change] = []
    seen: set[int] = set()
    for i in range(n_old):
        c = changes_by_old.get(i)
        if c is not None and id(c) not in seen:
            seen.add(id(c))
            ordered.append(c)
    followers: dict[int, list[Change]] = defaultdict(list)
    heads: list[Change] = []
    for index, change in added:
        anchor = changes_of_new.get(index - 1) if index > 0 else None
        if anchor is None:
            heads.append(change)
        else:
            followers[id(anchor)].append(change)
    out: list[Change] = []

    def emit(change: Change) -> None:
        out.append(change)
        for f in followers.get(id(change), ()):
            emit(f)

    for change in heads:
        emit(change)
    for change in ordered:
        emit(change)
    return out


def build_changes(
    old: list[Unit], new: list[Unit], m: Matching, parents: Mapping[int, Unit | None] | None, *, parts: bool = True
) -> list[Change]:
    """The changes of one level (articles or containers) in concordance order; ``parents`` maps
    old containers to new ones (see ``_moved``)."""
    moved = _moved(old, new, m, parents)
    by_old: dict[int, Change] = {}
    of_new: dict[int, Change] = {}
    for o, n in m.pairs.items():
        change = _paired_change(old, new, o, n, m, o in moved, parts=parts)
        if change.status != UNCHANGED:
            change.evidence = m.evidence.get(o)
        for u in change.old:  # a merger's absorbed articles (a split's parts) share its change
            by_old[u.index] = change
        for u in change.new:
            of_new[u.index] = change
    for u in _unattached(old, m.pairs, m.merged):
        by_old[u.index] = Change(u.kind, DELETED, (u,), (), tuple(_whole(u.text, DELETE)))
    added = []
    for u in _unattached(new, m.rev, m.split):
        change = Change(u.kind, ADDED, (), (u,), tuple(_whole(u.text, INSERT)))
        of_new[u.index] = change
        added.append((u.index, change))
    return _order(by_old, added, of_new, len(old))


def _paired_change(
    old: list[Unit], new: list[Unit], o: int, n: int, m: Matching, moved: bool, *, parts: bool
) -> Change:
    """The change of a pair: a split (one old, several new), a merger (several old, one new) or
    one to one."""
    if o in m.split:
        news = (new[n],) + tuple(new[y] for y in m.split[o])
        ops = text_ops(old[o].text, "\n".join(u.text for u in news), False)
        return Change(
            old[o].kind,
            SPLIT,
            (old[o],),
            news,
            ops,
            moved=moved,
            renumbered=old[o].number != new[n].number,
            text_changed=True,
        )
    if n in m.merged:
        olds = (old[o],) + tuple(old[x] for x in m.merged[n])
        ops = text_ops("\n".join(u.text for u in olds), new[n].text, False)
        return Change(
            new[n].kind,
            MERGED,
            olds,
            (new[n],),
            ops,
            moved=moved,
            renumbered=old[o].number != new[n].number,
            text_changed=True,
        )
    return _pair_change(old[o], new[n], moved, parts=parts)


def _whole(text: str, kind: str):
    if text:
        yield Op(kind, text if kind == DELETE else "", text if kind == INSERT else "")


# -- inside an element ----------------------------------------------------------------------------------


def _local_signature(unit: Unit) -> bytes:
    """A sub-unit's bytes with its eIds made relative, so that a paragraph of a renumbered
    article still meets its old self."""
    sig = unit.signature
    return sig.replace(unit.eid.encode("utf-8"), b"") if unit.eid else sig


def align_parts(old_parent: Unit, new_parent: Unit) -> list[Change]:
    """The paragraphs, points ... of two versions of one element, aligned: equal texts first,
    then the most similar (with a bonus for the same eId suffix or number), in the same order;
    changed ones get their own word diff and, in turn, their own parts."""
    old = child_units(old_parent)
    new = child_units(new_parent)
    if not old and not new:
        return []
    m = Matching()
    _pair_equal(old, new, m, lambda u: (u.kind, _local_signature(u)))
    _pair_equal(old, new, m, lambda u: (u.kind, u.key))
    _pair_similar(old, new, m, eid_bonus=0.2, threshold=0.35, same_kind=True)
    changes = build_changes(old, new, m, {}, parts=True)
    return [c for c in changes if c.status != UNCHANGED]
