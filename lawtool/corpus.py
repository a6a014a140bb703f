"""The repository's corpus: law/ and bills/, laid out by FRBR URI.

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

import os
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

CORPUS_DIRS = ("law", "bills")


def shared_dir(root: Path) -> Path:
    env = os.environ.get("LAWTOOL_SHARED")
    return Path(env) if env else (root.resolve().parent / "shared")


def load_yaml(path: Path):
    import yaml
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(f"not valid YAML: {getattr(exc, 'problem', exc)}", path=str(path),
                         place=mark.line + 1 if mark else None, hint="fix the YAML syntax") from None


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
            data = load_yaml(path) or {}
            for spec in data.get("expressions", []):
                specs.append((path, spec))
    return specs


def resolve_source(root: Path, yaml_path: Path, source: str) -> Path:
    """The source file of an import spec; it must stay inside the repository or the shared folder
    (an import.yaml is data anyone can propose: it must not read /etc/passwd)."""
    if not isinstance(source, str) or not source:
        raise InputError("the expression has no 'source'", path=str(yaml_path), hint="give the source text's path")
    if source.startswith("shared:"):
        base = shared_dir(root).resolve()
        path = (base / source[len("shared:"):]).resolve()
    else:
        base = Path(root).resolve()
        path = (yaml_path.parent / source).resolve()
    if not path.is_relative_to(base):
        raise InputError(f"source {source!r} leads outside {'the shared folder' if source.startswith('shared:') else 'the repository'}",
                         path=str(yaml_path), hint="keep sources inside the repository or use shared:...")
    return path


def build_one(root: Path, yaml_path: Path, spec: dict):
    from .frbr import FrbrUri
    from .importer import Correction, import_text, read_source
    uri = FrbrUri.parse(spec["expression"])
    source = resolve_source(root, yaml_path, spec["source"])
    corrections = [Correction(**c) for c in spec.get("corrections", [])]
    document, report = import_text(read_source(source), uri, doctype=spec.get("doctype", "act"),
                                   source_name=str(source), work_date=str(spec.get("work_date") or "") or None,
                                   title=spec.get("title"), publication=spec.get("publication"),
                                   corrections=corrections, notice=spec.get("notice"),
                                   repair=spec.get("repair", True),
                                   numbering_gaps=spec.get("numbering_gaps"))
    if spec.get("definitions"):
        # optional stage: mark the definitions and link the defined terms (lawtool.gaps.definitions)
        from .gaps.definitions import link_definitions
        link_definitions(document)
    if spec.get("xref"):  # optional stage: mark the cross-references as ref/rref (lawtool.xref.mark)
        from .xref.mark import corpus_for, mark_document
        mark_document(document, corpus_for(root))
    top = yaml_path.relative_to(root).parts[0]
    target = root / top / uri.relative_path()
    return target, document, report


def build_amended(root: Path, yaml_path: Path, spec: dict, built: dict):
    """An expression made by applying amendments to an earlier one: ``amended: <recipe.yaml>``
    names the recipe (``from``: the earlier expression's file, ``amendments``: a glob, ``status``,
    ``date``, ``notice``).  The earlier expression is taken as just built in this run."""
    from .akn import Document
    from .amend import apply_amendments, load_amendments, select
    from .frbr import FrbrUri
    from .importer import ImportReport
    recipe_path = resolve_source(root, yaml_path, spec["amended"])
    recipe = load_yaml(recipe_path) or {}
    folder = yaml_path.parent
    base_path = (folder / str(recipe["from"])).resolve()
    base = built.get(base_path) or Document.load(base_path)
    base = Document.from_bytes(base.to_bytes(), str(base_path))
    paths = sorted(folder.glob(str(recipe["amendments"])))
    amendments = select(load_amendments(paths), recipe.get("status")) if recipe.get("status") else load_amendments(paths)
    result = apply_amendments(base, amendments, date=str(recipe["date"]), notice=recipe.get("notice"))
    uri = FrbrUri.parse(spec["expression"])
    target = root / yaml_path.relative_to(root).parts[0] / uri.relative_path()
    report = ImportReport(source=str(recipe_path))
    return target, result.document, report


def build_corpus(root: Path, *, write: bool = True, with_diff: bool = False):
    """Re-import every expression (and re-apply the amendments of those made by amendment); write
    the files that change (atomically) unless ``write`` is false; ``with_diff`` gives a unified diff
    of each change."""
    import difflib
    root = Path(root)
    built: dict[Path, object] = {}
    for yaml_path, spec in import_specs(root):
        if spec.get("amended"):
            target, document, report = build_amended(root, yaml_path, spec, built)
        else:
            target, document, report = build_one(root, yaml_path, spec)
        built[target.resolve()] = document
        data = document.to_bytes()
        old = target.read_bytes() if target.exists() else b""
        changed = old != data
        diff = ""
        if with_diff and changed:
            name = str(target.relative_to(root))
            diff = "".join(difflib.unified_diff(old.decode("utf-8").splitlines(keepends=True),
                                                data.decode("utf-8").splitlines(keepends=True),
                                                f"a/{name}", f"b/{name}", n=1))
        if write and changed:
            document.save(target)
        rep = report.as_dict()
        yield BuildResult(str(target.relative_to(root)), changed, len(document.articles()),
                          rep["repairs_total"], len(report.uncertain), rep, diff)


def corpus_files(root: Path) -> list[Path]:
    """The expressions of law/ and bills/: regular *.xml files, never through a symbolic link."""
    from .outputs import regular_files
    return sorted(p for top in CORPUS_DIRS for p in regular_files(Path(root) / top) if p.suffix == ".xml")


def summary(root: Path) -> list[dict]:
    from .akn import Document
    rows = []
    for path in corpus_files(root):
        document = Document.load(path)
        rows.append({"path": str(path.relative_to(root)), "title": document.title,
                     "frbr_uri": str(document.frbr_expression), "date": document.expression_date,
                     "counts": document.counts(), "articles": len(document.articles())})
    return rows
