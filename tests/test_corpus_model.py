"""The one Corpus (lawtool.corpus): one walk, each document parsed once, the indexes as views made
once, the corpus build folder read beside law/ and bills/, the disk cache keyed on the files' bytes."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import REPO, SHARED

from lawtool.corpus import Corpus, corpus_files
from lawtool.corpus_import import Options, import_one
from lawtool.errors import InputError
from lawtool.publish.index import site_index
from lawtool.xref.index import backlinks
from lawtool.xref.resolve import ArticleIndex

PENAL_CODE = "/akn/ma/act/1962/1-59-413"
LAW_103_13 = "/akn/ma/act/2018/103-13"


def test_the_corpus_is_the_files_of_law_and_bills_each_parsed_once():
    corpus = Corpus(REPO)
    assert corpus.files == corpus_files(REPO)
    assert {p.relative_to(REPO).parts[0] for p in corpus.files} == {"law", "bills"}
    first = corpus.files[0]
    assert corpus.document(first) is corpus.document(first)
    kinds = {corpus.kind_of(p) for p in corpus.files}
    assert kinds == {"law", "bill"}


def test_every_index_is_a_view_made_once_over_the_same_documents():
    corpus = Corpus(REPO)
    articles = ArticleIndex.of(corpus)
    assert ArticleIndex.of(corpus) is articles
    assert "447-1" in articles.get(PENAL_CODE).order
    site = site_index(corpus)
    assert site_index(corpus) is site
    # the site reads the documents the corpus parsed: no second parse
    penal = next(e for e in site.expressions if e.work_uri == PENAL_CODE)
    assert penal.document is corpus.document(REPO / penal.path)
    cited = backlinks(corpus)["cited_by"]
    assert any(key.startswith(PENAL_CODE + "/~art_") for key in cited)


def test_a_broken_file_is_left_out_of_the_article_view_and_named_when_asked_for(tmp_path):
    for top in ("law", "bills"):
        shutil.copytree(REPO / top, tmp_path / top)
    broken = tmp_path / "law/ma/act/2099/1-1/ara@2099-01-01.xml"
    broken.parent.mkdir(parents=True)
    broken.write_text("<akomaNtoso><act>", encoding="utf-8")
    corpus = Corpus(tmp_path)
    assert broken in corpus.files
    assert ArticleIndex.of(corpus).get(PENAL_CODE) is not None
    with pytest.raises(InputError) as error:
        corpus.document(broken)
    assert str(broken) in str(error.value)


def test_the_disk_cache_is_keyed_on_the_files_bytes(tmp_path):
    for top in ("law", "bills"):
        shutil.copytree(REPO / top, tmp_path / top)
    calls = []

    def make():
        calls.append(1)
        return {"n": len(calls)}

    assert Corpus(tmp_path).cached("probe", make) == {"n": 1}
    assert Corpus(tmp_path).cached("probe", make) == {"n": 1}  # the same bytes: read back
    bill = next(p for p in corpus_files(tmp_path) if p.relative_to(tmp_path).parts[0] == "bills")
    bill.write_bytes(bill.read_bytes() + b"\n")
    assert Corpus(tmp_path).cached("probe", make) == {"n": 2}  # a file changed: made again
    assert len(list((tmp_path / "build/cache").glob("probe-*.json"))) == 1  # the old one removed


@pytest.mark.skipif(not (SHARED / "sources/adala/corpus").is_dir(), reason="the shared Adala corpus is not here")
def test_the_build_folder_is_read_beside_law_and_bills(tmp_path):
    """Two corpus texts imported into a build folder: one new text, and Adala's copy of Law 103.13,
    whose work is in law/ (left out: the repository's text wins, and the progress says so)."""
    out = tmp_path / "corpus"
    sources = SHARED / "sources/adala"
    entries = [
        import_one(sources / "corpus/ma-adala-food-safety-268.txt", Options(out=out, spelling=False, schema=False)),
        import_one(sources / "law-103-13.ar.txt", Options(out=out, spelling=False, schema=False)),
    ]
    (out / "report.json").write_text(json.dumps({"texts": entries}, ensure_ascii=False), encoding="utf-8")
    said: list[str] = []
    corpus = Corpus(REPO, out)
    texts = corpus.build_texts(said.append)
    assert corpus.build_texts() is texts  # read once
    assert [t.text.source for t in texts] == ["ma-adala-food-safety-268.txt"]
    assert any(LAW_103_13 in line and "already in law/" in line for line in said)
    with_build = ArticleIndex.of(corpus, with_build_folder=True)
    assert with_build is not ArticleIndex.of(corpus)
    new_work = texts[0].document.frbr_work.work_uri()
    assert with_build.get(new_work) is not None and ArticleIndex.of(corpus).get(new_work) is None


def test_a_folder_without_report_is_refused_with_its_name(tmp_path):
    with pytest.raises(InputError) as error:
        Corpus(REPO, tmp_path).build_texts()
    assert str(tmp_path) in str(error.value) and "report.json" in str(error.value)
