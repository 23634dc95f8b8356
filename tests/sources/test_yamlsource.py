"""The source stage's functions, in this process on small texts: YAML, parser errors, clauses, plain text, the cache."""

from __future__ import annotations

import json

import pytest
import yaml

from notices.sources.cache import Cache
from notices.sources.clauses import points_under_headings, scan, split
from notices.sources.deploy_record import MAX_BYTES, parse_record, read_record
from notices.sources.pages import read_page
from notices.sources.plain_errors import template_problem
from notices.sources.problems import Problem, SourceError, display_path
from notices.sources.template_language import TooMuch, bounded, link
from notices.sources.text import label_text, plain_text, web_address
from notices.sources.yamlsource import load_yaml, parse_yaml, read_source


def yaml_error(text: str, **options) -> str:
    """The one problem parsing `text` as data.yml gives, as printed."""
    with pytest.raises(SourceError) as caught:
        parse_yaml(text, "data.yml", **options)
    assert len(caught.value.problems) == 1
    return str(caught.value.problems[0])


def test_every_value_keeps_its_line_and_a_missing_key_points_at_its_parent():
    data = parse_yaml("a: 1\nb:\n  c: x\n  d: [1, 2]\n", "data.yml", first_line=10)
    assert data.data == {"a": 1, "b": {"c": "x", "d": [1, 2]}}
    assert (data.line("a"), data.line("b.c"), data.line("b.d.1")) == (10, 12, 13)
    # A group's line is that of its first key; a key it lacks is looked for there.
    assert data.line("b") == 12 and data.line("b.nothing") == 12 and data.line("nothing") == 1


@pytest.mark.parametrize("fast", [True, False], ids=["libyaml", "pyyaml"])
def test_text_only_reads_every_value_as_written(fast, monkeypatch):
    if not fast:  # a text with a control character goes to PyYAML alone: both parsers must agree
        monkeypatch.setattr("notices.sources.yamlsource.FAST_LOADER", yaml.SafeLoader)
    data = parse_yaml("answer: No\nphone: 01234567\nday: 2026-01-10\nempty:\ntilde: ~\nnull: null\nquoted: ''\n"
                      "word: 'null'\n", "x.yml", text_only=True)
    assert data.data == {"answer": "No", "phone": "01234567", "day": "2026-01-10", "empty": None, "tilde": None,
                         "null": None, "quoted": "", "word": "null"}
    assert parse_yaml("answer: No\n", "x.yml").data == {"answer": False}  # YAML 1.1 without text_only


def test_application_tags_are_read_as_text_only_when_asked():
    assert parse_yaml("dir: !relative $config_dir/x\n", "m.yml", application_tags=True).data == {
        "dir": "$config_dir/x"}
    assert yaml_error("x: !ENV HOME\n").startswith("data.yml:1: YAML value not allowed here")


@pytest.mark.parametrize("text, line, words", [
    ('a: 1\nb: "open\nc: 2\n', 2, 'this line opens a quote (") that it never closes'),
    ("a: 1\nb:\n\t- x\n", 3, "a tab is used for indenting"),
    ("a:\n  b: 1\n c: 2\n", 3, "this line is indented differently from the lines around it"),
    ("a: [1, 2\nb: 3\n", 1, "a list or group opened with [ or { on this line is not closed"),
    ("a: 1\nb: x: y\n", 2, "this line is indented differently"),
    ("a: 1\nb\nc: 2\n", 3, "this line is not 'key: value'"),
    ("a: &x 1\nb: *x\n", 1, "anchors and aliases (&name, *name) are not used in these files"),
    ("a: 1\na: 2\n", 2, "'a' is given twice (first at line 1): keep one"),
    ("? [a, b]\n: 1\n", 1, "a key must be a plain name"),
    ("day: 2026-13-45\n", 1, "'2026-13-45' is not a valid value"),
    ("x: !!python/name:os.system y\n", 1, "YAML tag !!python/name:os.system is not used here"),
    ("x: \x07\n", 1, "YAML syntax: unacceptable character"),
])
def test_a_yaml_mistake_is_named_at_its_line_in_words(text, line, words):
    message = yaml_error(text, text_only="python" in text)
    assert message.startswith(f"data.yml:{line}: "), message
    assert words in message
    assert "expected <" not in message and "Traceback" not in message


def test_an_empty_document_is_an_empty_mapping():
    assert parse_yaml("# only a comment\n", "x.yml").data == {}


def test_reading_a_source_names_what_is_wrong_with_the_file(tmp_path):
    def problem(path) -> str:
        with pytest.raises(SourceError) as caught:
            read_source(path, "shown.yml")
        return str(caught.value.problems[0])

    assert problem(tmp_path / "absent.yml") == "shown.yml:1: file not found"
    assert problem(tmp_path).startswith("shown.yml:1: is a folder, not a file")
    (tmp_path / "bad.yml").write_bytes(b"a: 1\nb: \xff\n")
    assert problem(tmp_path / "bad.yml").startswith("shown.yml:2: not UTF-8 text")
    (tmp_path / "big.yml").write_bytes(b"a" * 1_000_001)
    assert problem(tmp_path / "big.yml").startswith("shown.yml:1: is larger than 1 MB")
    (tmp_path / "link.yml").symlink_to(tmp_path / "bad.yml")
    assert problem(tmp_path / "link.yml").startswith("shown.yml:1: is a symbolic link")
    (tmp_path / "ok.yml").write_bytes(b"\xef\xbb\xbfa: x\r\nb: y\r\n")
    assert read_source(tmp_path / "ok.yml", "ok.yml") == "a: x\nb: y\n"
    assert load_yaml(tmp_path / "ok.yml", "ok.yml").data == {"a": "x", "b": "y"}


@pytest.mark.parametrize("text, line, words", [
    ('{% include "a.md %}\n', 1, "the snippet name in this tag is missing a quote"),
    ("x\n{% if a\n", 2, "this tag opens with {% but never closes with %}"),
    ("x\n\n{{ a.b\n", 3, "this fact opens with {{ but never closes with }}"),
    ("{% if a %}\nx\n{% if b %}y{% endif %}\n", 1, "this {% if %} is never closed"),
])
def test_a_template_mistake_is_named_at_the_line_that_causes_it(text, line, words):
    at, message = template_problem("unexpected end of template", text, 99)
    assert (at, words in message) == (line, True), message


def test_template_messages_without_a_visible_cause_keep_the_parser_line():
    assert template_problem("expected token 'end of print statement', got 'x'", "{{ a x }}\n", 4) == (
        4, "this tag has something extra before its end: write {{ company.fact }} or {% include \"name.md\" %}")
    line, message = template_problem("Encountered unknown tag 'macro'.", "{% macro m() %}{% endmacro %}\n", 2)
    assert line == 2 and message.endswith("a notice uses only {% if %}, {% else %}, {% endif %} and {% include %}")
    assert template_problem("something else", "plain\n", 3) == (3, "template syntax: something else")


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


@pytest.mark.parametrize("value, plain, label", [
    ("Example Ltd", True, True),
    ("A *bold* name", False, True),
    ("<b>x</b>", False, False),
    ("two\nlines", False, False),
    (42, False, False),
])
def test_plain_and_label_text(value, plain, label):
    assert (plain_text(value), label_text(value)) == (plain, label)


@pytest.mark.parametrize("value, accepted", [
    ("https://www.example.com", True),
    ("https://example.com/privacy?x=1", True),
    ("http://example.com", False),
    ("https://user@example.com", False),
    ("https://example.com:8443/", False),
    ("https://example.com:notaport/", False),
    ("https://localhost", False),
    ("https://example.com/<a>", False),
    ("javascript:alert(1)", False),
])
def test_web_address_takes_https_with_a_plain_host_only(value, accepted):
    assert (web_address(value) == value) is accepted
    assert web_address(None) is None


def test_link_shows_the_address_without_its_scheme():
    assert link("https://www.example.com/") == "[www.example.com](https://www.example.com/)"
    with pytest.raises(TypeError, match="the link filter needs one web address"):
        link({"email": "x"})


def test_bounded_stops_a_runaway_page():
    assert bounded(["a", "b"]) == "ab"
    with pytest.raises(TooMuch, match="a snippet is included too many times"):
        bounded("x" * 1000 for _ in range(3000))


def test_problems_print_as_path_line_message_and_sort_by_file(tmp_path):
    error, warning = Problem("b.md", 3, "fix it"), Problem("a.md", 9, "look at it", "warning")
    assert str(error) == "b.md:3: fix it"
    assert str(warning) == "a.md:9: warning: look at it"
    assert sorted([error, warning])[0] == warning
    assert display_path(tmp_path / "docs" / "x.md", tmp_path) == "docs/x.md"
    assert display_path(tmp_path / "x.md", None) == str(tmp_path / "x.md")
    assert display_path(tmp_path.parent / "elsewhere.md", tmp_path) == str(tmp_path.parent / "elsewhere.md")
    assert "b.md:3: fix it" in str(SourceError([error]))


def test_numbered_points_are_listed_under_their_heading():
    text = ("1\\. Before any heading.\n{: #first }\n\n# Title {#title}\n\n## 3. Processing {#processing}\n\n"
            "3.1. Contact requests.\n{: #contact-requests }\n\nNo id here.\n\n3.2 Legal obligations.\n"
            "{: #legal-obligations }\n\n### 3.6. Categories {#categories}\n")
    points = points_under_headings(text)
    assert {heading: [c.id for c in found] for heading, found in points.items()} == {
        "": ["first"], "processing": ["contact-requests", "legal-obligations"]}
    assert points["processing"][0].label == "3.1. Contact requests."


@pytest.mark.parametrize("front, message", [
    ("title:\n", "page.md:2: 'title:' has no value: write the page's title after it, or remove it"),
    ("title: '  '\n", "page.md:2: 'title:' has no value"),
    ("translates: v1\n", "page.md:1: the front matter has no title: add a line 'title: ...'"),
    ("title: A\ntranslate: v1\n", "page.md:3: 'translate' is not used in a notice's front matter (did you mean 'translates'?)"),
])
def test_an_empty_or_missing_front_matter_value_is_refused_at_its_line(tmp_path, front, message):
    path = tmp_path / "page.md"
    path.write_text(f"---\n{front}---\n\n# Text {{#text}}\n", encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        read_page(path, "page.md", "en", "index.md")
    assert any(str(p).startswith(message) for p in caught.value.problems), caught.value.problems


def test_the_cache_computes_once_per_input_and_survives_a_damaged_entry(tmp_path, monkeypatch):
    monkeypatch.delenv("NOTICES_CACHE_DIR", raising=False)
    cache, calls = Cache(tmp_path), []

    def compute(value):
        def run():
            calls.append(value)
            return {"value": value}
        return run

    assert cache.get_or_compute("render", ("text a",), compute("a")) == {"value": "a"}
    assert cache.get_or_compute("render", ("text a",), compute("again")) == {"value": "a"}
    assert cache.get_or_compute("render", ("text b",), compute("b")) == {"value": "b"}
    assert calls == ["a", "b"]
    entry = tmp_path / ".cache" / "notices" / "render" / cache.key("render", "text a")
    assert json.loads(entry.read_text(encoding="utf-8")) == {"value": "a"}
    entry.write_text("{half", encoding="utf-8")
    assert cache.get_or_compute("render", ("text a",), compute("recomputed")) == {"value": "recomputed"}
    assert cache.key("render", "x") != cache.key("split", "x")
    assert Cache(None).get_or_compute("render", ("text a",), compute("no cache")) == {"value": "no cache"}
    # A folder named by NOTICES_CACHE_DIR serves every copy of a project.
    monkeypatch.setenv("NOTICES_CACHE_DIR", str(tmp_path / "shared"))
    assert Cache(tmp_path / "copy").get_or_compute("render", ("text c",), compute("c")) == {"value": "c"}
    assert (tmp_path / "shared" / "render" / cache.key("render", "text c")).is_file()


def test_a_read_only_project_builds_without_a_cache(tmp_path):
    (tmp_path / ".cache").write_text("a file where the folder would be", encoding="utf-8")
    assert Cache(tmp_path).get_or_compute("render", ("x",), lambda: [1]) == [1]


RECORD_ENTRY = '"first_published": "2026-11-25", "first_published_at": "2026-11-24T22:30:00Z", "known_from": "deploy"'


def record_text(versions: str, company: str = '"acme"') -> str:
    """A deploy record as a deploy writes it, with `versions` as the body of its "versions" object."""
    return f'{{\n  "format": 1,\n  "company": {company},\n  "versions": {{\n{versions}\n  }}\n}}\n'


@pytest.mark.parametrize(("text", "line", "says"), [
    ('{"format": 1,\n  "company": "acme"', 2, "is not JSON"),
    ("[" * 50_000, 1, "nested too deeply"),
    ('{"format": 1, "n": ' + "9" * 5000 + "}", 1, "cannot be read"),
    ('{"format": 2, "company": "acme", "versions": {}}', 1, "not a deploy record of format 1"),
    (record_text("", company='"other"'), 3, 'company "other"\'s, not acme\'s'),
    (record_text(f'    "v1": {{{RECORD_ENTRY}}},\n    "v1": {{{RECORD_ENTRY}}}'), 6, "names \"v1\" twice"),
    (record_text(f'    "v1": {{{RECORD_ENTRY}}},\n    "V 2": {{{RECORD_ENTRY}}}'), 6, "is not a version id"),
    (record_text(f'    "v1": {{{RECORD_ENTRY.replace("2026-11-25", "2026-11-31")}}}'), 5, "must date it as"),
    (record_text(f'    "v1": {{{RECORD_ENTRY.replace("2026-11-25", "2026-12-25")}}}'), 5, "gives the day 2026-12-25"),
    (record_text(f'    "v1": {{{RECORD_ENTRY.replace("deploy", "editor")}}}'), 5, 'known from "editor"'),
    (record_text(f'    "v1": {{{RECORD_ENTRY}, "note": "x"}}'), 5, "must hold exactly"),
    (record_text('    "v1": []'), 5, "must hold exactly"),
])
def test_a_malformed_deploy_record_is_refused_at_its_line(text, line, says):
    with pytest.raises(SourceError) as refused:
        parse_record(text, "live/acme/deployed.json", "acme")
    [problem] = refused.value.problems
    assert (problem.path, problem.line) == ("live/acme/deployed.json", line) and says in problem.message, problem


def test_a_deploy_record_is_read_within_bounds_and_a_host_without_one_starts_it(tmp_path):
    (tmp_path / "acme").mkdir()
    assert read_record(tmp_path, "acme").exists is False  # a folder without the company's record: its first deploy
    record = tmp_path / "acme" / "deployed.json"
    record.write_text(record_text(f'    "v1": {{{RECORD_ENTRY}}}'), encoding="utf-8")
    [entry] = read_record(tmp_path, "acme").entries.values()
    assert (entry.id, str(entry.day), entry.at.isoformat(), entry.known_from, entry.line) == \
        ("v1", "2026-11-25", "2026-11-24T22:30:00+00:00", "deploy", 5)
    record.write_bytes(b" " * (MAX_BYTES + 1))
    for given, says in ((record, "larger than"), (tmp_path / "missing.json", "no deploy record here"),
                        (tmp_path / "acme" / "deployed.json", "larger than")):
        with pytest.raises(SourceError) as refused:
            read_record(given, "acme")
        assert says in str(refused.value)
    record.unlink()
    record.mkdir()
    with pytest.raises(SourceError, match="not a plain file"):
        read_record(tmp_path, "acme")
