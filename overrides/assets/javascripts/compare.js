/* Compare any two versions of the notice in the reader's browser.
   The page lists the versions; the clauses of the two chosen are fetched from versions/<id>/<lang>.json,
   already cut into the build's word tokens. The diff is diff-match-patch, as on the changes pages
   (notices/model/textdiff.py), with the same item encoding, units, bounds, no timeout and no cleanup, so
   both give the same result; the markup is cloned from the page's <template>s. Choosing changes the page's address
   (?from=v1&to=v3), so the address can be shared. */
(function () {
  "use strict";
  // Items are numbered from 1 up to the UTF-16 surrogates, as in notices/textdiff.py.
  var MAX_ITEMS = 0xD800;
  var OPS = { "-1": "delete", "0": "equal", "1": "insert" };

  /* The bounds of notices/model/textdiff.py: cells, never time, so that both engines agree. */
  var DIFF_CELLS = 250000, COMPARISON_CELLS = 2000000;
  var SENTENCE_ENDS = { ".": true, "!": true, "?": true, ";": true };

  function budget() { return { cells: COMPARISON_CELLS }; }

  function spend(left, oldCount, newCount) {
    var cost = !oldCount || !newCount ? 0 : (oldCount + 1) * (newCount + 1);
    if (cost > DIFF_CELLS || cost > left.cells) return false;
    left.cells -= cost;
    return true;
  }

  function encodeItems(oldItems, newItems) {
    var codes = new Map(), items = [];
    function encode(sequence) {
      var out = [];
      for (var i = 0; i < sequence.length; i++) {
        var item = sequence[i];
        if (!codes.has(item)) {
          if (items.length + 1 >= MAX_ITEMS) return null;
          items.push(item);
          codes.set(item, String.fromCharCode(items.length));
        }
        out.push(codes.get(item));
      }
      return out.join("");
    }
    var a = encode(oldItems), b = a === null ? null : encode(newItems);
    return a === null || b === null ? null : [a, b, items];
  }

  /* diff-match-patch over sequences: [op, items] runs, each distinct item encoded as one character;
     what lies between the common start and end is shown as replaced when it is over the budget. */
  function diffItems(oldItems, newItems, left) {
    left = left || budget();
    var limit = Math.min(oldItems.length, newItems.length), start = 0, end = 0;
    while (start < limit && oldItems[start] === newItems[start]) start++;
    while (end < limit - start && oldItems[oldItems.length - 1 - end] === newItems[newItems.length - 1 - end]) end++;
    var encoded = spend(left, oldItems.length - start - end, newItems.length - start - end) ?
      encodeItems(oldItems, newItems) : null;
    if (encoded === null) {
      return [[0, oldItems.slice(0, start)], [-1, oldItems.slice(start, oldItems.length - end)],
        [1, newItems.slice(start, newItems.length - end)], [0, oldItems.slice(oldItems.length - end)]]
        .filter(function (run) { return run[1].length; });
    }
    var items = encoded[2], engine = new diff_match_patch();
    engine.Diff_Timeout = 0;
    return engine.diff_main(encoded[0], encoded[1], false).map(function (diff) {
      var run = [];
      for (var i = 0; i < diff[1].length; i++) run.push(items[diff[1].charCodeAt(i) - 1]);
      return [diff[0], run];
    });
  }

  /* Tokens cut into sentences and lines: a unit ends at a line break or at a space after . ! ? ; */
  function units(tokens) {
    var result = [], current = [];
    tokens.forEach(function (token, index) {
      current.push(token);
      if (token.indexOf("\n") >= 0 || (token === " " && index > 0 && SENTENCE_ENDS[tokens[index - 1]] === true)) {
        result.push(current);
        current = [];
      }
    });
    if (current.length) result.push(current);
    return result;
  }

  function joined(list) { return list.map(function (unit) { return unit.join(""); }); }

  function flat(list) { return [].concat.apply([], list); }

  /* Sentences and lines matched first, then the words of the ones that changed, within the budget. */
  function diffTokens(oldTokens, newTokens, left) {
    left = left || budget();
    var oldUnits = units(oldTokens), newUnits = units(newTokens);
    var runs = diffItems(joined(oldUnits), joined(newUnits), left).concat([[0, []]]);
    var pieces = [], deleted = [], inserted = [], atOld = 0, atNew = 0;
    runs.forEach(function (run) {
      var count = run[1].length;
      if (run[0] === 0) {
        if (deleted.length || inserted.length) {
          diffItems(deleted, inserted, left).forEach(function (change) { pieces.push([change[0], change[1].join("")]); });
          deleted = [];
          inserted = [];
        }
        pieces.push([0, run[1].join("")]);
        atOld += count;
        atNew += count;
      } else if (run[0] < 0) {
        deleted = deleted.concat(flat(oldUnits.slice(atOld, atOld + count)));
        atOld += count;
      } else {
        inserted = inserted.concat(flat(newUnits.slice(atNew, atNew + count)));
        atNew += count;
      }
    });
    var segments = [];
    pieces.forEach(function (piece) {
      if (!piece[1]) return;
      var last = segments[segments.length - 1];
      if (last && last[0] === OPS[piece[0]]) last[1] += piece[1];
      else segments.push([OPS[piece[0]], piece[1]]);
    });
    return segments;
  }

  /* Clause ids aligned by the same engine; a moved clause is shown where it is now. */
  function compareClauses(oldList, newList) {
    var old = new Map(), next = new Map(), out = [];
    oldList.forEach(function (c) { old.set(c.id, c); });
    newList.forEach(function (c) { next.set(c.id, c); });
    function ids(list) { return list.map(function (c) { return c.id; }); }
    var left = budget();
    diffItems(ids(oldList), ids(newList), left).forEach(function (run) {
      run[1].forEach(function (id) {
        if (run[0] < 0) {
          if (!next.has(id)) {
            var gone = old.get(id);
            out.push({ id: id, label: gone.label, status: "removed", segments: [["delete", gone.tokens.join("")]] });
          }
          return;
        }
        var clause = next.get(id), text = clause.tokens.join("");
        if (!old.has(id)) {
          out.push({ id: id, label: clause.label, status: "added", segments: [["insert", text]] });
        } else if (old.get(id).tokens.join("") === text) {
          out.push({ id: id, label: clause.label, status: "unchanged", segments: [["equal", text]] });
        } else {
          out.push({ id: id, label: clause.label, status: "changed", segments: diffTokens(old.get(id).tokens, clause.tokens, left) });
        }
      });
    });
    return out;
  }

  window.noticeCompare = { diffTokens: diffTokens, compareClauses: compareClauses };

  var form = document.getElementById("notice-compare-form");
  if (!form) return;
  var labels = JSON.parse(document.getElementById("notice-compare-data").textContent).labels;
  var result = document.getElementById("notice-compare-result");
  var message = document.getElementById("notice-compare-message");

  function cloneTemplate(id) {
    return document.getElementById(id).content.cloneNode(true);
  }

  function slot(root, name) {
    return root.querySelector('[data-slot="' + name + '"]');
  }

  function fillSegments(parent, segments, side) {
    var kinds = cloneTemplate("notice-segment-template");
    segments.forEach(function (segment) {
      var op = segment[0], text = segment[1];
      if ((side === "old" && op === "insert") || (side === "new" && op === "delete")) return;
      if (op === "equal") {
        parent.appendChild(document.createTextNode(text));
        return;
      }
      var node = kinds.querySelector(op === "insert" ? "ins" : "del").cloneNode(false);
      node.textContent = text;
      parent.appendChild(node);
    });
  }

  function clauseBlock(d) {
    var unchanged = d.status === "unchanged";
    var block = cloneTemplate(unchanged ? "notice-unchanged-template" : "notice-clause-template").firstElementChild;
    block.id = "clause-" + d.id;
    slot(block, "label").textContent = d.label;
    fillSegments(slot(block, "inline"), d.segments, "both");
    if (!unchanged) {
      block.classList.replace("notice-clause--changed", "notice-clause--" + d.status);
      slot(block, "status").textContent = labels[d.status];
      fillSegments(slot(block, "old"), d.segments, "old");
      fillSegments(slot(block, "new"), d.segments, "new");
    }
    return block;
  }

  function render(older, newer) {
    var diffs = compareClauses(older.clauses, newer.clauses);
    var changed = diffs.filter(function (d) { return d.status !== "unchanged"; });
    var body = cloneTemplate("notice-diff-template");
    slot(body, "heading").textContent = labels.changed_clauses + ": " + labels.version + " " + older.id +
      " → " + labels.version + " " + newer.id;
    slot(body, changed.length ? "no-changes" : "summary").remove();
    var summary = slot(body, "summary");
    changed.forEach(function (d) {
      var item = cloneTemplate("notice-summary-template").firstElementChild;
      var link = slot(item, "label");
      link.textContent = d.label;
      link.setAttribute("href", "#clause-" + d.id);
      slot(item, "status").textContent = labels[d.status];
      summary.appendChild(item);
    });
    var views = slot(body, "clauses");
    diffs.forEach(function (d) { views.appendChild(clauseBlock(d)); });
    result.replaceChildren(body);
  }

  function load(option) {
    return fetch(option.dataset.clauses).then(function (response) {
      if (!response.ok) throw new Error(response.status + " " + option.dataset.clauses);
      return response.json();
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

  function option(select, id) {
    return Array.prototype.find.call(select.options, function (o) { return o.value === id; });
  }

  /* The choice lives in the address (?from=&to=), so a comparison can be shared; the page never submits
     anything (its policy is form-action 'none'): choosing only changes the address and the view. */
  function show() {
    var params = new URLSearchParams(window.location.search);
    var options = form.elements.from.options;
    var fromId = params.get("from") || (options.length > 1 ? options[options.length - 2].value : options[0] && options[0].value);
    var toId = params.get("to") || (options.length ? options[options.length - 1].value : null);
    form.elements.material.checked = params.get("material") === "1";
    syncOptions();
    var from = option(form.elements.from, fromId), to = option(form.elements.to, toId);
    // A version the address names but the notice does not have leaves its selector empty, never showing
    // another version as if it had been chosen.
    form.elements.from.selectedIndex = from ? from.index : -1;
    form.elements.to.selectedIndex = to ? to.index : -1;
    message.hidden = true;
    if (!from || !to || fromId === toId) {
      result.replaceChildren();
      var unknown = !from ? fromId : toId;
      message.textContent = !from || !to ? message.dataset.unknown.replace("{id}", String(unknown).slice(0, 40))
                                         : message.dataset.same;
      message.hidden = false;
      return;
    }
    Promise.all([load(from), load(to)]).then(function (pair) {
      render(pair[0], pair[1]);
    }, function () {
      // A page opened as a file may not fetch other files: say what to do instead.
      document.getElementById("notice-compare-offline").hidden = false;
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var params = new URLSearchParams();
    params.set("from", form.elements.from.value);
    params.set("to", form.elements.to.value);
    if (form.elements.material.checked) params.set("material", "1");
    window.history.pushState(null, "", "?" + params.toString());
    show();
  });
  window.addEventListener("popstate", show);
  form.elements.material.addEventListener("change", syncOptions);
  show();
})();
