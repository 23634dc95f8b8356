/* Compare any two versions of the notice in the reader's browser.
   The page carries every version's clauses (notice-compare-data); the form submits to the same page
   (?from=v1&to=v3), so the address can be shared and nothing is fetched from anywhere. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("notice-compare-data").textContent);
  var labels = data.labels;
  var form = document.getElementById("notice-compare-form");
  var result = document.getElementById("notice-compare-result");
  var byId = {};
  data.versions.forEach(function (v) { byId[v.id] = v; });

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function segments(parent, parts, side) {
    parts.forEach(function (part) {
      if ((side === "old" && part.added) || (side === "new" && part.removed)) return;
      var tag = part.added ? "ins" : part.removed ? "del" : "span";
      parent.appendChild(el(tag, "", part.value));
    });
    return parent;
  }

  function clauseDiffs(older, newer) {
    var oldIndex = {}, newIds = {}, out = [], next = 0;
    older.clauses.forEach(function (c, i) { oldIndex[c.id] = i; });
    newer.clauses.forEach(function (c) { newIds[c.id] = true; });
    function flushRemoved(upTo) {
      for (; next < upTo; next++) {
        var gone = older.clauses[next];
        if (!newIds[gone.id]) out.push({ id: gone.id, label: gone.label, status: "removed",
                                          parts: [{ value: gone.text, removed: true }] });
      }
    }
    newer.clauses.forEach(function (clause) {
      if (!(clause.id in oldIndex)) {
        out.push({ id: clause.id, label: clause.label, status: "added", parts: [{ value: clause.text, added: true }] });
        return;
      }
      var position = oldIndex[clause.id];
      flushRemoved(position);
      next = Math.max(next, position + 1);
      var before = older.clauses[position].text;
      if (before === clause.text) {
        out.push({ id: clause.id, label: clause.label, status: "unchanged", parts: [{ value: clause.text }] });
      } else {
        out.push({ id: clause.id, label: clause.label, status: "changed",
                   parts: Diff.diffWordsWithSpace(before, clause.text) });
      }
    });
    flushRemoved(older.clauses.length);
    return out;
  }

  function render(older, newer) {
    result.textContent = "";
    var diffs = clauseDiffs(older, newer);
    var changed = diffs.filter(function (d) { return d.status !== "unchanged"; });
    result.appendChild(el("h2", "", labels.changed_clauses + ": " + labels.version + " " + older.id +
                          " → " + labels.version + " " + newer.id)).id = "changed-clauses";
    if (!changed.length) result.appendChild(el("p", "", labels.no_changes));
    var list = result.appendChild(el("ul", "notice-diff__summary"));
    changed.forEach(function (d) {
      var link = el("a", "", d.label);
      link.href = "#clause-" + d.id;
      var item = list.appendChild(el("li"));
      item.appendChild(link);
      item.appendChild(document.createTextNode(" — " + labels[d.status]));
    });
    var views = result.appendChild(el("div", "notice-diff__views"));
    views.setAttribute("role", "group");
    views.innerHTML = '<p class="notice-diff__show"></p>' +
      '<input type="radio" name="notice-view" id="notice-view-inline" checked><label for="notice-view-inline"></label>' +
      '<input type="radio" name="notice-view" id="notice-view-sides"><label for="notice-view-sides"></label>';
    views.querySelector(".notice-diff__show").textContent = labels.show + ":";
    views.querySelector("[for=notice-view-inline]").textContent = labels.inline;
    views.querySelector("[for=notice-view-sides]").textContent = labels.side_by_side;
    diffs.forEach(function (d) {
      if (d.status === "unchanged") {
        var details = views.appendChild(el("details", "notice-clause notice-clause--unchanged"));
        details.id = "clause-" + d.id;
        details.appendChild(el("summary", "", d.label + " — " + labels.unchanged));
        details.appendChild(el("div", "notice-clause__text", d.parts[0].value));
        return;
      }
      var section = views.appendChild(el("section", "notice-clause notice-clause--" + d.status));
      section.id = "clause-" + d.id;
      var heading = section.appendChild(el("h3", "", d.label + " "));
      heading.appendChild(el("span", "notice-badge", labels[d.status]));
      segments(section.appendChild(el("div", "notice-clause__text notice-view--inline")), d.parts, "both");
      var sides = section.appendChild(el("div", "notice-view--sides"));
      var left = sides.appendChild(el("div", "notice-clause__text"));
      left.appendChild(el("h4", "", labels.before));
      segments(left, d.parts, "old");
      var right = sides.appendChild(el("div", "notice-clause__text"));
      right.appendChild(el("h4", "", labels.after));
      segments(right, d.parts, "new");
    });
  }

  function syncOptions() {
    var onlyMaterial = form.elements.material.checked;
    [form.elements.from, form.elements.to].forEach(function (select) {
      Array.prototype.forEach.call(select.options, function (option) {
        option.hidden = onlyMaterial && option.dataset.change === "editorial";
      });
    });
  }

  var params = new URLSearchParams(window.location.search);
  var versions = data.versions;
  var fromId = params.get("from") || (versions.length > 1 ? versions[versions.length - 2].id : versions[0] && versions[0].id);
  var toId = params.get("to") || (versions.length ? versions[versions.length - 1].id : null);
  form.elements.material.checked = params.get("material") === "1";
  form.elements.material.addEventListener("change", syncOptions);
  syncOptions();
  if (byId[fromId] && byId[toId]) {
    form.elements.from.value = fromId;
    form.elements.to.value = toId;
    render(byId[fromId], byId[toId]);
  }
})();
