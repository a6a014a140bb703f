"""The gaps stage: definitions, gap rules, checklist coverage, penalties.

    matching.py     Arabic-aware phrase matching (clitics, article, endings, spelling variants)
    definitions.py  find definitions, mark <def>/<TLCConcept>, link <term> (link_definitions)
    sources.py      AKN documents and plain texts cut into units and blocks
    coverage.py     concept × document: defined / criminalised / provided / missing
    rules.py        findings: unused, undefined, inconsistent, differing, missing definitions
    penalties.py    prison and fine ranges, alternatives, aggravations; comparison with a bill
    report.py       runs them, renders JSON and Markdown, builds reports/

Reads AKN and writes AKN (definitions) or reports; never prints.  See docs/gaps.md.
"""
