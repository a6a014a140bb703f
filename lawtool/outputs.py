"""Where lawtool writes, and only there.

Every command that writes goes through this module:

- :func:`check_output`: an output never replaces one of the command's inputs (nor a file inside an
  input folder), nor an existing file unless the user said so (``--force``, ``--in-place``,
  ``--overwrite``), nor a read-only file;
- :func:`unsafe_part` and :func:`inside`: a path lawtool computes from document data (an eId, a FRBR
  number, an amendment id) is made of checked parts and stays inside its folder;
- :func:`regular_files`: the regular files under a folder, symlinks skipped (never followed);
- :class:`Lock`: one run at a time of a command that rebuilds a folder (``fcntl.flock``, waiting a
  bounded time);
- :func:`new_folder_beside`, :func:`swap_in`: a folder is replaced by building a new one beside it,
  then renaming it into place; the old one stays whole until then, and only a folder lawtool made
  (it holds lawtool's marker file) is ever replaced.

Nothing here prints; every refusal is a :class:`lawtool.errors.LawtoolError` (exit status 2).
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .errors import LawtoolError, UnsafeInputError

# -- outputs of a command ------------------------------------------------------------------------------------


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and os.path.samefile(a, b))
    except OSError:
        return False


def check_output(
    output: str | os.PathLike | None,
    inputs: Iterable[str | os.PathLike | None] = (),
    *,
    replace: bool = False,
    flag: str = "--force",
    in_place: bool = False,
    in_place_flag: str | None = None,
) -> Path | None:
    """Refuse an ``output`` that would destroy work, before anything is computed or written.

    - one of ``inputs`` (the same file, through a link too), unless ``in_place`` (the user gave
      ``in_place_flag``); a file inside an input folder, always;
    - an existing regular file, unless ``replace`` (the user gave ``flag``) or it is the input the
      user asked to rewrite in place;
    - a folder; a read-only file.
    A device or a named pipe (``/dev/null``, ``/dev/stdout``) is written into, never replaced.
    Returns the output as a Path (None when there is none)."""
    if output is None:
        return None
    out = Path(output)
    if out.is_dir():
        raise LawtoolError("the output is a folder", path=str(out), hint="give a file name for the output")
    resolved = out.resolve()
    is_input = False
    for given in inputs:
        if given is None:
            continue
        source = Path(given)
        if source.is_dir():
            if resolved.is_relative_to(source.resolve()):
                raise LawtoolError(
                    f"the output is inside the input folder {source}",
                    path=str(out),
                    hint="write it outside the folders the command reads",
                )
        elif _same(out, source):
            if not in_place:
                hint = (
                    f"write to another file, or give {in_place_flag} to rewrite it"
                    if in_place_flag
                    else "write to another file (lawtool never overwrites an input)"
                )
                raise LawtoolError("the output is one of the inputs", path=str(out), hint=hint)
            is_input = True
    if out.exists() and out.is_file():
        if not (replace or is_input):
            raise LawtoolError(
                "the output exists", path=str(out), hint=f"give {flag} to replace it, or another file name"
            )
        if read_only(out):
            raise LawtoolError(
                "the output is read-only", path=str(out), hint="make it writable (chmod u+w) or write to another file"
            )
    return out


def read_only(path: Path) -> bool:
    """A file without any write permission (root too respects that here), or one we may not write."""
    try:
        return not (path.stat().st_mode & 0o222) or not os.access(path, os.W_OK)
    except OSError:
        return False


# -- paths made from document data --------------------------------------------------------------------------


def unsafe_part(part: str) -> str | None:
    """Why ``part`` cannot be one component of a path lawtool writes (None when it can)."""
    if part in ("", ".", ".."):
        return "is empty or a relative step ('.', '..')" if part else "is empty"
    if part.startswith("."):
        return "starts with a dot"
    if "/" in part or "\\" in part:
        return "contains a slash"
    if any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in part):
        return "contains a control character"
    return None


def inside(base: str | os.PathLike, relative: str, *, what: str = "path") -> Path:
    """``base/relative``, where ``relative`` is ``/``-separated parts each passing :func:`unsafe_part`,
    and the result (links resolved) stays inside ``base``."""
    parts = relative.split("/")
    for part in parts:
        reason = unsafe_part(part)
        if reason:
            raise UnsafeInputError(
                f"unsafe {what} {relative!r}: the part {part!r} {reason}",
                hint="use letters, digits, '-', '_' and '@' in eIds, FRBR numbers and ids",
            )
    base_path = Path(base).resolve()
    target = base_path.joinpath(*parts)
    if not target.resolve().is_relative_to(base_path):
        raise UnsafeInputError(
            f"unsafe {what} {relative!r}: it leads outside {base}", hint="remove the symbolic link that leads outside"
        )
    return target


def regular_files(folder: str | os.PathLike, warn: Callable[[str], None] | None = None) -> Iterator[Path]:
    """The regular files under ``folder`` (itself included in the check), sorted, never following a
    symbolic link: a link (to a file or a folder) is skipped and reported through ``warn``."""
    top = Path(folder)
    if top.is_symlink():
        if warn:
            warn(f"{top}: a symbolic link, skipped (only regular files are published)")
        return
    if not top.is_dir():
        return
    for current, dirs, files in os.walk(top, followlinks=False):
        here = Path(current)
        for name in sorted(dirs):
            if (here / name).is_symlink():
                dirs.remove(name)
                if warn:
                    warn(f"{here / name}: a symbolic link to a folder, skipped (only regular files are published)")
        dirs.sort()
        for name in sorted(files):
            path = here / name
            if path.is_symlink():
                if warn:
                    warn(f"{path}: a symbolic link, skipped (only regular files are published)")
            elif path.is_file():
                yield path
            elif warn:
                warn(f"{path}: not a regular file, skipped")


# -- one run at a time ---------------------------------------------------------------------------------------


class Lock:
    """An exclusive ``fcntl.flock`` on ``path`` for a ``with`` block; waits at most ``wait`` seconds
    for another holder, then refuses (``LawtoolError``).  The lock goes with the process: a killed
    run never leaves a stale lock."""

    def __init__(
        self,
        path: str | os.PathLike,
        *,
        wait: float = 60.0,
        what: str = "another run",
        on_wait: Callable[[str], None] | None = None,
    ):
        self.path = Path(path)
        self.wait = wait
        self.what = what
        self.on_wait = on_wait
        self._fd: int | None = None

    def __enter__(self) -> Lock:
        import fcntl

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
        except OSError as exc:
            raise LawtoolError(
                f"cannot open the lock file: {exc.strerror}",
                path=str(self.path),
                hint="make build/ a writable folder of the repository (not a link)",
            ) from None
        deadline = time.monotonic() + max(self.wait, 0.0)
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                    os.close(fd)
                    raise
            if time.monotonic() >= deadline:
                os.close(fd)
                raise LawtoolError(
                    f"{self.what} is running (it holds {self.path})",
                    path=str(self.path),
                    hint=f"wait for it to finish, then run again (waited {self.wait:g} s)",
                )
            if not told and self.on_wait:
                self.on_wait(f"waiting for {self.what} (lock {self.path})")
                told = True
            time.sleep(0.2)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd
        return self

    def __exit__(self, *exc) -> None:
        import fcntl

        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


# -- folders replaced whole -------------------------------------------------------------------------------------

MARKER = ".lawtool-generated"
MARKER_TEXT = "made by lawtool publish: lawtool replaces this folder on each run\n"


def made_by_lawtool(folder: Path) -> bool:
    """Does ``folder`` hold lawtool's marker (a regular file lawtool wrote)?"""
    marker = folder / MARKER
    if marker.is_symlink() or not marker.is_file():
        return False
    try:
        with open(marker, "rb") as handle:
            return handle.read(64).startswith(b"made by lawtool publish")
    except OSError:
        return False


def check_replaceable(folder: Path, what: str) -> None:
    """Refuse to replace anything but a missing folder, an empty one, or one lawtool made."""
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise LawtoolError(
            f"the {what} is not a folder", path=str(folder), hint=f"give a new or empty folder for the {what}"
        )
    if folder.is_dir() and any(folder.iterdir()) and not made_by_lawtool(folder):
        raise LawtoolError(
            f"the {what} is not empty and was not made by lawtool",
            path=str(folder),
            hint=f"give a new or empty folder (lawtool only replaces folders holding its {MARKER})",
        )


def new_folder_beside(target: Path) -> Path:
    """An empty folder, marked as lawtool's, in the same parent as ``target`` (so that a rename can
    put it in ``target``'s place)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    os.chmod(fresh, 0o755 & ~_umask())
    (fresh / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    return fresh


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE); False when unsupported."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    return False


def swap_in(fresh: Path, target: Path) -> None:
    """Put the folder ``fresh`` in ``target``'s place, then remove the old one: a reader sees the old
    folder or the new one.  ``target`` must have passed :func:`check_replaceable`."""
    if target.is_dir() and _exchange(fresh, target):
        shutil.rmtree(fresh, ignore_errors=True)  # now the old folder
        return
    if target.is_dir():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        os.rename(target, old / "site")
        try:
            os.rename(fresh, target)
        except OSError:
            os.rename(old / "site", target)
            raise
        shutil.rmtree(old, ignore_errors=True)
        return
    os.rename(fresh, target)
