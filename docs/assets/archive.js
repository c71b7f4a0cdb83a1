// archive-builder: give Material's search dialog an accessible name (axe-core rule aria-dialog-name).
document.querySelectorAll('.md-search[role="dialog"]:not([aria-label])').forEach(function (dialog) {
  dialog.setAttribute("aria-label", "Search");
});

// archive-builder: the site's own small enhancements (no library). Every page works without them.
(function () {
  "use strict";

  // Sortable, filterable index tables: <div data-ab-sortable><table>; a cell's data-sort is its key.
  function cellKey(row, col) {
    var cell = row.cells[col];
    return cell ? (cell.getAttribute("data-sort") || cell.textContent.trim().toLowerCase()) : "";
  }
  function sortable(box) {
    var table = box.querySelector("table");
    if (!table || !table.tHead || !table.tBodies.length) { return; }
    var body = table.tBodies[0];
    var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
    heads.forEach(function (th, col) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "ab-sort";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellKey(a, col), y = cellKey(b, col);
          if (x === y) { return 0; }
          if (x === "") { return 1; }
          if (y === "") { return -1; }
          return (x < y ? -1 : 1) * (ascending ? 1 : -1);
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
    var label = document.createElement("label");
    label.className = "ab-filter";
    label.textContent = "Filter ";
    var input = document.createElement("input");
    input.type = "search";
    input.placeholder = "name or alias";
    label.appendChild(input);
    var status = document.createElement("span");
    status.className = "ab-filter-count";
    status.setAttribute("aria-live", "polite");
    label.appendChild(status);
    box.parentNode.insertBefore(label, box);
    input.addEventListener("input", function () {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      Array.prototype.forEach.call(body.rows, function (row) {
        var text = row.getAttribute("data-filter") || row.textContent.toLowerCase();
        var ok = words.every(function (w) { return text.indexOf(w) >= 0; });
        row.hidden = !ok;
        if (ok) { shown += 1; }
      });
      status.textContent = words.length ? " " + shown + " shown" : "";
    });
  }
  document.querySelectorAll("[data-ab-sortable]").forEach(sortable);

  // "Cite this page": the site-relative address written at build time becomes absolute here.
  document.querySelectorAll(".ab-cite[data-ab-url]").forEach(function (box) {
    var rel = box.getAttribute("data-ab-url");
    var canonical = document.querySelector('link[rel="canonical"]');
    var absolute = canonical ? canonical.href : window.location.href.split("#")[0].split("?")[0];
    var link = box.querySelector(".ab-permalink");
    if (link) { link.textContent = absolute; link.href = absolute; }
    var bib = box.querySelector(".ab-cite-bibtex code");
    if (bib) { bib.textContent = bib.textContent.replace("url = {" + rel + "}", "url = {" + absolute + "}"); }
    var csl = box.querySelector(".ab-cite-csl code");
    if (csl) {
      try {
        var items = JSON.parse(csl.textContent);
        items.forEach(function (item) { item.URL = absolute; });
        csl.textContent = JSON.stringify(items, null, 2);
      } catch (e) { /* leave the build-time text */ }
    }
  });

  // A link to a closed <details> (the date's evidence) opens it.
  function openTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (target && target.tagName === "DETAILS") { target.open = true; }
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
})();

// The timeline's filter: keep the events and articles of one person or place (data-who lists them).
(function () {
  "use strict";
  var box = document.querySelector(".ab-timeline-filter");
  var select = document.getElementById("ab-timeline-who");
  if (!box || !select) { return; }
  box.hidden = false;
  var status = box.querySelector(".ab-filter-count");
  select.addEventListener("change", function () {
    var who = select.value;
    var shown = 0;
    // each month: its heading (h2.ab-tl-month), its list (ul.ab-tl), maybe a "more" paragraph
    document.querySelectorAll("h2.ab-tl-month").forEach(function (heading) {
      var next = heading.nextElementSibling;
      var list = next && next.classList.contains("ab-tl") ? next : null;
      var visible = 0;
      if (list) {
        list.querySelectorAll("li[data-who]").forEach(function (item) {
          var ok = !who || (" " + item.getAttribute("data-who") + " ").indexOf(" " + who + " ") >= 0;
          item.hidden = !ok;
          if (ok) { visible += 1; }
        });
        list.hidden = visible === 0;
      }
      heading.hidden = who ? visible === 0 : false;
      var more = list ? list.nextElementSibling : next;
      if (more && more.classList.contains("ab-tl-more")) { more.hidden = !!who; }
      shown += visible;
    });
    status.textContent = who ? shown + " shown" : "";
  });
})();
