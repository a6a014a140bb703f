"""FRBR URIs as immutable values.

    /akn/ma/act/2018/103-13                      work
    /akn/ma/act/2018/103-13/ara@2018-03-12       expression (language always explicit)
    /akn/ma/act/2018/103-13/ara@2018-03-12.xml   manifestation
    /akn/ma/act/1962/1-59-413/ara@2024-08-22/~art_447-1   portion

``FrbrUri.parse(str(u)) == u`` for every value.  Unlike cobalt's mutable ``FrbrUri``
(which silently fills a missing language with ``eng``), a value here never changes
and a missing language stays missing until the caller says which one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .errors import FrbrError
from .outputs import unsafe_part

# The FRBR date of a text whose heading gives no date (an import's placeholder: no Moroccan text of
# the corpus is that old); the site files such a text under «بلا سنة», not under 1900.
UNKNOWN_DATE = "1900-01-01"

_URI = re.compile(
    r"""^/akn
    /(?P<country>[a-z]{2}(?:-[a-z0-9]+)?)          # country, optional locality: ma, za-jhb
    /(?P<doctype>[a-zA-Z]+)                        # act, bill, amendment, ...
    (?:/(?P<subtype>[a-z][a-z0-9-]*))?              # optional subtype (never starts with a digit)
    (?:/(?P<actor>[a-z][a-z0-9-]*))?                # optional actor
    /(?P<date>\d{4}(?:-\d{2}(?:-\d{2})?)?)          # work date: YYYY[-MM[-DD]]
    /(?P<number>[^/~!@]+?)                          # work number: 103-13, 1-59-413, digital-violence
    (?:/(?P<language>[a-z]{3})                      # expression language: ara, fra
        (?P<at>@(?P<expression_date>\d{4}-\d{2}-\d{2})?)?   # @date, or a bare @ (first expression)
    )?
    (?:/!(?P<component>[^/~.]+))?                   # expression component: /!main
    (?:/?~(?P<portion>[^/.]+))?                     # portion: /~art_447-1 (or !main~part_1)
    (?:\.(?P<format>xml|html|pdf|json|txt|docx|akn))?   # manifestation format
    $""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class FrbrUri:
    country: str
    doctype: str
    date: str
    number: str
    subtype: str | None = None
    actor: str | None = None
    language: str | None = None
    expression_date: str | None = None
    component: str | None = None
    portion: str | None = None
    format: str | None = None
    raw: str | None = None  # a URI of another shape, read by ``loose``: its work part as written

    @classmethod
    def parse(cls, text: str) -> FrbrUri:
        text = text.strip()
        match = _URI.match(text)
        if not match:
            raise FrbrError(
                f"not an Akoma Ntoso FRBR URI: {text!r}",
                hint="expected /akn/<country>/<doctype>/<year>/<number>[/<lang>@<date>], "
                "e.g. /akn/ma/act/2018/103-13/ara@2018-03-12",
            )
        parts = match.groupdict()
        # the number becomes a folder of law/, bills/ and the site: it must be a safe path part

        reason = unsafe_part(parts["number"])
        if reason:
            raise FrbrError(
                f"unsafe FRBR URI {text!r}: its number {parts['number']!r} {reason}",
                hint="a work number is made of letters, digits, '-' and '_' (103-13, 1-59-413)",
            )
        for key in ("date", "expression_date"):
            if parts[key] and len(parts[key]) == 10 and not real_date(parts[key]):
                raise FrbrError(
                    f"the FRBR URI {text!r} has the date {parts[key]}, which does not exist",
                    hint="write a real date, YYYY-MM-DD",
                )
        # A bare "@" in "ara@" means the first expression; keep it as an empty date.
        if parts.pop("at") == "@" and parts["expression_date"] is None:
            parts["expression_date"] = ""
        return cls(**parts)

    @classmethod
    def loose(cls, text: str) -> FrbrUri:
        """Read a URI of a shape ``parse`` refuses (a two-letter language, a missing date, an
        ELI or a national form): the work is what comes before ``<lang>@``, kept as written;
        the fields are filled as far as they can be.  Never raises."""
        core, _, portion = text.strip().partition("~")
        core = re.sub(r"(/!\w[^/]*|\.(?:xml|html|pdf|json|txt|akn))+$", "", core.rstrip("/")).rstrip("/")
        segments = core.split("/")
        at = next((k for k, seg in enumerate(segments) if k and re.fullmatch(r"[a-z]{2,3}@[\w-]*", seg)), None)
        language = date = None
        if at is not None:
            language, date = segments[at].split("@", 1)
            segments = segments[:at]
        work = "/".join(segments) or text.strip()
        akn = segments[1:2] == ["akn"]
        dates = [seg for seg in segments if re.fullmatch(r"\d{4}(-\d{2}){0,2}", seg)]
        return cls(
            country=segments[2] if akn and len(segments) > 2 else "",
            doctype=segments[3] if akn and len(segments) > 3 else "",
            date=dates[0] if dates else "",
            number=segments[-1],
            language=language,
            expression_date=date,
            portion=portion.lstrip("/") or None,
            raw=work,
        )

    # -- the levels -------------------------------------------------------------------------------
    def work_uri(self) -> str:
        if self.raw:
            return self.raw
        pieces = ["", "akn", self.country, self.doctype]
        pieces += [p for p in (self.subtype, self.actor) if p]
        pieces += [self.date, self.number]
        return "/".join(pieces)

    def expression_uri(self) -> str:
        if not self.language:
            raise FrbrError(f"{self.work_uri()} has no language", hint="give the language explicitly, e.g. ara or fra")
        uri = f"{self.work_uri()}/{self.language}"
        if self.expression_date is not None:
            uri += f"@{self.expression_date}"
        return uri

    def manifestation_uri(self, fmt: str = "xml") -> str:
        return f"{self.expression_uri()}.{fmt}"

    @property
    def work(self) -> FrbrUri:
        return FrbrUri(self.country, self.doctype, self.date, self.number, self.subtype, self.actor, raw=self.raw)

    @property
    def expression(self) -> FrbrUri:
        return replace(self, component=None, portion=None, format=None)

    def with_portion(self, portion: str | None) -> FrbrUri:
        return replace(self, portion=portion)

    def with_expression(self, language: str | None, date: str | None) -> FrbrUri:
        return replace(self, language=language, expression_date=date)

    @property
    def year(self) -> str:
        return self.date[:4]

    def __str__(self) -> str:
        uri = self.work_uri()
        if self.language:
            uri = self.expression_uri()
        if self.component:
            uri += f"/!{self.component}"
        if self.portion:
            uri += f"/~{self.portion}"
        if self.format:
            uri += f".{self.format}"
        return uri

    def relative_path(self) -> str:
        """Where the expression lives under law/ or bills/: ma/act/2018/103-13/ara@2018-03-12.xml."""
        work = self.work_uri()[len("/akn/") :]
        if not self.language:
            return work
        name = self.language + (f"@{self.expression_date}" if self.expression_date else "")
        return f"{work}/{name}.xml"


def real_date(text: str) -> bool:
    """``text`` is a YYYY-MM-DD date of the calendar (not 2025-02-30)."""
    import datetime

    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10
