"""Seeded edits of a real document, with the ground truth of what they did.

Used by the property tests (the diff must find the edits again), by the three-column
comparison's tests and by the benchmark.  Everything depends on the seed alone: the same seed
on the same document gives the same edits, byte for byte.

Kinds of edit (and the status the diff should report):

=============  ==============  ===========================================================
kind           status          what is done to the article
=============  ==============  ===========================================================
word           modified        1 to 3 words replaced, inserted or deleted in one paragraph
typographic    typographic     a tatweel, a diacritic or Arabic-Indic digits
insert         added           a new article «N مكرر» after article N
adopt          added           an article of another code (``donors``) inserted as «N مكرر» after
                               article N, ending on the penalty formula («يعاقب ... درهم») of an
                               article it deletes (a ``delete`` edit): the two share a real formula
delete         deleted         the article is removed
move           moved           taken to another container, keeping its number or taking a
                               «مكرر» number after the article it now follows
renumber       renumbered      a new «مكرر» number, same place
split          split           its second half of paragraphs becomes a new article «N مكرر»
merge          merged          the next article's paragraphs appended, that article removed
=============  ==============  ===========================================================

Only articles of at least ``MIN_WORDS`` words whose text is unique are edited (the «(نسخ)» of
repealed articles cannot be told apart by any diff), and each article takes part in one edit.
"""

from __future__ import annotations

import copy
import random
import re
from dataclasses import dataclass

from lxml import etree

from lawtool.akn import Document, akn, local_name
from lawtool.arabic import normalise
from lawtool.arabic import words as arabic_words
from lawtool.diff.units import CONTAINERS, outline
from lawtool.diff.words import text_key

MIN_WORDS = 12
# a penalty formula: «يعاقب بالحبس من سنة إلى خمس سنوات وبغرامة من 200 إلى 1000 درهم»
_IN_SENTENCE = r"(?:[^.؛:]|(?<=\d)\.(?=\d))"  # a full stop between digits («5.000») is no sentence end
PENALTY = re.compile(f"يعاقب{_IN_SENTENCE}*?(?:بالحبس|بالسجن|بغرامة){_IN_SENTENCE}*?درهم")
EXPECTED = {
    "word": "modified",
    "typographic": "typographic",
    "insert": "added",
    "adopt": "added",
    "delete": "deleted",
    "move": "moved",
    "renumber": "renumbered",
    "split": "split",
    "merge": "merged",
}
LATIN = ["bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies", "decies"]
TIMES_AR = {"bis": "مكرر", "ter": "مكرر مرتين", "quater": "مكرر ثلاث مرات"}


@dataclass(frozen=True)
class Edit:
    """One edit: its kind, the eIds it touched in the old document and those it made in the new."""

    kind: str
    old: tuple[str, ...]
    new: tuple[str, ...]

    @property
    def status(self) -> str:
        return EXPECTED[self.kind]


def _label_word(article) -> str:
    num = article.find(akn("num"))
    text = "".join(num.itertext()) if num is not None else ""
    return "المادة" if "مادة" in text or "الماده" in text else "الفصل"


def _rename(el, eid: str) -> None:
    """Give ``el`` the eId ``eid`` and carry the change into its descendants' eIds."""
    old = el.get("eId")
    el.set("eId", eid)
    if old:
        for d in el.iterdescendants():
            if isinstance(d.tag, str) and d.get("eId", "").startswith(old + "__"):
                d.set("eId", eid + d.get("eId")[len(old) :])


def _renumber_paragraphs(article) -> None:
    """Paragraphs counted again after paragraphs were moved in or out."""
    count = 0
    for child in article:
        if isinstance(child.tag, str) and local_name(child) == "paragraph":
            count += 1
            _rename(child, f"{article.get('eId')}__para_{count}")


def donor_texts(document: Document) -> list[str]:
    """The texts of a code's articles of ``MIN_WORDS`` words at least: articles to ``adopt``."""
    return [u.text for u in outline(document).articles if len(arabic_words(u.text)) >= MIN_WORDS]


class _Editor:
    def __init__(self, document: Document, seed: int, donors: list[str] | None = None):
        self.rng = random.Random(seed)
        self.donors = list(donors or [])
        self.rng.shuffle(self.donors)
        self.doc = Document(copy.deepcopy(document.tree), path=f"<synthetic seed={seed}>")
        self.edits: list[Edit] = []
        self.used: set[str] = set()
        self.eids = {el.get("eId") for el in self.doc.root.iter() if isinstance(el.tag, str) and el.get("eId")}
        out = outline(self.doc)
        self.articles = {u.eid: u.el for u in out.articles if u.eid}
        counts: dict[str, int] = {}
        for unit in out.articles:
            counts[unit.key] = counts.get(unit.key, 0) + 1
        # the code's own articles: not a promulgating dahir's, which are numbered apart
        self.eligible = [
            u.eid
            for u in out.articles
            if u.eid
            and not u.eid.startswith("promulgation__")
            and len(arabic_words(u.key)) >= MIN_WORDS
            and counts[u.key] == 1
        ]
        self.vocabulary = sorted({w for u in out.articles for w in arabic_words(u.text) if len(w) > 3})
        self.number = {u.eid: u.number for u in out.articles}
        self.text = {u.eid: u.text for u in out.articles}

    # helpers
    def pick(self, where=None) -> str | None:
        """A random eligible article not yet edited (and satisfying ``where``)."""
        pool = [e for e in self.eligible if e not in self.used]
        self.rng.shuffle(pool)
        for eid in pool:
            if where is None or where(eid):
                self.used.add(eid)
                return eid
        return None

    def el(self, eid: str):
        return self.articles[eid]

    def free_number(self, base: str | None) -> str | None:
        """«N-bis» (or ter, quater) for an article numbered N, if no article has it yet."""
        if not base or any(base.endswith("-" + s) for s in LATIN):
            return None
        for suffix in LATIN[:3]:
            number = f"{base}-{suffix}"
            if f"art_{number}" not in self.eids:
                return number
        return None

    def set_number(self, article, number: str) -> None:
        base, _, suffix = number.rpartition("-")
        if suffix not in TIMES_AR:
            base, suffix = number, ""
        num = article.find(akn("num"))
        for child in list(num):
            num.remove(child)
        num.text = f"{_label_word(article)} {base} {TIMES_AR[suffix]}" if suffix else f"{_label_word(article)} {base}"
        _rename(article, f"art_{number}")
        self.eids.add(f"art_{number}")
        self.articles[f"art_{number}"] = article

    def paragraphs_with_text(self, article):
        return [
            p
            for p in article.iter(akn("p"))
            if p.text
            and len(p.text.split()) >= 5
            and not any(local_name(a) == "quotedStructure" for a in p.iterancestors())
        ]

    def fresh_text(self, n: int) -> str:
        return " ".join(self.rng.choice(self.vocabulary) for _ in range(n)) + "."

    # edits
    def word(self) -> None:
        eid = self.pick(lambda e: self.paragraphs_with_text(self.el(e)))
        if eid is None:
            return
        p = self.rng.choice(self.paragraphs_with_text(self.el(eid)))
        before = text_key(p.text)
        words = p.text.split(" ")
        steps = self.rng.randint(1, 3)
        while steps > 0 or text_key(" ".join(words)) == before:  # edits that cancel out do not count
            steps -= 1
            i = self.rng.randrange(len(words))
            action = self.rng.choice(("replace", "insert", "delete"))
            new_word = self.rng.choice(self.vocabulary)
            if action == "replace" and normalise(words[i]) != normalise(new_word):
                words[i] = new_word
            elif action == "delete" and len(words) > 5 and arabic_words(words[i]):
                del words[i]
            else:
                words.insert(i, new_word)
        p.text = " ".join(words)
        self.edits.append(Edit("word", (eid,), (eid,)))

    def typographic(self) -> None:
        eid = self.pick(lambda e: self.paragraphs_with_text(self.el(e)))
        if eid is None:
            return
        p = self.rng.choice(self.paragraphs_with_text(self.el(eid)))
        words = p.text.split(" ")
        arabic = [i for i, w in enumerate(words) if re.fullmatch(r"[\u0621-\u064a]{4,}", w)]
        digits = [i for i, w in enumerate(words) if re.search(r"[0-9]", w)]
        if digits and self.rng.random() < 0.3:
            i = self.rng.choice(digits)
            words[i] = words[i].translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
        elif arabic:
            i = self.rng.choice(arabic)
            w = words[i]
            mark = "ـ" if self.rng.random() < 0.5 else "َ"
            words[i] = w[:2] + mark + w[2:]
        else:
            self.used.discard(eid)
            return
        p.text = " ".join(words)
        self.edits.append(Edit("typographic", (eid,), (eid,)))

    def insert(self) -> None:
        anchor = self.pick()
        if anchor is None:
            return
        number = self.free_number(self.number[anchor])
        if number is None:
            return
        article = self.el(anchor)
        new = etree.Element(akn("article"))
        num = etree.SubElement(new, akn("num"))
        num.text = _label_word(article)
        para = etree.SubElement(new, akn("paragraph"), eId="x__para_1")
        content = etree.SubElement(para, akn("content"))
        p = etree.SubElement(content, akn("p"))
        p.text = self.fresh_text(self.rng.randint(15, 40))
        new.set("eId", "x")
        article.addnext(new)
        new.tail = article.tail
        self.set_number(new, number)
        self.edits.append(Edit("insert", (), (f"art_{number}",)))

    def adopt(self) -> None:
        victim = self.pick(lambda e: PENALTY.search(self.text[e]) is not None)
        if victim is None or not self.donors:
            return
        anchor = self.pick()
        number = self.free_number(self.number[anchor]) if anchor else None
        if number is None:
            self.used.discard(victim)
            return
        formula = PENALTY.search(self.text[victim]).group(0)  # type: ignore[union-attr]
        article = self.el(anchor)
        new = etree.Element(akn("article"), eId="x")
        etree.SubElement(new, akn("num")).text = _label_word(article)
        for i, line in enumerate([*self.donors.pop().split("\n"), formula + "."], start=1):
            para = etree.SubElement(new, akn("paragraph"), eId=f"x__para_{i}")
            etree.SubElement(etree.SubElement(para, akn("content")), akn("p")).text = line
        article.addnext(new)
        new.tail = article.tail
        self.set_number(new, number)
        gone = self.el(victim)
        gone.getparent().remove(gone)
        self.edits.append(Edit("delete", (victim,), ()))
        self.edits.append(Edit("adopt", (), (f"art_{number}",)))

    def delete(self) -> None:
        eid = self.pick()
        if eid is None:
            return
        article = self.el(eid)
        article.getparent().remove(article)
        self.edits.append(Edit("delete", (eid,), ()))

    def _container(self, el):
        for a in el.iterancestors():
            if local_name(a) in CONTAINERS:
                return a
        return None

    def move(self) -> None:
        eid = self.pick()
        if eid is None:
            return
        article = self.el(eid)
        home = self._container(article)
        target = self.pick(lambda e: self._container(self.el(e)) is not home)
        if target is None:
            return
        self.used.discard(target)  # the article it follows may take part in another edit
        target_el = self.el(target)
        article.getparent().remove(article)
        target_el.addnext(article)
        new_eid = eid
        if self.rng.random() < 0.5:
            number = self.free_number(self.number[target])
            if number is not None:
                self.set_number(article, number)
                new_eid = f"art_{number}"
        self.edits.append(Edit("move", (eid,), (new_eid,)))

    def renumber(self) -> None:
        eid = self.pick()
        if eid is None:
            return
        number = self.free_number(self.number[eid])
        if number is None:
            return
        self.set_number(self.el(eid), number)
        self.edits.append(Edit("renumber", (eid,), (f"art_{number}",)))

    def split(self) -> None:
        def splittable(e):
            paras = [c for c in self.el(e) if local_name(c) == "paragraph"]
            return len(paras) >= 2 and all(len(arabic_words(" ".join(p.itertext()))) >= 6 for p in paras)

        eid = self.pick(splittable)
        if eid is None:
            return
        number = self.free_number(self.number[eid])
        if number is None:
            return
        article = self.el(eid)
        paras = [c for c in article if local_name(c) == "paragraph"]
        k = max(1, len(paras) // 2)
        new = etree.Element(akn("article"), eId="x")
        num = etree.SubElement(new, akn("num"))
        num.text = _label_word(article)
        for p in paras[k:]:
            new.append(p)
        article.addnext(new)
        new.tail = article.tail
        self.set_number(new, number)
        _renumber_paragraphs(new)
        self.edits.append(Edit("split", (eid,), (eid, f"art_{number}")))

    def merge(self) -> None:
        def has_next(e):
            nxt = self.el(e).getnext()
            return (
                nxt is not None
                and local_name(nxt) == "article"
                and nxt.get("eId") in self.eligible
                and nxt.get("eId") not in self.used
            )

        eid = self.pick(has_next)
        if eid is None:
            return
        article = self.el(eid)
        second = article.getnext()
        self.used.add(second.get("eId"))
        for child in list(second):
            if local_name(child) == "paragraph":
                article.append(child)
        second.getparent().remove(second)
        _renumber_paragraphs(article)
        self.edits.append(Edit("merge", (eid, second.get("eId")), (eid,)))


def edit_document(
    document: Document, *, seed: int, rates: dict[str, float], donors: list[str] | None = None
) -> tuple[Document, list[Edit]]:
    """A copy of ``document`` with seeded edits; ``rates`` gives, for each kind of edit, the
    share of the document's articles it touches (``{"word": 0.1, "move": 0.02}``); ``donors``, the
    article texts of other codes that ``adopt`` inserts."""
    editor = _Editor(document, seed, donors)
    total = len(editor.number)
    plan = []
    for kind in sorted(rates):
        if kind not in EXPECTED:
            raise ValueError(f"unknown kind of edit {kind!r}")
        plan += [kind] * round(rates[kind] * total)
    editor.rng.shuffle(plan)
    for kind in plan:
        getattr(editor, kind)()
    return editor.doc, editor.edits


def synthetic_code(base: Document, articles: int, *, seed: int = 0, per_chapter: int = 40) -> Document:
    """A code of ``articles`` articles made from ``base``'s articles, taken in turn, each copy
    with about a fifth of its words replaced so that every text is unique; one chapter per
    ``per_chapter`` articles.  Same metadata as ``base``."""
    rng = random.Random(seed)
    out = outline(base)
    sources = [u for u in out.articles if len(arabic_words(u.text)) >= MIN_WORDS]
    vocabulary = sorted({w for u in sources for w in arabic_words(u.text) if len(w) > 3})
    tree = copy.deepcopy(base.tree)
    doc = Document(tree, path=f"<synthetic code {articles}>")
    body = doc.body
    for child in list(body):
        body.remove(child)
    chapter = None
    for n in range(1, articles + 1):
        if chapter is None or (n - 1) % per_chapter == 0:
            k = (n - 1) // per_chapter + 1
            chapter = etree.SubElement(body, akn("chapter"), eId=f"chp_{k}")
            etree.SubElement(chapter, akn("num")).text = f"الباب {k}"
            etree.SubElement(chapter, akn("heading")).text = " ".join(rng.choice(vocabulary) for _ in range(4))
        source = sources[(n - 1) % len(sources)]
        article = etree.SubElement(chapter, akn("article"), eId=f"art_{n}")
        etree.SubElement(article, akn("num")).text = f"الفصل {n}"
        for i, line in enumerate(source.text.split("\n"), start=1):
            words = line.split(" ")
            for j in range(len(words)):
                if rng.random() < 0.2:
                    words[j] = rng.choice(vocabulary)
            para = etree.SubElement(article, akn("paragraph"), eId=f"art_{n}__para_{i}")
            etree.SubElement(etree.SubElement(para, akn("content")), akn("p")).text = " ".join(words)
    return Document.from_bytes(doc.to_bytes(), doc.path)


def classify(edits: list[Edit], result) -> tuple[list, list, list, list, list]:
    """The diff ``result`` of the edited document against the seeded ``edits``: (edits, those
    the diff reports right, those it reports wrong with what it reported, the changes of articles
    no edit touched, the moves and renumberings claimed where no edit made one)."""
    owner = {}
    for change in result.articles:
        for unit in change.old:
            owner[("old", unit.eid)] = change
        for unit in change.new:
            owner[("new", unit.eid)] = change
    right, wrong = [], []
    touched: set[str] = set()
    for edit in edits:
        touched.update(edit.old)
        change = owner[("old", edit.old[0])] if edit.old else owner[("new", edit.new[0])]
        found = (change.status, tuple(u.eid for u in change.old), tuple(u.eid for u in change.new))
        (right if found == (edit.status, edit.old, edit.new) else wrong).append((edit, found))
    unedited = [c for c in result.articles if c.old and not touched & {u.eid for u in c.old}]
    seeded = {(e.old, e.new) for e in edits if e.kind in ("move", "renumber")}
    false_moves = [
        c
        for c in result.articles
        if c.status in ("moved", "renumbered")
        and (tuple(u.eid for u in c.old), tuple(u.eid for u in c.new)) not in seeded
    ]
    return edits, right, wrong, unedited, false_moves
