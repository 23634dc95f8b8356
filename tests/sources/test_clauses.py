"""Clause markers (notices/sources/clauses.py): found with their lines, a page cut at them, points under headings."""

from __future__ import annotations

from notices.sources.clauses import points_under_headings, scan, split

SAMPLE = """# Title {#top}

Intro line.

## Who we are {#who-we-are}

We are a company.

Para with an id
{: #para-id }

{% include "contact.md" %}

## Unmarked heading

```
## Not a heading {#inside-fence}
```

{: #stray }

## Bad {#Bad_Id}
"""


def test_scan_finds_clauses_includes_and_mistakes_with_their_lines():
    found = [(m.kind, m.line, m.value) for m in scan(SAMPLE)]
    assert found == [("clause", 1, "top"), ("clause", 5, "who-we-are"), ("clause", 9, "para-id"),
                     ("include", 12, "contact.md"), ("unmarked-heading", 14, ""), ("stray-id", 20, "stray"),
                     ("bad-id", 22, "Bad_Id")]
    paragraph = [m for m in scan(SAMPLE) if m.value == "para-id"][0]
    assert paragraph.label == "Para with an id"


def test_split_cuts_a_page_at_its_clauses_and_keeps_the_text_before_the_first():
    pieces = split("Preface.\n\n## A {#a}\n\none\n\n## B {#b}\n\ntwo\n")
    assert pieces == [("", "Preface."), ("a", "## A {#a}\n\none"), ("b", "## B {#b}\n\ntwo")]
    assert split("no clause at all\n") == [("", "no clause at all")]


def test_a_long_paragraph_is_labelled_by_its_first_words():
    marker = scan("one two three four five six seven eight nine ten\n{: #long }\n")[0]
    assert marker.label == "one two three four five six seven eight …"


def test_numbered_points_are_listed_under_their_heading():
    text = ("1\\. Before any heading.\n{: #first }\n\n# Title {#title}\n\n## 3. Processing {#processing}\n\n"
            "3.1. Contact requests.\n{: #contact-requests }\n\nNo id here.\n\n3.2 Legal obligations.\n"
            "{: #legal-obligations }\n\n### 3.6. Categories {#categories}\n")
    points = points_under_headings(text)
    assert {heading: [c.id for c in found] for heading, found in points.items()} == {
        "": ["first"], "processing": ["contact-requests", "legal-obligations"]}
    assert points["processing"][0].label == "3.1. Contact requests."
