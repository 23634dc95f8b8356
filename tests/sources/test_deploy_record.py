"""The deploy's record of first publication (notices/sources/deploy_record.py): read within bounds, refused at its line."""

from __future__ import annotations

import pytest

from notices.sources.deploy_record import MAX_BYTES, parse_record, read_record
from notices.sources.problems import SourceError

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
