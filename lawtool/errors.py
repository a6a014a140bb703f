"""One exception root for everything a user can get wrong.

Each error knows the file, the place inside it (a line or an eId) and what to do;
the CLI prints it as ``lawtool: error: <file>[:place]: <what> — <what to do>``.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def clean(text: str, keep: str = "") -> str:
    """``text`` safe to print on a terminal: control characters (C0, DEL, C1: ESC starts the escape
    sequences that retitle a window, hide text or fake a link) shown as ``\\x1b``; those in ``keep``
    (``"\\n\\t"`` for multi-line output) stay."""
    return _CONTROL.sub(lambda m: m.group() if m.group() in keep else f"\\x{ord(m.group()):02x}", text)


class LawtoolError(Exception):
    """A problem with the user's input or command, reported without a traceback."""

    exit_code = 2

    def __init__(
        self, message: str, *, path: str | None = None, place: str | int | None = None, hint: str | None = None
    ):
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.place = place
        self.hint = hint

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = self.path
            if self.place not in (None, ""):
                where += f":{self.place}"
            where += ": "
        text = where + self.message
        if self.hint:
            text += f" — {self.hint}"
        return clean(text)  # one line, no terminal escape from a file name or a document


class InputError(LawtoolError):
    """A file that cannot be read as what it should be (encoding, XML, YAML, size)."""


class OutputError(InputError):
    """A file or folder that cannot be written: disk full, read-only file system, no permission."""

    _HINTS = {
        "ENOSPC": "free some disk space, or write to another disk",
        "EDQUOT": "free some space within your quota, or write elsewhere",
        "EROFS": "the file system is read-only: write to another place with -o",
        "EACCES": "check the permissions, or write to another place with -o",
        "EPERM": "check the permissions, or write to another place with -o",
        "ENOENT": "check the path: its folder must be one lawtool can create",
        "ENOTDIR": "check the path: a part of it is a file, not a folder",
        "EISDIR": "give a file name, not a folder",
        "EFBIG": "the file is too large for this file system: write elsewhere",
        "EIO": "the disk reported an error: write elsewhere and check the disk",
    }

    @classmethod
    def from_os_error(cls, exc: OSError, target: str) -> OutputError:
        import errno

        name = errno.errorcode.get(exc.errno or 0, "")
        return cls(
            f"cannot write: {exc.strerror or exc}",
            path=target,
            hint=cls._HINTS.get(name, "check the path and the disk, or write elsewhere"),
        )


class NotAknError(InputError):
    """Well-formed XML that is not an Akoma Ntoso 3.0 document."""


class UnsafeInputError(InputError):
    """Input refused for safety: entities, DTDs, bombs, paths leaving the repository."""


class FrbrError(LawtoolError):
    """A malformed FRBR URI."""


class EidError(LawtoolError):
    """An eId that does not exist or cannot be made."""


class AmendmentError(LawtoolError):
    """An amendment that cannot be read, checked or applied: the place is «operation N:eId»."""


class CollisionError(AmendmentError):
    """Amendments that collide, applied without an order: carries the collision report."""

    exit_code = 1

    def __init__(self, message: str, *, report=None, hint: str | None = None):
        super().__init__(message, hint=hint)
        self.report = report
