"""Released versions (notices/model/versions.py): the registry written and read back, and the version in force on a day."""

from __future__ import annotations

import datetime as dt

import pytest

from notices.model.versions import (
    Version,
    in_force,
    load_versions,
    previous,
    superseded_on,
    translation_source,
    upcoming,
    write_versions,
)
from notices.sources.problems import SourceError

D = dt.date


def version(vid: str, effective: dt.date, change: str = "editorial", **more) -> Version:
    return Version(vid, effective, effective, change, {"en": f"Summary {vid}"}, {"en": "0" * 64},
                   **{"title": {"en": "Privacy notice"}, **more})


HISTORY = [version("v1", D(2026, 1, 10), "initial"), version("v2", D(2026, 4, 15), "material"),
           version("v3", D(2026, 5, 2)), version("v4", D(2027, 1, 10), "material", translates={"ro": "v3"})]


def test_the_version_in_force_is_the_latest_effective_on_that_day():
    assert in_force(HISTORY, D(2026, 1, 9)) is None
    assert in_force(HISTORY, D(2026, 4, 15)).id == "v2"
    assert in_force(HISTORY, D(2026, 11, 25)).id == "v3"
    assert [v.id for v in upcoming(HISTORY, D(2026, 11, 25))] == ["v4"]
    assert superseded_on(HISTORY, HISTORY[1]) == D(2026, 5, 2) and superseded_on(HISTORY, HISTORY[3]) is None
    assert previous(HISTORY, HISTORY[0]) is None and previous(HISTORY, HISTORY[2]).id == "v2"
    assert HISTORY[1].material and not HISTORY[2].material
    assert (translation_source(HISTORY[3], "ro"), translation_source(HISTORY[3], "en")) == ("v3", "v4")


def test_the_registry_is_written_and_read_back_without_loss(tmp_path):
    entries = [version("v1", D(2026, 1, 10), "initial"),
               version("v2", D(2026, 4, 15), "material", notice_override="Court order", translates={"en": "v1"})]
    write_versions(tmp_path, entries)
    written = (tmp_path / "versions.yml").read_text(encoding="utf-8")
    assert "&id" not in written and "*id" not in written  # equal dates are written out, not aliased
    read = load_versions(tmp_path, ["en"])
    assert [(v.id, v.effective, v.change, v.notice_override, v.translates) for v in read] == [
        ("v1", D(2026, 1, 10), "initial", None, None), ("v2", D(2026, 4, 15), "material", "Court order", {"en": "v1"})]
    assert read[1].line > read[0].line > 1
    assert load_versions(tmp_path / "absent", ["en"]) == []


@pytest.mark.parametrize("entry, message", [
    ("- id: ''\n", "versions.yml:1: version without an id"),
    ("- id: 'V 2'\n", "versions.yml:1: version id 'V 2' must be like v2"),
    ("- id: v1\n  effective: 2026-01-10T10:00:00\n", "versions.yml:2: 'effective' must be a date written YYYY-MM-DD"),
    ("- id: v1\n  change: big\n", "versions.yml:2: 'change' must be one of"),
    ("- id: v1\n  translates: [v1]\n", "versions.yml:2: 'translates' must map each language"),
    ("- id: v1\n  notice_override: [x]\n", "versions.yml:2: 'notice_override' must be text"),
    ("- id: v1\n  summary: {en: ' '}\n", "versions.yml:2: version 'v1' has an empty change summary in 'en'"),
])
def test_a_malformed_registry_entry_is_named_at_its_line(tmp_path, entry, message):
    (tmp_path / "versions.yml").write_text(entry, encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        load_versions(tmp_path, ["en"], tmp_path)
    assert any(str(p).startswith(message) for p in caught.value.problems), caught.value.problems
