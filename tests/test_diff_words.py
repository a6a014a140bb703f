"""Word diffs: Arabic-aware tokens, typographic differences, reconstruction of both texts."""

from hypothesis import given, settings
from hypothesis import strategies as st

from lawtool.arabic import tokens
from lawtool.diff.words import DELETE, EQUAL, INSERT, TYPOGRAPHIC, new_text, old_text, text_key, token_key, word_diff


def changes(ops):
    return [(op.op, op.old, op.new) for op in ops if op.op != EQUAL]


def test_a_clitic_change_is_one_word():
    assert changes(word_diff("يعاقب على العنف ضد المرأة", "يعاقب على وبالعنف ضد المرأة")) == [
        (DELETE, "العنف", ""),
        (INSERT, "", "وبالعنف"),
    ]


def test_neighbouring_changed_words_form_one_change():
    assert changes(word_diff("من سنة إلى ثلاث سنوات", "من سنتين واحدة إلى ثلاث سنوات")) == [
        (DELETE, "سنة", ""),
        (INSERT, "", "سنتين واحدة"),
    ]


def test_typographic_differences():
    cases = [
        ("تدرج السلطة", "تُدرج السلطة"),  # diacritic
        ("العقوبة", "العقـــوبة"),  # tatweel
        ("أحكام إضافية", "احكام اضافية"),  # hamza forms
        ("من 5 إلى 10", "من ٥ إلى ١٠"),  # Arabic-Indic digits
        ("كذا ، وكذا", "كذا، وكذا"),  # space before a punctuation mark
        ("كذا، وكذا", "كذا , وكذا"),  # Arabic and Latin comma
    ]
    for old, new in cases:
        ops = word_diff(old, new)
        assert {op.op for op in ops} <= {EQUAL, TYPOGRAPHIC}, (old, new, ops)
        assert TYPOGRAPHIC in {op.op for op in ops}
        assert text_key(old) == text_key(new)


def test_a_real_change_is_not_typographic():
    for old, new in [
        ("حملات دورية", "حملات سنوية"),
        ("5.000 درهم", "10.000 درهم"),
        ("الفقرة.", "الفقرة؛"),
        ("سطر أول\nسطر ثان", "سطر أول سطر ثان"),
    ]:
        assert text_key(old) != text_key(new)
        assert {DELETE, INSERT} & {op.op for op in word_diff(old, new)}


def test_an_unchanged_paragraph_between_changes_stays_equal():
    old = "الفقرة الأولى القديمة\nفقرة لم تتغير أبدا في هذا النص\nفقرة حذفت"
    new = "الفقرة الأولى الجديدة\nفقرة لم تتغير أبدا في هذا النص\nفقرة أضيفت"
    ops = word_diff(old, new)
    assert any(op.op == EQUAL and "فقرة لم تتغير أبدا في هذا النص" in op.old for op in ops)
    assert ("delete", "القديمة", "") in changes(ops)


def test_a_deleted_paragraph_is_deleted_whole():
    old = "يعاقب بالحبس من سنة إلى أربع سنوات\nهامش لا علاقة له بالنص\nيعاقب بنفس العقوبة من قام عمدا"
    new = "يعاقب بالحبس من سنتين إلى أربع سنوات\nيعاقب بنفس العقوبة من قام عمدا"
    ops = word_diff(old, new)
    assert (DELETE, "\nهامش لا علاقة له بالنص", "") in changes(ops) or (
        DELETE,
        "هامش لا علاقة له بالنص\n",
        "",
    ) in changes(ops)
    assert any(op.op == EQUAL and "يعاقب بنفس العقوبة من قام عمدا" in op.new for op in ops)


WORDS = st.sampled_from(["من", "إلى", "أو", "العنف", "وبالعنف", "تُدرج", "تدرج", "5.000", "٥", "،", "؛", ".", "447-1"])
TEXTS = st.lists(st.lists(WORDS, max_size=8).map(" ".join), min_size=1, max_size=4).map("\n".join)


@settings(derandomize=True, max_examples=300, deadline=None)
@given(TEXTS, TEXTS)
def test_ops_give_back_both_texts_and_keys_agree(old, new):
    ops = word_diff(old, new)
    assert old_text(ops) == old and new_text(ops) == new
    only_typographic = all(op.op in (EQUAL, TYPOGRAPHIC) for op in ops)
    assert only_typographic == (text_key(old) == text_key(new))


# characters whose key is blank or not: spaces, invisible marks, a tatweel, diacritics, presentation
# forms (one of which, an isolated fathatan, is a space and a diacritic), letters, digits, punctuation
PIECES = st.sampled_from(
    [" ", "\u00a0", "\u200f", "\u200b", "ـ", "\u064b", "\u0670", "\ufe70", "\ufef5", "ا", "٥", "،", "x"]
)


@settings(derandomize=True, max_examples=500, deadline=None)
@given(st.lists(PIECES, min_size=1, max_size=8).map("".join))
def test_a_blank_key_is_blank_token_by_token(text):
    """The word diff decides that an inserted or deleted piece is typographic from its tokens'
    keys; that must agree with the key of the whole piece."""
    by_tokens = not any(token_key(t).strip() for t in tokens(text))
    assert by_tokens == (not text_key(text).strip()), [hex(ord(c)) for c in text]
