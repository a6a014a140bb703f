"""The gaps stage: definitions, gap rules, checklist coverage, penalties.

    matching.py     Arabic-aware phrase matching (clitics, article, endings, spelling variants)
    definitions.py  find definitions, mark <def>/<TLCConcept>, link <term> (link_definitions)
    sources.py      AKN documents and plain texts cut into units and blocks
    elements.py     concept elements (data/concept-elements.yaml) and the light stemmer that matches them
    coverage.py     concept × document cells; evidence.py: kinds, articles, phrase, borderline, reviews
    annotation.py   a hand annotation against the suggestions: cells to review, agreement
    rules.py        findings: unused, undefined, inconsistent, differing, missing definitions
    penalties.py    prison and fine ranges, alternatives, aggravations, additional penalties; comparison
    ceilings.py     the longest maximum of an article with its basis; the claims made from them
    wording_ar.py   penalties in Arabic as the laws write them
    consistency.py  the same conduct punished twice, aggravations that do not aggravate, disproportion ...
    report.py       runs them, renders JSON and Markdown, builds reports/

Reads AKN and writes AKN (definitions) or reports; never prints.  See docs/gaps.md.
"""
