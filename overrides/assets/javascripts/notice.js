/* The language switcher goes straight to the same page in the other language (its links are
   exact), and keeps the reader at the same clause: clause ids are the same in every language, so
   the current #clause is carried over. Material's own remapping through sitemaps is not needed. */
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a.md-select__link[hreflang]");
  if (!link) return;
  if (window.location.hash) link.hash = window.location.hash;
  event.stopPropagation();
}, true);

/* Material's search dialog has no accessible name: give it the search field's own label. */
(function () {
  var dialog = document.querySelector(".md-search[role=dialog]");
  var input = dialog && dialog.querySelector("input[aria-label]");
  if (dialog && input && !dialog.hasAttribute("aria-label")) {
    dialog.setAttribute("aria-label", input.getAttribute("aria-label"));
  }
})();

/* Words typed without diacritics are found through the index's folded copy of the text, but
   Material's link to the result carries an empty ?h= when only that copy matched, and its page
   highlighter compares letters exactly. So the typed query goes into ?h=, and accented words whose
   folded form starts with a typed term are marked here; Material marks the exact matches. */
(function () {
  function fold(text) {
    return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.md-search-result__link");
    var input = document.querySelector("input.md-search__input");
    if (!link || !input || !input.value.trim()) return;
    var url = new URL(link.href);
    if (!url.searchParams.get("h")) {
      url.searchParams.set("h", input.value.trim());
      link.href = url.toString();
    }
  }, true);

  var query = new URLSearchParams(window.location.search).get("h");
  var content = document.querySelector("article.md-content__inner");
  if (!query || !content) return;
  var terms = fold(query).split(/[^\p{L}\p{N}]+/u).filter(function (term) { return term.length > 1; });
  if (!terms.length) return;
  var word = /[\p{L}\p{M}\p{N}]+/gu;
  var walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
  var found = [];
  for (var node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement.closest("mark, script, style, template")) found.push(node);
  }
  found.forEach(function (text) {
    var value = text.nodeValue, pieces = [], last = 0, match;
    word.lastIndex = 0;
    while ((match = word.exec(value))) {
      var folded = fold(match[0]);
      // Only accented words: exact ones are Material's, and marking them twice would nest marks.
      if (folded === match[0].toLowerCase()) continue;
      if (!terms.some(function (term) { return folded.indexOf(term) === 0; })) continue;
      pieces.push(document.createTextNode(value.slice(last, match.index)));
      var mark = document.createElement("mark");
      mark.setAttribute("data-md-highlight", "");
      mark.textContent = match[0];
      pieces.push(mark);
      last = match.index + match[0].length;
    }
    if (!pieces.length) return;
    pieces.push(document.createTextNode(value.slice(last)));
    text.replaceWith.apply(text, pieces);
  });
})();
