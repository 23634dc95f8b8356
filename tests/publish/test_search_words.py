"""How the searches compare words: the build's rule (Python) and the browser's (words.js) give the same words."""

from __future__ import annotations

import pytest
from conftest import ROOT

from notices.publish.search_words import ENDINGS, fold, script, stem, words

LETTERS = "ș ş s ț ţ t ā ē ļ ņ š ž ķ ģ ī ū č Ș Ş Ț Ţ Ā Ē Ļ Ņ Š Ž Ķ Ģ Ī Ū Č ß İ ﬁ ² Æ ø"
SPELLINGS = [("ştergerea", "ștergerea", "stergerea", "STERGEREA"), ("ţară", "țară", "tara"),
             ("dzēšana", "dzēšanu", "dzesanas", "DZĒŠANAI")]


def test_diacritics_and_case_fold_alike_for_comma_below_cedilla_and_bare_letters():
    assert fold("Ştergerea Ștergerea ţară Țară piekļuvi Ģēķ") == "stergerea stergerea tara tara piekluvi gek"
    assert fold(LETTERS) == "s s s t t t a e l n s z k g i u c s s t t a e l n s z k g i u c ß i fi 2 æ ø"


@pytest.mark.parametrize("lang,forms", [("ro", SPELLINGS[0]), ("ro", SPELLINGS[1]), ("lv", SPELLINGS[2])])
def test_inflected_forms_share_one_stem(lang, forms):
    assert len({stem(form, lang) for form in forms}) == 1


def test_endings_leave_a_stem_of_three_letters_and_other_languages_keep_their_words():
    assert stem("date", "ro") == "dat" and stem("ale", "ro") == "ale"
    assert stem("transfers", "en") == "transfer" and stem("Ģēķis", "xx") == "gekis"
    assert words("3.1. Dreptul la ştergerea datelor", "ro") == ["3", "1", "drept", "la", "sterger", "dat"]
    assert all(ending == fold(ending) for endings in ENDINGS.values() for ending in endings)


# Every word of the real notices, and letters a keyboard may give in place of another.
def corpus() -> dict[str, str]:
    return {"ro": (ROOT / "docs/impro-media/ro/index.md").read_text(encoding="utf-8") + LETTERS,
            "lv": (ROOT / "docs/impro-celojumi/lv/index.md").read_text(encoding="utf-8") + LETTERS,
            "en": (ROOT / "docs/impro-media/en/index.md").read_text(encoding="utf-8") + LETTERS}


@pytest.mark.untraced
def test_the_browser_finds_the_same_words_as_the_index(browser):
    context = browser.new_context()
    tab = context.new_page()
    tab.evaluate(script())
    for lang, text in corpus().items():
        found = tab.evaluate("([text, lang]) => self.noticeWords.words(text, lang)", [text, lang])
        assert found == words(text, lang), lang
        queries = [" ".join(forms) for forms in SPELLINGS]
        assert tab.evaluate("([qs, lang]) => qs.map(q => self.noticeWords.terms(q, lang))", [queries, lang]) == [
            [w for w in words(q, lang) if len(w) >= 2] for q in queries]
    context.close()
