"""The model stage in this process: the version registry, what is in force on a day, dates, word diffs, translations."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from notices.model.archive import frozen_text
from notices.model.dates import long_date, parse_as_of, source_date, today_in
from notices.model.textdiff import DIFF_CELLS, Budget, clause_texts, compare, diff_words, tokens, units
from notices.model.translations import changed_clauses, stale_clauses
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
from notices.sources.markdown_html import MarkdownHtml
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


def test_a_frozen_text_is_published_without_its_identity_block(tmp_path):
    folder = tmp_path / "versions" / "v1"
    folder.mkdir(parents=True)
    (folder / "en.md").write_text("---\ncompany: x\nversion: v1\n---\n# Notice\n", encoding="utf-8")
    (folder / "ro.md").write_text("# Notă fără antet\n", encoding="utf-8")
    assert frozen_text(tmp_path, "v1", "en") == "# Notice\n"
    assert frozen_text(tmp_path, "v1", "ro") == "# Notă fără antet\n"


def test_words_and_spaces_are_the_units_of_a_diff():
    assert tokens("Păstrăm datele, doi ani.") == ["Păstrăm", " ", "datele", ",", " ", "doi", " ", "ani", "."]
    segments = [(s.op, s.text) for s in diff_words("for two years after", "for one year after")]
    assert segments == [("equal", "for "), ("delete", "two"), ("insert", "one"), ("equal", " "),
                        ("delete", "years"), ("insert", "year"), ("equal", " after")]
    assert [(s.op, s.text) for s in diff_words("same", "same")] == [("equal", "same")]


def test_a_diff_matches_sentences_first_and_words_inside_the_changed_ones():
    assert ["".join(u) for u in units(tokens("One. Two; three\nfour"))] == ["One. ", "Two; ", "three\n", "four"]
    segments = [(s.op, s.text) for s in diff_words("Keep this. We keep data. End.", "Keep this. We kept data. End.")]
    assert segments == [("equal", "Keep this. We "), ("delete", "keep"), ("insert", "kept"), ("equal", " data. End.")]


def test_a_diff_over_its_bound_shows_the_part_between_common_ends_as_replaced():
    old = " ".join(["date", "de", "la"] * 12_000) + " End."
    new = " ".join(["și", "of", "the"] * 12_000) + " End."
    assert [s.op for s in diff_words("Same. " + old, "Same. " + new)] == ["equal", "delete", "insert", "equal"]
    budget = Budget()
    assert not budget.spend(DIFF_CELLS, 1) and budget.spend(10, 0) and budget.spend(99, 99)
    assert budget.cells == Budget().cells - 100 * 100
    spent = Budget(cells=5)  # the sentences match (4 cells), their words are over
    assert [s.op for s in diff_words("a b", "c d", spent)] == ["delete", "insert"]


TO_HTML = MarkdownHtml(Path(__file__).resolve().parents[2])


def test_clauses_are_compared_by_id_and_changed_clauses_are_named():
    old = "## A {#a}\n\nOne.\n\n## B {#b}\n\nTwo.\n"
    new = "## A {#a}\n\nOne changed.\n\n## C {#c}\n\nThree.\n"
    assert changed_clauses(old, new, TO_HTML) == ["a", "c"]  # what a translation must follow: changed or new
    assert changed_clauses(old, old, TO_HTML) == []
    kinds = {d.id: d.status for d in compare(old, new, TO_HTML)}
    assert kinds == {"a": "changed", "b": "removed", "c": "added"}
    # Rendered as the site renders it, without the site's own heading permalink.
    assert [c.text for c in clause_texts(old, TO_HTML)] == ["A\nOne.", "B\nTwo."]


def test_a_translation_is_behind_on_the_clauses_whose_original_alone_changed():
    original = ("## A {#a}\n\nOne.\n\n## B {#b}\n\nTwo.\n", "## A {#a}\n\nOne!\n\n## B {#b}\n\nTwo!\n")
    translation = ("## A {#a}\n\nUn.\n\n## B {#b}\n\nDeux.\n", "## A {#a}\n\nUn!\n\n## B {#b}\n\nDeux.\n")
    assert stale_clauses(original, translation, TO_HTML) == ["b"]
    assert stale_clauses(original, (translation[1], translation[1]), TO_HTML) == ["a", "b"]
    assert stale_clauses((original[0], original[0]), translation, TO_HTML) == []


RIGA = ZoneInfo("Europe/Riga")


def test_dates_are_written_in_the_page_language():
    day = dt.date(2025, 3, 14)
    assert long_date(day, "ro") == "14 martie 2025"
    assert long_date(day, "lv") == "2025. gada 14. marts"
    assert long_date(day, "en") == "March 14, 2025"  # Babel's long form; the site passes the label date_format
    assert long_date(day, "en", "d MMMM y") == "14 March 2025"


def test_as_of_is_a_day_or_a_moment_in_utc_unless_an_offset_is_given():
    assert parse_as_of(" 2027-01-10 ") == dt.date(2027, 1, 10)
    assert parse_as_of("2027-01-09T22:30") == dt.datetime(2027, 1, 9, 22, 30, tzinfo=dt.UTC)
    assert parse_as_of("2027-01-09T22:30+02:00").utcoffset() == dt.timedelta(hours=2)
    with pytest.raises(ValueError, match="'soon' is not a date or time: write YYYY-MM-DD"):
        parse_as_of("soon")
    # 22:30 UTC is already the next day in Riga; a day is taken as written.
    assert today_in(RIGA, "2027-01-09T22:30") == dt.date(2027, 1, 10)
    assert today_in(RIGA, "2027-01-09") == dt.date(2027, 1, 9)


def test_the_commit_day_comes_from_the_environment(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert source_date() is None
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795564800")
    assert source_date() == dt.date(2026, 11, 25)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    assert source_date() is None
