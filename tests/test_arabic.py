from hypothesis import given, settings
from hypothesis import strategies as st

from lawtool.arabic import normalise, stems, tokens, words


def test_folds():
    assert normalise("الأُولَى") == normalise("الاولي")
    assert normalise("إلى") == normalise("الي") == "الي"
    assert normalise("آخر") == "اخر"
    assert normalise("المرأة") == "المراه"
    assert normalise("القانــــون") == "القانون"
    assert normalise("٤٤٧-١") == "447-1" == normalise("۴۴۷-۱")
    assert normalise("447\u200f-\u200e1") == "447-1"
    assert normalise("  العنف \n\t الرقمي ") == "العنف الرقمي"
    assert normalise("\ufefb") == "لا"


def test_tokens_keep_everything():
    text = "تعوض عبارة «العنف» بـ447-1، و1.59.413."
    assert "".join(tokens(text)) == text
    assert "447-1" in words(text) and "1.59.413" in words(text)


def test_stems():
    assert stems(normalise("وبالعنف")) == ["وبالعنف", "بالعنف", "العنف", "عنف"]
    assert "المراه" in stems(normalise("للمرأة"))


arabic = st.text(
    alphabet=st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئىةـًٌٍَُِّْٰ٠١٢٣٤٥٦٧٨٩۰۱ \n\t\u200f\u202bﻻ0123456789-.،")),
    max_size=80,
)


@settings(derandomize=True, max_examples=400)
@given(arabic)
def test_idempotent(text):
    once = normalise(text)
    assert normalise(once) == once
