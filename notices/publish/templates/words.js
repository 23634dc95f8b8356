/* How the site's searches compare words, written by the build from notices/publish/search_words.py, which
   builds the search index with the same rule: diacritics and case folded, then the longest inflectional
   ending of the page's language stripped, so that "ştergerea" (cedilla), "ștergerea" (comma below) and
   "stergerea" are one word, and "dzēšana" finds "dzēšanu". A typed word matches the beginning of a word. */
(function (root) {
  var ENDINGS = {{ endings | tojson }};
  var MIN_STEM = {{ min_stem }};
  var MIN_TERM = {{ min_term }};

  function fold(text) {
    return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  }

  function stem(word, lang) {
    var folded = fold(word), endings = ENDINGS[lang] || [];
    for (var i = 0; i < endings.length; i++) {
      var ending = endings[i];
      if (folded.length - ending.length >= MIN_STEM && folded.slice(-ending.length) === ending) {
        return folded.slice(0, -ending.length);
      }
    }
    return folded;
  }

  function words(text, lang) {
    return (fold(text).match(/[\p{L}\p{N}]+/gu) || []).map(function (word) { return stem(word, lang); });
  }

  /* The words a reader typed, as the searches look for them. */
  function terms(query, lang) {
    return words(query, lang).filter(function (term) { return term.length >= MIN_TERM; });
  }

  /* Whether every typed term begins some word of a text (given as its words). */
  function matches(textWords, queryTerms) {
    return queryTerms.length > 0 && queryTerms.every(function (term) {
      return textWords.some(function (word) { return word.indexOf(term) === 0; });
    });
  }

  root.noticeWords = {fold: fold, stem: stem, words: words, terms: terms, matches: matches};
})(typeof self !== "undefined" ? self : this);
