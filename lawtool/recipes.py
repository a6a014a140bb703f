"""The recipes of the repository's corpus: law/ and bills/, laid out by FRBR URI, made from their sources.

    law/ma/act/2018/103-13/ara@2018-03-12.xml          an expression
    law/ma/act/2018/103-13/import.yaml                 how it is made from its official source
    bills/ma/bill/2024/digital-violence/ara@2024-05-14.xml

``import.yaml`` lists the expressions of the work, each with its source text, metadata and the
corrections the importer cannot make by itself; ``lawtool corpus build`` re-imports them all,
so law/ is reproducible from the raw texts with one command.  A source written
``shared:sources/...`` is looked up in the shared folder (``$LAWTOOL_SHARED``, else ``../shared``
beside the repository); any other source path is relative to the import.yaml's folder.
"""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass
from pathlib import Path

from .akn import Document
from .amend import apply_amendments, load_amendments, select
from .corpus import CORPUS_DIRS, Corpus, load_yaml, shared_dir
from .errors import InputError
from .frbr import FrbrUri
from .gaps.definitions import link_definitions
from .importer import Correction, ImportReport, import_text, read_source
from .outputs import inside
from .xref.mark import corpus_for, mark_document


@dataclass
class BuildResult:
    path: str
    changed: bool
    articles: int
    repairs: int
    uncertain: int
    report: dict
    diff: str = ""


def import_specs(root: Path) -> list[tuple[Path, dict]]:
    specs = []
    for top in CORPUS_DIRS:
        for path in sorted((root / top).rglob("import.yaml")):
            specs += [(path, spec) for spec in read_import_yaml(path)]
    return specs


# The fields of an expression in import.yaml, and the type each must have (docs/corpus.md).
_DATE = (str, _dt.date)
SPEC_FIELDS: dict[str, tuple] = {
    "expression": (str,),
    "doctype": (str,),
    "source": (str,),
    "amended": (str,),
    "work_date": _DATE,
    "title": (str,),
    "notice": (str,),
    "publication": (dict,),
    "numbering_gaps": (str,),
    "corrections": (list,),
    "repair": (bool,),
    "definitions": (bool,),
    "xref": (bool,),
    "divergences": (list,),
}  # a record for readers (where editions of a text differ); the importer ignores it
CORRECTION_FIELDS: dict[str, tuple] = {
    "line": (int,),
    "find": (str,),
    "replace": (str,),
    "why": (str,),
    "certain": (bool,),
}
PUBLICATION_FIELDS: dict[str, tuple] = {"date": _DATE, "name": (str,), "number": (str, int), "showAs": (str,)}


def _check_fields(value, fields: dict[str, tuple], required: tuple[str, ...], path: Path, where: str) -> None:
    if not isinstance(value, dict):
        raise InputError(f"{where} is not a mapping of fields", path=str(path), hint="see docs/corpus.md")
    for name, item in value.items():
        if name not in fields:
            raise InputError(
                f"{where}: unknown field {name!r}", path=str(path), hint="use one of: " + ", ".join(fields)
            )
        if isinstance(item, bool) and bool not in fields[name] or not isinstance(item, fields[name]):
            kinds = " or ".join("a date" if t is _dt.date else t.__name__ for t in fields[name])
            raise InputError(
                f"{where}: {name} must be {kinds}, not {type(item).__name__}", path=str(path), hint="see docs/corpus.md"
            )
    for name in required:
        if name not in value:
            raise InputError(f"{where}: no {name!r} given", path=str(path), hint=f"add {name}: to it")


def read_import_yaml(path: Path) -> list[dict]:
    """The expressions of an import.yaml, every field checked for its type (never a traceback
    on a hand-written file)."""
    return import_expressions(load_yaml(path) or {}, path)


def import_expressions(data, path: Path) -> list[dict]:
    """The expressions of an import.yaml's data, checked (``path`` names the file in errors)."""
    if not isinstance(data, dict) or not isinstance(data.get("expressions", []), list):
        raise InputError(
            "an import.yaml is a mapping with a list of expressions",
            path=str(path),
            hint="write expressions: then one «- expression: ...» per expression",
        )
    specs = data.get("expressions") or []
    for n, spec in enumerate(specs, 1):
        where = f"expression {n}"
        _check_fields(spec, SPEC_FIELDS, ("expression",), path, where)
        for m, correction in enumerate(spec.get("corrections") or [], 1):
            _check_fields(correction, CORRECTION_FIELDS, ("line", "find", "replace"), path, f"{where}, correction {m}")
        if "publication" in spec:
            _check_fields(spec["publication"], PUBLICATION_FIELDS, (), path, f"{where}, publication")
    return specs


def resolve_source(root: Path, yaml_path: Path, source: object) -> Path:
    """The source file of an import spec; it must stay inside the repository or the shared folder
    (an import.yaml is data anyone can propose: it must not read /etc/passwd)."""
    if not isinstance(source, str) or not source:
        raise InputError("the expression has no 'source'", path=str(yaml_path), hint="give the source text's path")
    if source.startswith("shared:"):
        base = shared_dir(root).resolve()
        path = (base / source[len("shared:") :]).resolve()
    else:
        base = Path(root).resolve()
        path = (yaml_path.parent / source).resolve()
    if not path.is_relative_to(base):
        raise InputError(
            f"source {source!r} leads outside {'the shared folder' if source.startswith('shared:') else 'the repository'}",
            path=str(yaml_path),
            hint="keep sources inside the repository or use shared:...",
        )
    return path


def _field(spec: dict, name: str, where: Path) -> str:
    value = spec.get(name) if isinstance(spec, dict) else None
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"no {name!r} given", path=str(where), hint=f"add {name}: to it")
    return value.strip()


def repo_path(root: Path, yaml_path: Path, value: str, what: str) -> Path:
    """A path of a recipe (relative to the import.yaml's folder), resolved: it must stay inside the
    repository (links resolved)."""
    base = Path(root).resolve()
    path = (yaml_path.parent / value).resolve()
    if Path(value).is_absolute() or not path.is_relative_to(base):
        raise InputError(
            f"{what} {value!r} leads outside the repository",
            path=str(yaml_path),
            hint="give a path inside the repository, relative to the import.yaml's folder",
        )
    return path


def target_of(root: Path, yaml_path: Path, spec: dict) -> Path:
    """Where an expression of an import.yaml is written: law/ or bills/ + its FRBR relative path
    (checked to stay in that folder)."""

    uri = FrbrUri.parse(_field(spec, "expression", yaml_path))
    top = yaml_path.relative_to(root).parts[0]
    return inside(Path(root) / top, uri.relative_path(), what="expression path")


def _not_an_output(path: Path, outputs, yaml_path: Path, what: str) -> None:
    if outputs and path.resolve() in outputs:
        raise InputError(
            f"the {what} {path.name} is one of the files corpus build writes",
            path=str(yaml_path),
            hint=f"give the {what} its own file (an import source is a .txt text, never an expression)",
        )


def build_one(root: Path, yaml_path: Path, spec: dict, outputs=None):
    """Import one expression of an import.yaml: (target path, document, report).  ``outputs``: the
    files the build writes (a source must not be one of them)."""

    uri = FrbrUri.parse(_field(spec, "expression", yaml_path))
    target = target_of(root, yaml_path, spec)
    source = resolve_source(root, yaml_path, spec.get("source"))
    _not_an_output(source, (outputs or set()) | {target.resolve()}, yaml_path, "source")
    corrections = [Correction(**c) for c in spec.get("corrections", [])]
    document, report = import_text(
        read_source(source),
        uri,
        doctype=spec.get("doctype", "act"),
        source_name=str(source),
        work_date=str(spec.get("work_date") or "") or None,
        title=spec.get("title"),
        publication=spec.get("publication"),
        corrections=corrections,
        notice=spec.get("notice"),
        repair=spec.get("repair", True),
        numbering_gaps=spec.get("numbering_gaps"),
    )
    if spec.get("definitions"):
        # optional stage: mark the definitions and link the defined terms (lawtool.gaps.definitions)

        link_definitions(document)
    if spec.get("xref"):  # optional stage: mark the cross-references as ref/rref (lawtool.xref.mark)
        mark_document(document, corpus_for(root))
    return target, document, report


def build_amended(root: Path, yaml_path: Path, spec: dict, built: dict, outputs=None):
    """An expression made by applying amendments to an earlier one: ``amended: <recipe.yaml>``
    names the recipe (``from``: the earlier expression's file, ``amendments``: a glob, ``status``,
    ``date``, ``notice``).  The earlier expression is taken as just built in this run.  Every path
    of the recipe stays inside the repository; none is the expression being made."""

    target = target_of(root, yaml_path, spec)
    recipe_path = resolve_source(root, yaml_path, spec["amended"])
    _not_an_output(recipe_path, outputs, yaml_path, "recipe")
    recipe = load_yaml(recipe_path) or {}
    if not isinstance(recipe, dict):
        raise InputError("the recipe is not a mapping", path=str(recipe_path), hint="give from:, amendments:, date:")
    base_path = repo_path(root, yaml_path, _field(recipe, "from", recipe_path), "from:")
    if base_path == target.resolve():
        raise InputError(
            "the recipe's from: is the expression it makes",
            path=str(recipe_path),
            hint="from: names the earlier expression",
        )
    pattern = _field(recipe, "amendments", recipe_path)
    if Path(pattern).is_absolute() or ".." in Path(pattern).parts:
        raise InputError(
            f"amendments: {pattern!r} leads outside the repository",
            path=str(recipe_path),
            hint="give a pattern relative to the import.yaml's folder, without '..'",
        )
    folder = yaml_path.parent
    paths = sorted(folder.glob(pattern))
    for path in paths:
        repo_path(root, yaml_path, str(path.relative_to(folder)), "amendments:")
        _not_an_output(path, outputs, yaml_path, "amendment")
    base = built.get(base_path) or Document.load(base_path)
    base = Document.from_bytes(base.to_bytes(), str(base_path))
    amendments = (
        select(load_amendments(paths), recipe.get("status")) if recipe.get("status") else load_amendments(paths)
    )
    if recipe.get("date") in (None, ""):
        raise InputError("no 'date' given", path=str(recipe_path), hint="add date: YYYY-MM-DD to it")
    result = apply_amendments(base, amendments, date=str(recipe["date"]), notice=recipe.get("notice"))
    report = ImportReport(source=str(recipe_path))
    return target, result.document, report


def build_corpus(root: Path, *, write: bool = True, with_diff: bool = False):
    """Re-import every expression (and re-apply the amendments of those made by amendment); write
    the files that change (atomically) unless ``write`` is false; ``with_diff`` gives a unified diff
    of each change."""
    import difflib

    root = Path(root)
    built: dict[Path, object] = {}
    specs = import_specs(root)
    outputs = {target_of(root, yaml_path, spec).resolve() for yaml_path, spec in specs}
    for yaml_path, spec in specs:
        if not isinstance(spec, dict):
            raise InputError(
                "an entry of expressions: is not a mapping",
                path=str(yaml_path),
                hint="give expression:, source: ... for each expression",
            )
        if spec.get("amended"):
            target, document, report = build_amended(root, yaml_path, spec, built, outputs)
        else:
            target, document, report = build_one(root, yaml_path, spec, outputs)
        built[target.resolve()] = document
        data = document.to_bytes()
        old = target.read_bytes() if target.exists() else b""
        changed = old != data
        diff = ""
        if with_diff and changed:
            name = os.path.relpath(target, root)
            diff = "".join(
                difflib.unified_diff(
                    old.decode("utf-8").splitlines(keepends=True),
                    data.decode("utf-8").splitlines(keepends=True),
                    f"a/{name}",
                    f"b/{name}",
                    n=1,
                )
            )
        if write and changed:
            document.save(target)
        rep = report.to_dict()
        yield BuildResult(
            os.path.relpath(target, root),
            changed,
            len(document.articles()),
            rep["repairs_total"],
            len(report.uncertain),
            rep,
            diff,
        )


def summary(root: Path) -> list[dict]:

    corpus = Corpus(root)
    rows = []
    for path in corpus.files:
        document = corpus.document(path)
        rows.append(
            {
                "path": str(path.relative_to(root)),
                "title": document.title,
                "frbr_uri": str(document.frbr_expression),
                "date": document.expression_date,
                "counts": document.counts(),
                "articles": len(document.articles()),
            }
        )
    return rows
