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
