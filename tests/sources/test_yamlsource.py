"""YAML that remembers the line of every value (notices/sources/yamlsource.py): values as written, mistakes in words."""

from __future__ import annotations

import pytest
import yaml

from notices.sources.problems import SourceError
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
