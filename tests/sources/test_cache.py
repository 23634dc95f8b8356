"""The cache of slow, pure work on a text (notices/sources/cache.py)."""

from __future__ import annotations

import json

from notices.sources.cache import Cache


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
