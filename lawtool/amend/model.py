"""The amendment format: one YAML file per amendment, read safely, checked, made canonical.

    id: dv-2025-01                       # letters, digits, hyphens
    target: /akn/ma/bill/2024/digital-violence/ara@2024-12-10   # the expression amended
    proposer: "فريق برلماني (مثال أ)"     # a label
    date: 2025-01-21
    status: proposed | adopted | rejected | withdrawn
    justification: ...
    operations:
      - {op: replace, eid: art_12__para_2, text: "..."}
      - {op: substitute, eid: art_12__para_2, find: "...", with: "...", occurrence: 2}
      - {op: insert, after: art_9, num: "المادة 9 مكررة", text: "..."}       # or before: / into:
      - {op: delete, eid: art_7}
      - {op: move, eid: art_3, after: art_17, num: "المادة 17 مكررة"}
      - {op: renumber, eid: art_28, num: "المادة 27"}

The whole format, with every field, is ``SCHEMA`` (written to docs/amendment.schema.json and
explained in docs/amendments.md).  Files are read by lawtool.yaml_input, the one safe YAML
loader (no tags, alias bombs, deep nesting, duplicate keys, impossible dates, several documents),
with an amendment's limits: ``MAX_BYTES`` bytes, ``MAX_NODES`` values.  Every error names the file, the operation («operation 3»,
counted from 1) and the eId.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import yaml

from .. import yaml_input
from ..akn import local_name
from ..errors import AmendmentError, FrbrError, InputError, UnsafeInputError, clean
from ..frbr import FrbrUri
from .content import (
    BODY_KEYS,
    CHILD_KIND,
    ContentError,
    body_of,
    canonical_body,
    head_of,
    kind_of_eid,
    num_text,
    parse_fragment,
    spelled_out,
    what_is,
)

STATUSES = ("proposed", "adopted", "rejected", "withdrawn", "fallen")
VOTE_KEYS = ("for", "against", "abstain")
OPERATIONS = ("replace", "substitute", "insert", "delete", "move", "renumber")
POSITIONS = ("after", "before", "into")
MAX_BYTES = 1024 * 1024
MAX_NODES = 50_000

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9-]{0,63}$"
EID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$"
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"

# -- the schema ---------------------------------------------------------------------------------------------

_TEXT = {"type": "string"}
_EID = {"type": "string", "pattern": EID_PATTERN, "description": "an eId of the target expression"}
_NUM = {"type": ["string", "integer"], "description": "the text of <num>, e.g. «المادة 9 مكررة» or «3»"}
_POINT = {
    "type": "object",
    "required": ["num"],
    "additionalProperties": False,
    "properties": {
        "num": _NUM,
        "text": _TEXT,
        "intro": _TEXT,
        "wrap_up": _TEXT,
        "points": {"type": "array", "items": {"$ref": "#/$defs/point"}},
    },
}
_BODY = {
    "text": {"type": "string", "description": "paragraph, point, intro: one line; article: one paragraph per line"},
    "paragraphs": {
        "type": "array",
        "minItems": 1,
        "description": "an article's paragraphs",
        "items": {"oneOf": [{"type": "string"}, {"$ref": "#/$defs/listParagraph"}]},
    },
    "intro": {"type": "string", "description": "the text before the points"},
    "points": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/point"}},
    "wrap_up": {"type": "string", "description": "the text after the points"},
    "xml": {"type": "string", "description": "the whole element as Akoma Ntoso XML"},
}


def _op(name: str, required: list[str], properties: dict, description: str) -> dict:
    return {
        "description": description,
        "type": "object",
        "required": ["op", *required],
        "additionalProperties": False,
        "properties": {"op": {"const": name}, **properties},
    }


_POSITION = {"after": _EID, "before": _EID, "into": _EID}
SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://lawtool.ma/schema/amendment-1.json",
    "title": "lawtool amendment",
    "description": "One amendment to one expression of a bill or law (lawtool.amend). Operations name elements "
    "by the eIds of the target expression; see docs/amendments.md.",
    "type": "object",
    "required": ["id", "target", "proposer", "date", "status", "operations"],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "string", "pattern": ID_PATTERN, "description": "letters, digits and hyphens"},
        "target": {"type": "string", "pattern": r"^/akn/", "description": "FRBR expression URI of the amended text"},
        "proposer": {"type": "string", "minLength": 1, "description": "who proposes it (a label)"},
        "date": {"type": "string", "pattern": DATE_PATTERN, "description": "YYYY-MM-DD"},
        "status": {"enum": list(STATUSES)},
        "title": {"type": "string"},
        "justification": {"type": "string"},
        "example": {"type": "boolean", "description": "true for a made-up example"},
        "cosignatories": {
            "type": "array",
            "items": {"type": "string", "minLength": 1},
            "description": "who signs the amendment besides the proposer (labels)",
        },
        "amends": {
            "type": "string",
            "pattern": ID_PATTERN,
            "description": "a sub-amendment: the id of the amendment it amends; its operations apply to "
            "the bill as that amendment leaves it",
        },
        "votes": {
            "type": "object",
            "additionalProperties": False,
            "minProperties": 1,
            "properties": {k: {"type": "integer", "minimum": 0} for k in VOTE_KEYS},
            "description": "the committee's vote: for, against, abstain",
        },
        "operations": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["op"],
                "properties": {"op": {"enum": list(OPERATIONS)}},
                "allOf": [
                    {
                        "if": {"properties": {"op": {"const": name}}, "required": ["op"]},
                        "then": {"$ref": f"#/$defs/{name}"},
                    }
                    for name in OPERATIONS
                ],
            },
        },
    },
    "$defs": {
        "point": _POINT,
        "listParagraph": {
            "type": "object",
            "required": ["points"],
            "additionalProperties": False,
            "properties": {"intro": _TEXT, "points": _BODY["points"], "wrap_up": _TEXT},
        },
        "replace": _op(
            "replace",
            ["eid"],
            {"eid": _EID, "num": _NUM, "heading": _TEXT, **_BODY},
            "give the element new text (and/or a new num or heading)",
        ),
        "substitute": _op(
            "substitute",
            ["eid", "find", "with"],
            {
                "eid": _EID,
                "find": {"type": "string", "minLength": 1},
                "with": _TEXT,
                "occurrence": {"type": "integer", "minimum": 1},
            },
            "replace the words `find` by `with` inside the element (whole words; exactly one "
            "place, or the n-th with `occurrence`)",
        ),
        "insert": _op(
            "insert",
            [],
            {**_POSITION, "element": {"type": "string"}, "num": _NUM, "heading": _TEXT, **_BODY},
            "add a new element after/before an element, or at the end of one (into)",
        ),
        "delete": _op("delete", ["eid"], {"eid": _EID}, "remove the element"),
        "move": _op(
            "move",
            ["eid"],
            {"eid": _EID, **_POSITION, "num": _NUM},
            "move the element after/before another, or to the end of one (into); optionally renumber it",
        ),
        "renumber": _op("renumber", ["eid", "num"], {"eid": _EID, "num": _NUM}, "give the element a new <num>"),
    },
}


# -- values ---------------------------------------------------------------------------------------------------


@dataclass
class Operation:
    """One operation, canonical: ``to_dict`` gives the same mapping for the same operation
    however it was written (YAML by hand, from-diff, AKN import)."""

    op: str
    eid: str | None = None
    after: str | None = None
    before: str | None = None
    into: str | None = None
    element: str | None = None
    num: str | None = None
    heading: str | None = None
    find: str | None = None
    with_: str | None = None
    occurrence: int | None = None
    body: dict | None = None
    index: int = field(default=0, compare=False)  # 1-based place in the amendment

    @property
    def position(self) -> tuple[str, str] | None:
        """("after" | "before" | "into", eId) for insert and move."""
        for side in POSITIONS:
            value = getattr(self, side)
            if value:
                return side, value
        return None

    @property
    def placed(self) -> tuple[str, str]:
        """``position`` for insert and move, which require one (``parse_operation`` checks it)."""
        if self.position is None:
            raise AmendmentError(f"{self.op} needs after, before or into", place=self.place)
        return self.position

    def required(self, name: str) -> str:
        """The text field ``name`` ("eid", "find", "with_", "num" ...) that the operation's kind
        requires (``parse_operation`` checks it)."""
        value = getattr(self, name)
        if not isinstance(value, str):
            raise AmendmentError(f"{self.op} needs `{name.rstrip('_')}`", place=self.place)
        return value

    @property
    def kind(self) -> str:
        """The kind of element the operation writes or touches."""
        if self.op == "insert":
            if self.element:
                return self.element
            side, anchor = self.placed
            parent = kind_of_eid(anchor)
            return CHILD_KIND.get(parent, "article") if side == "into" else parent
        return kind_of_eid(self.required("eid"))

    @property
    def eids(self) -> list[str]:
        """Every eId the operation names (target and position)."""
        return [e for e in (self.eid, self.after, self.before, self.into) if e]

    @property
    def first_eid(self) -> str:
        """The eId changed, else the one an insert or move is placed at ("" when there is none)."""
        return self.eid or (self.position[1] if self.position else "")

    @property
    def place(self) -> str:
        """«operation 3:art_12__para_2» for messages."""
        first = self.first_eid
        return f"operation {self.index}" + (f":{first}" if first else "")

    def to_dict(self) -> dict:
        out: dict = {"op": self.op}
        for key in ("eid", "after", "before", "into", "element", "num", "heading", "find"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        if self.op == "substitute":
            out["with"] = self.with_
            if self.occurrence is not None:
                out["occurrence"] = self.occurrence
        if self.body:
            out.update(self.body)
        return out


@dataclass
class Amendment:
    id: str
    target: FrbrUri
    proposer: str
    date: str
    status: str
    operations: list[Operation]
    justification: str = ""
    title: str | None = None
    example: bool = False
    cosignatories: list[str] = field(default_factory=list)
    amends: str | None = None
    votes: dict[str, int] | None = None
    path: str = "<memory>"

    @property
    def work_uri(self) -> str:
        """The amendment's own FRBR work: /akn/ma/amendment/2025-01-21/dv-2025-01."""
        return f"/akn/{self.target.country}/amendment/{self.date}/{self.id}"

    @property
    def expression_uri(self) -> str:
        return f"{self.work_uri}/{self.target.language}@{self.date}"

    def to_dict(self) -> dict:
        out: dict = {
            "id": self.id,
            "target": str(self.target),
            "proposer": self.proposer,
            "date": self.date,
            "status": self.status,
        }
        if self.example:
            out["example"] = True
        if self.title:
            out["title"] = self.title
        if self.justification:
            out["justification"] = self.justification
        if self.cosignatories:
            out["cosignatories"] = list(self.cosignatories)
        if self.amends:
            out["amends"] = self.amends
        if self.votes:
            out["votes"] = dict(self.votes)
        out["operations"] = [op.to_dict() for op in self.operations]
        return out

    def same_as(self, other: Amendment) -> bool:
        return self.to_dict() == other.to_dict()


# -- safe YAML ----------------------------------------------------------------------------------------------

_WHAT = "an amendment: a YAML mapping of id, target, operations ..."


def parse_yaml_text(text: str, path: str = "<yaml>"):
    """YAML text → plain data, with the amendment files' limits (lawtool.yaml_input)."""
    return yaml_input.parse_yaml_text(text, path, what=_WHAT, max_nodes=MAX_NODES)


def read_yaml(path: str | Path):
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError:
        size = 0
    if size > MAX_BYTES:
        raise UnsafeInputError(
            f"the file is {size} bytes, over the {MAX_BYTES} bytes an amendment may take",
            path=str(p),
            hint="split it into several amendments",
        )
    data = yaml_input.read_yaml_file(p, what=_WHAT, max_bytes=MAX_BYTES, max_nodes=MAX_NODES)
    if data is None:
        raise InputError("the file is empty", path=str(p), hint="write an amendment (see docs/amendments.md)")
    return data


# -- checks ---------------------------------------------------------------------------------------------------


def _schema_errors(data, path: str) -> None:
    """Check ``data`` against SCHEMA with the jsonschema package (a dependency); the first
    error, in document order, becomes an AmendmentError naming the operation."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(SCHEMA)
    errors = list(validator.iter_errors(data))
    if not errors:
        return
    rank = {"required": 0, "additionalProperties": 1, "type": 2, "const": 3, "enum": 4}

    def key(e):
        return ([str(p) for p in e.absolute_path], rank.get(e.validator, 9))

    error = sorted(errors, key=key)[0]
    where = list(error.absolute_path)
    place, fieldname = None, ".".join(str(p) for p in where)
    if len(where) >= 2 and where[0] == "operations" and isinstance(where[1], int):
        op = data["operations"][where[1]]
        eid = next(
            (
                op.get(k)
                for k in ("eid", "after", "before", "into")
                if isinstance(op, dict) and isinstance(op.get(k), str)
            ),
            None,
        )
        place = f"operation {where[1] + 1}" + (f":{eid}" if eid else "")
        fieldname = ".".join(str(p) for p in where[2:])
    message, hint = _schema_message(error, fieldname), _schema_hint(error)
    if error.validator == "required" and place and not fieldname:
        missing = error.message.split("'")[1] if "'" in error.message else "?"
        message = f"{data['operations'][where[1]].get('op')} needs `{missing}`"
        hint = _REQUIRED_HINTS.get(missing, hint)
    raise AmendmentError(message, path=path, place=place, hint=hint)


_REQUIRED_HINTS = {
    "eid": "add eid: <the eId of the element it changes>",
    "num": 'add num: "المادة 27" (the new <num>)',
    "find": 'add find: "..." (the words to replace)',
    "with": 'add with: "..." (the new words; "" to delete them)',
}


def _schema_message(error, fieldname: str) -> str:
    value = error.instance
    name = f"`{fieldname}`" if fieldname else "the amendment"
    if error.validator == "type":
        expected = error.validator_value
        expected = " or ".join(expected) if isinstance(expected, list) else expected
        expected = {
            "string": "text",
            "object": "a mapping",
            "array": "a list",
            "integer": "a whole number",
            "boolean": "true or false",
        }.get(expected, expected)
        return f"{name} must be {expected}, not {what_is(value)}"
    if error.validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return f"{name} has no `{missing}`" if fieldname else f"missing field `{missing}`"
    if error.validator == "additionalProperties":
        extra = sorted(set(value) - set(error.schema.get("properties", {})))
        return f"unknown field{'s' if len(extra) > 1 else ''} {', '.join(f'`{e}`' for e in extra)}" + (
            f" in {name}" if fieldname else ""
        )
    if error.validator == "enum":
        return f"{name} is {value!r}, not one of: {', '.join(map(str, error.validator_value))}"
    if error.validator == "pattern":
        return f"{name} {value!r} does not have the expected form"
    if error.validator in ("minItems", "minLength"):
        return f"{name} is empty"
    if error.validator == "minimum":
        return f"{name} must be at least {error.validator_value}"
    return f"{name}: {error.message}"


def _schema_hint(error) -> str:
    if error.validator == "type" and error.validator_value in ("string", ["string", "integer"]):
        return 'quote the value ("...")'
    if error.validator == "additionalProperties":
        return "check the spelling; the fields are listed in docs/amendments.md"
    if error.validator == "enum":
        return "use one of the listed values"
    if error.validator == "pattern":
        if "[A-Za-z0-9-]" in str(error.validator_value):
            return "use letters, digits and hyphens (e.g. dv-2025-01)"
        if "\\d{4}" in str(error.validator_value):
            return "write the date as YYYY-MM-DD"
        if "/akn/" in str(error.validator_value):
            return "give the FRBR expression URI, e.g. /akn/ma/bill/2024/digital-violence/ara@2024-12-10"
        return "an eId has no spaces, e.g. art_12__para_2"
    return "see docs/amendments.md for the format"


def _fail(message: str, path: str, place=None, hint: str | None = None) -> NoReturn:
    raise AmendmentError(message, path=path, place=place, hint=hint)


def _text_field(data: dict, key: str, path: str, place=None, *, empty_ok=False) -> str:
    if key not in data:
        _fail(f"missing field `{key}`", path, place, "see docs/amendments.md for the format")
    value = data[key]
    if not isinstance(value, str):
        _fail(f"`{key}` must be text, not {what_is(value)}", path, place, 'quote the value ("...")')
    if not empty_ok and not value.strip():
        _fail(f"`{key}` is empty", path, place, f"write the {key}")
    return value


def _optional_text_field(data: dict, key: str, path: str, place=None, *, empty_ok=False) -> str | None:
    """``_text_field`` for a field that may be missing or null (then None)."""
    if data.get(key) is None:
        return None
    return _text_field(data, key, path, place, empty_ok=empty_ok)


def _date(value, path: str) -> str:
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if not isinstance(value, str) or not re.match(DATE_PATTERN, value):
        _fail(f"`date` must be a date YYYY-MM-DD, not {value!r}", path, "date", "write e.g. date: 2025-01-21")
    try:
        _dt.date.fromisoformat(value)
    except ValueError:
        _fail(f"`date` {value!r} is not a real date", path, "date", "check the month and day")
    return str(value)


def _identifier(data: dict, path: str) -> str:
    ident = _text_field(data, "id", path, "id")
    if not re.match(ID_PATTERN, ident):
        _fail(f"`id` {ident!r} does not have the expected form", path, "id", "use letters, digits and hyphens")
    return ident


def _target(data: dict, path: str) -> FrbrUri:
    target_text = _text_field(data, "target", path, "target")
    try:
        target = FrbrUri.parse(target_text)
    except FrbrError as exc:
        # a two-letter language («/el@2024-02-08»), as documents made elsewhere write it: every other
        # part must pass the strict reading (checked with a three-letter stand-in), then it is read
        # as the document's own expression URI is
        two = re.fullmatch(r"(/akn/.+/)([a-z]{2})(@\d{4}-\d{2}-\d{2})", target_text.strip())
        try:
            if two is None:
                raise exc
            FrbrUri.parse(f"{two.group(1)}xxx{two.group(3)}")
        except FrbrError:
            _fail(exc.message, path, "target", exc.hint)
        target = FrbrUri.loose(target_text)
    if not target.language or not target.expression_date:
        _fail(
            f"`target` {target_text!r} is not an expression URI (language@date)",
            path,
            "target",
            "give the amended expression, e.g. /akn/ma/bill/2024/digital-violence/ara@2024-12-10",
        )
    return target


def _status(data: dict, path: str) -> str:
    status = _text_field(data, "status", path, "status")
    if status not in STATUSES:
        _fail(f"`status` is {status!r}, not one of: {', '.join(STATUSES)}", path, "status", "use one of them")
    return status


def _example(data: dict, path: str) -> bool:
    example = data.get("example", False)
    if not isinstance(example, bool):
        _fail(f"`example` must be true or false, not {what_is(example)}", path, "example", "write example: true")
    return example


def _cosignatories(data: dict, path: str) -> list[str]:
    cosignatories = data.get("cosignatories") or []
    if not isinstance(cosignatories, list) or not all(isinstance(c, str) and c.strip() for c in cosignatories):
        _fail("`cosignatories` must be a list of names", path, "cosignatories", "write one name per line: - ...")
    return [c.strip() for c in cosignatories]


def _amends(data: dict, ident: str, path: str) -> str | None:
    amends = data.get("amends")
    if amends is not None and (not isinstance(amends, str) or not re.match(ID_PATTERN, amends)):
        _fail(
            f"`amends` must be the id of another amendment, not {amends!r}",
            path,
            "amends",
            "give the parent amendment's id, e.g. amends: dv-ex-01",
        )
    if amends == ident:
        _fail("an amendment cannot amend itself", path, "amends", "give the id of the parent amendment")
    return amends


def _is_count(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _votes(data: dict, path: str) -> dict | None:
    votes = data.get("votes")
    if votes is None:
        return None
    if (
        not isinstance(votes, dict)
        or not votes
        or set(votes) - set(VOTE_KEYS)
        or not all(map(_is_count, votes.values()))
    ):
        _fail(
            f"`votes` must map for/against/abstain to whole numbers, not {votes!r}",
            path,
            "votes",
            "write e.g. votes: {for: 7, against: 3, abstain: 1}",
        )
    return {k: votes[k] for k in VOTE_KEYS if k in votes}


def _operations(data: dict, path: str) -> list[Operation]:
    raw_ops = data.get("operations")
    if not isinstance(raw_ops, list) or not raw_ops:
        _fail(
            "`operations` must be a non-empty list", path, "operations", "list the operations (see docs/amendments.md)"
        )
    return [parse_operation(raw, i, path) for i, raw in enumerate(raw_ops, start=1)]


def _checked_mapping(data, path: str) -> dict:
    """A copy of ``data`` with its date read, checked against the schema and for unknown fields."""
    if not isinstance(data, dict):
        _fail(
            f"not an amendment: the YAML holds {what_is(data)}, not a mapping of fields",
            path,
            None,
            "an amendment is a YAML mapping with id, target, proposer, date, status, operations",
        )
    data = dict(data)
    if "date" in data:
        data["date"] = _date(data["date"], path)
    _schema_errors(data, path)
    unknown = set(data) - set(SCHEMA["properties"])
    if unknown:
        _fail(f"unknown field(s) {', '.join(sorted(map(str, unknown)))}", path, None, "see docs/amendments.md")
    return data


def parse_amendment(data, path: str = "<memory>") -> Amendment:
    """Plain data (from YAML) → a checked, canonical Amendment (fields checked in this order)."""
    data = _checked_mapping(data, path)
    ident = _identifier(data, path)
    target = _target(data, path)
    proposer = _text_field(data, "proposer", path, "proposer")
    if "date" not in data:
        _fail("missing field `date`", path, None, "write e.g. date: 2025-01-21")
    status = _status(data, path)
    justification = _optional_text_field(data, "justification", path, "justification", empty_ok=True) or ""
    title = _optional_text_field(data, "title", path, "title")
    example = _example(data, path)
    cosignatories = _cosignatories(data, path)
    amends = _amends(data, ident, path)
    votes = _votes(data, path)
    operations = _operations(data, path)
    return Amendment(
        id=ident,
        target=target.expression,
        proposer=proposer.strip(),
        date=data["date"],
        status=status,
        operations=operations,
        # one paragraph per line, blank lines and surrounding spaces left out
        justification="\n".join(line.strip() for line in justification.split("\n") if line.strip()),
        title=title.strip() if title else None,
        example=example,
        cosignatories=cosignatories,
        amends=amends,
        votes=votes,
        path=path,
    )


_ALLOWED = {
    "replace": {"eid", "num", "heading", *BODY_KEYS},
    "substitute": {"eid", "find", "with", "occurrence"},
    "insert": {"after", "before", "into", "element", "num", "heading", *BODY_KEYS},
    "delete": {"eid"},
    "move": {"eid", "after", "before", "into", "num"},
    "renumber": {"eid", "num"},
}


def _operation_place(raw: dict, index: int, path: str) -> str:
    """«operation N:eId» (the first of eid, after, before, into), after checking those are eIds."""
    place = f"operation {index}"
    for key in ("eid", "after", "before", "into"):
        if key in raw and (not isinstance(raw[key], str) or not re.match(EID_PATTERN, raw[key])):
            _fail(
                f"`{key}` must be an eId, not {raw[key]!r}", path, place, "write it as in the XML, e.g. art_12__para_2"
            )
    first = next((raw[k] for k in ("eid", "after", "before", "into") if isinstance(raw.get(k), str)), None)
    return f"{place}:{first}" if first else place


def _where_fields(op: Operation, raw: dict, path: str, place: str) -> None:
    """The element changed (eid) and the position of a new or moved one (after, before, into)."""
    name = op.op
    if name in ("replace", "substitute", "delete", "move", "renumber"):
        if "eid" not in raw:
            _fail(f"{name} needs `eid`: the element it changes", path, place, "add eid: <the element's eId>")
        op.eid = raw["eid"]
    if name in ("insert", "move"):
        given = [side for side in POSITIONS if side in raw]
        if len(given) != 1:
            _fail(
                f"{name} needs exactly one of `after`, `before`, `into`"
                + (f" (got {', '.join(given)})" if given else ""),
                path,
                place,
                "say where: after: <eId>, before: <eId> or into: <eId> (at its end)",
            )
        setattr(op, given[0], raw[given[0]])


def _head_fields(op: Operation, raw: dict, path: str, place: str) -> None:
    """The new <num> and <heading>."""
    if "num" in raw:
        op.num = num_text(raw["num"])
    if "heading" in raw:
        if not isinstance(raw["heading"], str):
            _fail(f"`heading` must be text, not {what_is(raw['heading'])}", path, place, "quote it")
        op.heading = raw["heading"].strip()
    if op.op == "renumber" and op.num is None:
        _fail("renumber needs `num`: the new <num> text", path, place, 'add num: "المادة 27"')


def parse_operation(raw, index: int, path: str) -> Operation:
    if not isinstance(raw, dict):
        _fail(
            f"an operation must be a mapping, not {what_is(raw)}",
            path,
            f"operation {index}",
            "write - op: ... with its fields",
        )
    name = raw.get("op")
    if name not in OPERATIONS:
        _fail(f"`op` is {name!r}, not one of: {', '.join(OPERATIONS)}", path, f"operation {index}", "use one of them")
    place = _operation_place(raw, index, path)
    unknown = set(raw) - _ALLOWED[name] - {"op"}
    if unknown:
        _fail(
            f"unknown field(s) for {name}: {', '.join(sorted(map(str, unknown)))}",
            path,
            place,
            f"{name} takes: {', '.join(sorted(_ALLOWED[name]))}",
        )
    op = Operation(op=name, index=index)
    try:
        _where_fields(op, raw, path, place)
        _head_fields(op, raw, path, place)
        if name == "substitute":
            _substitute_fields(op, raw, path, place)
        if name in ("replace", "insert"):
            _body_fields(op, raw, path, place)
    except ContentError as exc:
        _fail(exc.message, path, place, exc.hint or "see docs/amendments.md for the forms of new text")
    return op


def _substitute_fields(op: Operation, raw: dict, path: str, place: str) -> None:
    find = raw.get("find")
    if not isinstance(find, str):
        _fail(
            "substitute needs `find`: the words to replace"
            if find is None
            else f"`find` must be text, not {what_is(find)}",
            path,
            place,
            'quote the words, e.g. find: "سنة"',
        )
    if not find.strip():
        _fail("`find` is empty", path, place, "give the words to replace")
    if "with" not in raw:
        _fail('substitute needs `with`: the new words ("" to delete them)', path, place, 'add with: "..."')
    new = raw["with"]
    if not isinstance(new, str):
        _fail(f"`with` must be text, not {what_is(new)}", path, place, 'quote the words ("" to delete them)')
    if "\n" in find.strip() or "\n" in new.strip():
        _fail(
            "`find` and `with` are words inside one paragraph: no line breaks",
            path,
            place,
            "use replace for a whole new text",
        )
    op.find, op.with_ = find.strip(), new.strip()
    if "occurrence" in raw:
        occurrence = raw["occurrence"]
        if isinstance(occurrence, bool) or not isinstance(occurrence, int) or occurrence < 1:
            _fail(
                f"`occurrence` must be a whole number from 1, not {occurrence!r}",
                path,
                place,
                "give the rank of the place meant, e.g. occurrence: 2",
            )
        op.occurrence = occurrence


def _element_field(op: Operation, raw: dict, path: str, place: str) -> None:
    """``element``: the kind of the new element (of an insertion, read from its XML if not given)."""
    if "element" in raw:
        if not isinstance(raw["element"], str) or not re.match(r"^[a-zA-Z]+$", raw["element"]):
            _fail(
                f"`element` must be an Akoma Ntoso element name, not {raw['element']!r}",
                path,
                place,
                "e.g. element: paragraph",
            )
        op.element = raw["element"]
    if op.op == "insert" and "xml" in raw and isinstance(raw["xml"], str) and not op.element:
        op.element = _xml_kind(raw["xml"])


def _body(op: Operation, kind, raw: dict):
    """The canonical body; XML that one of the text forms says exactly is written in that form
    (its num and heading then go to the operation)."""
    body = canonical_body(kind, raw)
    if body and "xml" in body:
        el = parse_fragment(body["xml"], kind)
        body = body_of(el)
        if "xml" not in body:
            op.num, op.heading = head_of(el)
    return body


def _body_fields(op: Operation, raw: dict, path: str, place: str) -> None:
    _element_field(op, raw, path, place)
    kind = op.kind
    if op.op != "insert" and isinstance(raw.get("xml"), str) and spelled_out(op.eid or "") and kind != "hcontainer":
        # «section_4» may be an hcontainer named «section»: the XML says which
        if _xml_kind(raw["xml"]) == "hcontainer":
            kind = "hcontainer"
    if op.op == "insert":
        op.element = kind
    if "xml" in raw and (op.num is not None or op.heading is not None):
        _fail(
            "`xml` is the whole element: put its num and heading inside the XML",
            path,
            place,
            "remove num/heading from the operation",
        )
    body = _body(op, kind, raw)
    if op.op == "replace" and body is None and op.num is None and op.heading is None:
        _fail(
            "replace needs the new text (text, paragraphs, points or xml), or a new num or heading",
            path,
            place,
            'add text: "..."',
        )
    if op.op == "insert":
        _check_new_element(op, kind, body, path, place)
    op.body = body


def _check_new_element(op: Operation, kind, body, path: str, place: str) -> None:
    if body is None:
        _fail("insert needs the new element's text (text, paragraphs, points or xml)", path, place, 'add text: "..."')
    if kind in ("article", "point") and "xml" not in body and op.num is None:
        label = '"المادة 9 مكررة"' if kind == "article" else '"4"'
        _fail(f"a new {kind} needs its number", path, place, f"add num: {label}")


def _xml_kind(xml: str) -> str | None:
    try:
        return local_name(parse_fragment(xml))
    except ContentError:
        return None


def load_amendment(path: str | Path) -> Amendment:
    """Read and check one amendment file."""
    found = load_file(path)
    if len(found) != 1:
        raise AmendmentError(
            f"the file holds {len(found)} amendments, this command takes one",
            path=str(path),
            hint="give a file with one amendment",
        )
    return found[0]


def load_file(path: str | Path) -> list[Amendment]:
    """The amendments of one file: one amendment, or a collection ``amendments: [...]`` (what
    ``amend import-docx`` writes); in a collection, errors name «amendment N»."""
    data = read_yaml(path)
    if isinstance(data, dict) and set(data) == {"amendments"}:
        items = data["amendments"]
        if not isinstance(items, list) or not items:
            _fail(
                "`amendments` must be a non-empty list of amendments",
                str(path),
                "amendments",
                "list the amendments under amendments:, each a mapping with id, target, ...",
            )
        return [parse_amendment(item, f"{path}:amendment {i}") for i, item in enumerate(items, start=1)]
    return [parse_amendment(data, str(path))]


def load_amendments(paths) -> list[Amendment]:
    amendments = [a for p in paths for a in load_file(p)]
    seen: dict[str, str] = {}
    for a in amendments:
        if a.id in seen:
            raise AmendmentError(
                f"the id {a.id!r} is also the id of {seen[a.id]}",
                path=a.path,
                place="id",
                hint="give each amendment its own id",
            )
        seen[a.id] = a.path
    for a in amendments:
        if a.amends and a.amends not in seen:
            raise AmendmentError(
                f"`amends` names {a.amends!r}, which is not among the amendments given",
                path=a.path,
                place="amends",
                hint="give the parent amendment's file too, or correct the id",
            )
    return amendments


# -- writing ---------------------------------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Safe dumper; multi-line text as a literal block."""


def _represent_str(dumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_multi_representer(str, _represent_str)


def _dump(data) -> str:
    return yaml.dump(
        data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1_000_000, default_flow_style=False
    )


def _comment(text: str) -> str:
    """One YAML comment line: a line break in ``text`` (a file name can hold one) would end the
    comment and let the rest be read as YAML, so breaks and control characters are shown escaped."""
    text = clean(text or "").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"# {text}" if text else "#"


def dump_amendment(
    amendment: Amendment, *, header: Sequence[str] = (), comments: dict[int, list[str]] | None = None
) -> str:
    """The amendment as YAML: ``header`` lines as comments on top, ``comments[i]`` (the wording
    of operation i) before each operation."""
    data = amendment.to_dict()
    operations = data.pop("operations")
    lines = [_comment(h) for h in header]
    lines.append(_dump(data).rstrip("\n"))
    lines.append("operations:")
    for op, raw in zip(amendment.operations, operations, strict=False):
        for comment in (comments or {}).get(op.index, []):
            lines.append("  " + _comment(comment))
        chunk = _dump([raw]).rstrip("\n")
        lines.extend("  " + line if line else line for line in chunk.split("\n"))
    return "\n".join(lines) + "\n"


def dump_amendments(amendments: list[Amendment], *, header: Sequence[str] = ()) -> str:
    """Several amendments as one collection file (``amendments:`` list), read by ``load_file``."""
    lines = [_comment(h) for h in header]
    lines.append(_dump({"amendments": [a.to_dict() for a in amendments]}).rstrip("\n"))
    return "\n".join(lines) + "\n"
