/* Search in every version of the notice, on the history page only: the site's search holds the
   text in force once, and a reader who asks for earlier wording searches here. Each version's
   clauses are fetched once, when the reader first types, from versions/<id>/<lang>.json. Words are
   compared as the site's search compares them (assets/javascripts/words.js: diacritics folded, endings
   stripped, each typed word matching the start of a word of the clause, every typed word required). */
(function () {
  var box = document.querySelector("[data-archive-search]");
  if (!box) return;
  var input = box.querySelector("input");
  var status = box.querySelector(".notice-archive-search__status");
  var list = box.querySelector(".notice-archive-search__results");
  var items = Array.prototype.slice.call(document.querySelectorAll(".notice-history__item[data-clauses]"));
  var MAX_RESULTS = 100;
  var loaded = null;
  var timer = null;
  box.hidden = false;

  var lang = document.documentElement.lang;

  function fetchClauses(words) {
    return Promise.all(items.map(function (item) {
      return fetch(item.dataset.clauses).then(function (response) {
        if (!response.ok) throw new Error(response.statusText);
        return response.json();
      }).then(function (data) {
        return data.clauses.map(function (clause) {
          var text = clause.tokens.join("");
          return {version: data.id, url: item.dataset.url, id: clause.id, label: clause.label,
                  text: text, folded: words.fold(text), words: words.words(text, lang)};
        });
      });
    })).then(function (all) { return {words: words, clauses: [].concat.apply([], all)}; });
  }

  function load() {
    if (!loaded) {
      loaded = new Promise(function (done) { window.noticeLoadWords(done); }).then(fetchClauses);
    }
    return loaded;
  }

  function excerpt(clause, term) {
    var at = Math.max(0, clause.folded.search(new RegExp("(^|[^\\p{L}\\p{N}])" + term, "u")) - 60);
    var space = at > 0 ? clause.text.indexOf(" ", at) : -1;
    if (space !== -1 && space < at + 20) at = space + 1;  // begin with a whole word
    var piece = clause.text.slice(at, at + 180).replace(/\s+/g, " ").trim();
    return (at > 0 ? "… " : "") + piece + (at + 180 < clause.text.length ? " …" : "");
  }

  function show(words, clauses, terms) {
    list.textContent = "";
    var found = clauses.filter(function (clause) { return words.matches(clause.words, terms); });
    status.textContent = found.length ? status.dataset.found + ": " + found.length : status.dataset.none;
    found.slice(0, MAX_RESULTS).forEach(function (clause) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      // "start" is the text before the first clause id, at the top of the version's page.
      link.href = clause.url + (clause.id === "start" ? "" : "#" + encodeURIComponent(clause.id));
      link.textContent = clause.version + " — " + clause.label;
      var text = document.createElement("p");
      text.textContent = excerpt(clause, terms[0]);
      item.appendChild(link);
      item.appendChild(text);
      list.appendChild(item);
    });
  }

  function search() {
    if (!input.value.trim()) {
      status.textContent = "";
      list.textContent = "";
      return;
    }
    load().then(function (found) {
      var terms = found.words.terms(input.value, lang);
      if (terms.length) show(found.words, found.clauses, terms);
      else status.textContent = list.textContent = "";
    }, function () {
      loaded = null;
      status.textContent = status.dataset.offline;
    });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(search, 250);
  });
})();
