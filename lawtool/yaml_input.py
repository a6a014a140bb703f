"""The one way lawtool reads a YAML file a user gives it: amendments, import.yaml, corpus recipes,
reports.yaml, concept checklists, reviews.

YAML can hide much in a few bytes; this loader refuses, with the file and the line:

- explicit tags (``!!python/object`` builds objects): only plain scalars, lists and mappings;
- more than ``MAX_ALIASES`` aliases, or a document that expands beyond ``MAX_NODES`` values
  (the «billion laughs»);
- nesting deeper than ``MAX_DEPTH`` (the parser would recurse until the interpreter gives up);
- duplicate keys (YAML silently keeps the last);
- several documents in one file;
- dates that do not exist (``2025-02-30``) and numbers longer than ``MAX_DIGITS`` digits;
- control characters in a value (a terminal would run them, XML cannot hold them).

Reading is bounded (``lawtool.akn.read_input``): regular files, devices and pipes alike.
"""

from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path

import yaml

from .akn import read_input
from .errors import InputError, UnsafeInputError

# libyaml's loader (PyYAML's wheels include it) reads the same data about 15 times faster than the
# pure-Python one: the site loads every amendment file of the bills
LOADER = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader

MAX_BYTES = 4 * 1024 * 1024
MAX_ALIASES = 16
MAX_NODES = 200_000
MAX_DEPTH = 64
MAX_DIGITS = 64
SAFE_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")}
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_INT = "tag:yaml.org,2002:int"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_DIGITS = re.compile(rf"\d{{{MAX_DIGITS + 1},}}")  # more than MAX_DIGITS digits


def _yaml_error(exc: yaml.YAMLError, path: str, what: str) -> InputError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return InputError(
        f"not valid YAML: {problem}",
        path=path,
        place=(mark.line + 1) if mark else None,
        hint=f"fix the YAML syntax at that line ({what})",
    )


def parse_yaml_text(text: str, path: str = "<yaml>", *, what: str = "a YAML mapping", max_nodes: int = MAX_NODES):
    """YAML text → plain data (dicts, lists, str, int, float, bool, None, dates), or an InputError
    naming ``path``, the line and what to do.  ``what`` says what the file should be."""
    try:
        _check_events(text, path, what)
        node = yaml.compose(text, Loader=LOADER)
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, path, what) from None
    if node is None:
        return None
    _check_nodes(node, path, max_nodes)
    try:
        return yaml.load(text, Loader=LOADER)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, path, what) from None
    except (ValueError, RecursionError) as exc:  # a constructor's refusal the checks above did not foresee
        raise InputError(f"a value YAML cannot read: {exc}", path=path, hint="fix the value") from None


def _check_events(text: str, path: str, what: str) -> None:
    """Aliases, documents, tags and depth, read from the event stream (which does not recurse)."""
    aliases = documents = depth = 0
    for event in yaml.parse(text, Loader=LOADER):
        line = event.start_mark.line + 1 if event.start_mark is not None else 0
        if isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > MAX_ALIASES:
                raise UnsafeInputError(
                    f"more than {MAX_ALIASES} YAML aliases (*name): refused, the file could "
                    "expand exponentially (a «billion laughs» bomb)",
                    path=path,
                    place=line,
                    hint="write the values out in full, without anchors and aliases",
                )
        elif isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise InputError(
                    "several YAML documents in one file", path=path, place=line, hint=f"keep one document ({what})"
                )
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise UnsafeInputError(
                    f"lists or mappings nested more than {MAX_DEPTH} deep: refused",
                    path=path,
                    place=line,
                    hint=f"{what} is never nested so deep; check the file",
                )
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
        tag = getattr(event, "tag", None)
        if tag and tag not in SAFE_TAGS:
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            raise UnsafeInputError(
                f"the YAML tag {shown} is not allowed (tags can build objects)",
                path=path,
                place=line,
                hint="remove the tag: plain text, numbers, lists and mappings only",
            )


def _check_nodes(root, path: str, max_nodes: int) -> None:
    """Duplicate keys, expansion (aliases counted each time), dates, long numbers, control characters."""
    budget = max_nodes
    stack = [root]
    while stack:
        node = stack.pop()
        budget -= 1
        if budget < 0:
            raise UnsafeInputError(
                f"the YAML expands to more than {max_nodes} values: refused",
                path=path,
                hint="write it without aliases, or split it",
            )
        if isinstance(node, yaml.MappingNode):
            seen: set = set()
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in seen and key.value != "<<":
                        raise InputError(
                            f"the field {key.value!r} appears twice in one mapping",
                            path=path,
                            place=key.start_mark.line + 1,
                            hint="keep one (YAML would silently keep the last)",
                        )
                    seen.add(key.value)
                stack.append(key)
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.ScalarNode) and isinstance(node.value, str):
            _check_scalar(node, path)


def _check_scalar(node, path: str) -> None:
    line = node.start_mark.line + 1
    bad = _CONTROL.search(node.value)
    if bad:
        raise InputError(
            f"a control character (U+{ord(bad.group()):04X}) in a value: XML cannot hold it and a "
            "terminal would run it",
            path=path,
            place=line,
            hint="remove it (escapes such as \\e or \\x1b too)",
        )
    if _DIGITS.search(node.value):
        raise InputError(
            f"a number of more than {MAX_DIGITS} digits",
            path=path,
            place=line,
            hint="no law, article or date needs so many digits; check the value",
        )
    if node.tag == _TIMESTAMP:
        try:
            yaml.SafeLoader.construct_yaml_timestamp(yaml.SafeLoader(""), node)
        except ValueError as exc:
            raise InputError(
                f"the date {node.value} does not exist ({exc})",
                path=path,
                place=line,
                hint="write a real date, YYYY-MM-DD",
            ) from None


def read_yaml_file(
    path: str | Path,
    *,
    what: str = "a YAML mapping",
    max_bytes: int = MAX_BYTES,
    max_nodes: int = MAX_NODES,
    missing_hint: str = "check the path",
):
    """A user's YAML file → plain data; every problem an InputError naming the file."""

    p = Path(path)
    name = str(p)
    try:
        data = read_input(p, max_bytes)
    except FileNotFoundError:
        raise InputError("no such file", path=name, hint=missing_hint) from None
    except IsADirectoryError:
        raise InputError(f"is a directory, not {what}", path=name, hint="give a .yaml file") from None
    except PermissionError:
        raise InputError("permission denied", path=name, hint="check the file's permissions") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"not UTF-8 text (byte 0x{data[exc.start]:02x})", path=name, place=line, hint=f"give {what} saved as UTF-8"
        ) from None
    if "\x00" in text:
        raise InputError(f"binary data, not {what}", path=name, hint="give a .yaml file")
    return parse_yaml_text(text, name, what=what, max_nodes=max_nodes)


def as_date(value) -> str | None:
    """A YAML date value as YYYY-MM-DD text (YAML reads an unquoted date as a date object)."""
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()[:10]
    return None if value is None else str(value)
