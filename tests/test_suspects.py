"""The independent hunspell check, and the repair judged by it."""

from __future__ import annotations

import os
import shutil
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from lawtool.importer import suspects
from lawtool.importer.repair import repair_text
from lawtool.importer.suspects import HunspellMissing, suspect_share, swap_variants

SHARED = Path(os.environ.get("LAWTOOL_SHARED", Path(__file__).resolve().parents[2] / "shared"))
ADALA = SHARED / "sources" / "adala"
LAW_103_13 = SHARED / "sources" / "law-103-13" / "ar.txt"
PENAL_CODE = ADALA / "penal-code.consolidated-2024-08-22.ar.txt"
CRIMINAL_PROCEDURE = ADALA / "criminal-procedure.consolidated-2025-09-08.ar.txt"
HELD_OUT = sorted((ADALA / "laws").glob("*.txt")) if (ADALA / "laws").is_dir() else []

needs_shared = pytest.mark.usefixtures("shared")  # fails (never skips) when ../shared is missing


def test_swap_variants():
    assert "السلامة" in swap_variants("السالمة")
    assert "الأول" in swap_variants("األول")
    assert "لا" in swap_variants("ال")
    assert "المتعلق" in swap_variants("املتعلق")
    assert "كتب" not in swap_variants("كتب") and swap_variants("كتب") == set()


def test_calibration_on_small_texts():
    clean = suspect_share("لا يجوز الحكم بأي تدبير وقائي إلا في الأحوال وطبق الشروط المقررة في القانون")
    damaged = suspect_share("ال يجوز الحكم بأي تدبير وقائي إال في األحوال وطبق الشروط المقررة في القانون")
    assert clean.tokens == damaged.tokens == 14
    assert clean.suspects == 0
    assert damaged.suspects == 3
    assert set(damaged.examples) == {"ال", "إال", "األحوال"}


def test_empty_text():
    r = suspect_share("123 - . ")
    assert (r.tokens, r.suspects, r.share, r.examples) == (0, 0, 0.0, [])


def test_clear_error_without_hunspell(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(HunspellMissing, match="install Debian's hunspell and hunspell-ar"):
        suspect_share("نص")


def test_clear_error_without_dictionary(monkeypatch, tmp_path):
    monkeypatch.setattr(suspects, "DICT_DIRS", (str(tmp_path),))
    monkeypatch.delenv("DICPATH", raising=False)
    with pytest.raises(HunspellMissing, match="hunspell-ar"):
        suspect_share("نص")


@cache
def shares(path: Path) -> tuple[float, float]:
    raw = path.read_text(encoding="utf-8")
    r = repair_text(raw)
    after = "\n".join(r.lines) + "\n" + "\n".join(f.text for f in r.footnotes)
    return suspect_share(raw).share, suspect_share(after).share


@needs_shared
@pytest.mark.parametrize("path", [LAW_103_13, PENAL_CODE, CRIMINAL_PROCEDURE], ids=lambda p: p.name)
def test_tuned_texts_below_half_percent(path: Path):
    before, after = shares(path)
    assert before > 0.04  # raw Adala text: about 5 %
    assert after < 0.005


@needs_shared
@pytest.mark.parametrize("path", HELD_OUT, ids=lambda p: p.name)
def test_held_out_laws_below_one_percent(path: Path):
    # never tuned on: these check that the repair generalises
    before, after = shares(path)
    assert after < 0.01
    assert after < before


def test_the_held_out_laws_are_there():
    assert len(HELD_OUT) == 12, f"the 12 held-out Adala laws are missing under {ADALA / 'laws'}"


# damaged words, and a non-word without any reversal-prone pair («زقثف»)
DAMAGED_SENTENCE = "ال يجوز الحكم بأي تدبير وقائي إال في األحوال وطبق الشروط المقررة في القانون املتعلق زقثف"


def test_parts_in_parallel_find_what_one_process_finds(monkeypatch):
    words = sorted(set(suspects.tokenize(DAMAGED_SENTENCE)))
    one = suspects.rejected_words(words)
    monkeypatch.setattr(suspects, "PART_MIN", 3)  # several hunspell processes at once
    monkeypatch.setattr(suspects.os, "cpu_count", lambda: 4)
    calls = []
    part = suspects._rejected_part
    monkeypatch.setattr(suspects, "_rejected_part", lambda exe, ws: calls.append(ws) or part(exe, ws))
    assert suspects.rejected_words(words) == one and one
    assert len(calls) == 4 and sorted(w for ws in calls for w in ws) == words


def test_only_words_with_a_pair_go_to_hunspell():
    # the shares are those of checking every word: a word without a reversal-prone pair has no variant
    counts = dict(Counter(suspects.tokenize(DAMAGED_SENTENCE)))
    every = suspects.rejected_words(sorted(counts))
    variants = {w: swap_variants(w) for w in every}
    accepted = set().union(*variants.values()) - suspects.rejected_words(sorted(set().union(*variants.values())))
    expected = {w for w, vs in variants.items() if vs & accepted}
    report = suspects.suspect_shares({"t": counts})["t"]
    assert set(report.examples) == expected == {"ال", "إال", "األحوال", "املتعلق"}
    assert report.suspects == 4 and report.tokens == 16
    assert "زقثف" in every and "زقثف" not in suspects.swappable(counts)
