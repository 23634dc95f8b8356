"""Filling a page (notices/sources/render.py): each failure is a typed error naming the file and line."""

from __future__ import annotations

import pytest

from notices.sources.problems import SourceError
from notices.sources.render import Renderer, UnknownName


@pytest.fixture
def renderer(tmp_path) -> Renderer:
    (tmp_path / "snippets" / "en").mkdir(parents=True)
    (tmp_path / "snippets" / "en" / "contact.md").write_text("Write to {{ company.email }}.\n", encoding="utf-8")
    return Renderer(tmp_path / "snippets", "en", {"legal_name": "Example Ltd"}, "company.yml", tmp_path)


def test_a_name_that_does_not_exist_is_an_unknown_name(renderer):
    with pytest.raises(UnknownName) as fact:
        renderer.render("Hello\n{{ company.trade_name }}\n", "page.md")
    assert [str(p) for p in fact.value.problems] == [
        "page.md:2: 'company.trade_name' has no value in company.yml: add it there or remove it from the text"]
    with pytest.raises(UnknownName) as snippet:
        renderer.render('{% include "contract.md" %}\n', "page.md")
    assert "page.md:1: snippet 'contract.md' does not exist in snippets/en/: did you mean 'contact.md'?" \
        in str(snippet.value)
    with pytest.raises(UnknownName) as inner:  # the fact is missing in the snippet: reported there
        renderer.render('{% include "contact.md" %}\n', "page.md")
    assert str(inner.value).startswith("snippets/en/contact.md:1: 'company.email' has no value")


def test_template_code_a_notice_does_not_use_is_refused_as_it_was_written(renderer):
    for text, message in [("{% set x = 1 %}\n", "page.md:1: template syntax: 'assign' is not used in a notice"),
                          ("{{ _secret }}\n", "page.md:1: template syntax: '_secret' is not a fact")]:
        with pytest.raises(SourceError) as caught:
            renderer.render(text, "page.md")
        assert not isinstance(caught.value, UnknownName)
        assert str(caught.value).startswith(message), str(caught.value)
    assert renderer.render("{{ company.legal_name }}\n", "page.md") == "Example Ltd\n"


SECRET = "SECRET-7f3a-do-not-publish"


def test_the_snippet_loader_refuses_links_on_its_own(tmp_path):
    from notices.sources.problems import SourceError
    from notices.sources.render import Renderer

    library = tmp_path / "snippets" / "en"
    library.mkdir(parents=True)
    (tmp_path / "secret.md").write_text(SECRET, encoding="utf-8")
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "inner.md").write_text(SECRET, encoding="utf-8")
    (library / "linked.md").symlink_to(tmp_path / "secret.md")
    (library / "sub").symlink_to(tmp_path / "folder", target_is_directory=True)
    renderer = Renderer(tmp_path / "snippets", "en", {}, "company.yml", tmp_path)
    for include, shown in [("linked.md", "'linked.md' is a symbolic link"),
                           ("sub/inner.md", "'sub' is a symbolic link")]:
        with pytest.raises(SourceError) as caught:
            renderer.render(f'{{% include "{include}" %}}\n', "page.md")
        assert f"snippets/en:1: {shown}" in str(caught.value)
        assert SECRET not in str(caught.value)
    assert renderer.render("plain\n", "page.md") == "plain\n"
