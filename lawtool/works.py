"""The works lawtool knows by name: how a Moroccan text names them, and their FRBR work URIs.

Used to tell which law an amending article changes («... من مجموعة القانون الجنائي»), and by the
cross-reference detector to resolve a cited law.  Names are matched on normalised text.
"""

from __future__ import annotations

from dataclasses import dataclass

from .arabic import normalise


@dataclass(frozen=True)
class Work:
    uri: str
    label: str
    names: tuple[str, ...]   # how texts name it (any of these, normalised, in the text)


PENAL_CODE = Work("/akn/ma/act/1962/1-59-413", "مجموعة القانون الجنائي",
                  ("مجموعة القانون الجنائي", "القانون الجنائي", "1.59.413", "code penal", "code pénal"))
CRIMINAL_PROCEDURE = Work("/akn/ma/act/2002/22-01", "قانون المسطرة الجنائية",
                          ("المسطرة الجنائية", "22.01", "procedure penale", "procédure pénale"))
LAW_103_13 = Work("/akn/ma/act/2018/103-13", "القانون رقم 103.13 المتعلق بمحاربة العنف ضد النساء",
                  ("103.13", "103-13", "محاربة العنف ضد النساء"))
KNOWN_WORKS = (PENAL_CODE, CRIMINAL_PROCEDURE, LAW_103_13)


def work_named_in(text: str) -> Work | None:
    """The known work a passage names, the one named last when several are (an amending
    sentence names the amended law last: «... من القانون رقم 22.01 المتعلق بالمسطرة الجنائية»)."""
    folded = normalise(text).lower()
    best, best_pos = None, -1
    for work in KNOWN_WORKS:
        for name in work.names:
            pos = folded.rfind(normalise(name).lower())
            if pos > best_pos:
                best, best_pos = work, pos
    return best
