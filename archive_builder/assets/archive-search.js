/* archive-builder: Pagefind search in Material's header.
 * Every string from the index (titles, excerpts, addresses) is shown as text, never as HTML:
 * excerpts are split on Pagefind's <mark> tags and each piece is decoded in an inert document. */
(function () {
  "use strict";
  var MAX_RESULTS = 10;
  var configNode = document.getElementById("__config");
  var config = {};
  try { config = JSON.parse(configNode ? configNode.textContent : "{}"); } catch (e) { config = {}; }
  var base = new URL((config.base || ".").replace(/\/?$/, "/"), window.location.href);
  var engine = null;

  function load() {
    if (!engine) {
      engine = import(new URL("pagefind/pagefind.js", base).href).then(function (pf) {
        return pf.options({ baseUrl: base.pathname, excerptLength: 24 }).then(function () { return pf; });
      });
    }
    return engine;
  }

  function decoded(html) {
    return new DOMParser().parseFromString("<!doctype html><body>" + html, "text/html").body.textContent || "";
  }

  function excerptNodes(excerpt) {
    var out = document.createDocumentFragment();
    var marked = false;
    String(excerpt || "").split(/(<mark>|<\/mark>)/).forEach(function (piece) {
      if (piece === "<mark>") { marked = true; return; }
      if (piece === "</mark>") { marked = false; return; }
      if (!piece) { return; }
      var text = document.createTextNode(decoded(piece));
      if (marked) { var m = document.createElement("mark"); m.appendChild(text); out.appendChild(m); }
      else { out.appendChild(text); }
    });
    return out;
  }

  function safeHref(url) {
    var target = new URL(String(url || ""), window.location.href);
    return (target.protocol === "http:" || target.protocol === "https:") ? target.href : "#";
  }

  function build() {
    var inner = document.querySelector(".md-header__inner");
    if (!inner || document.querySelector(".ab-search")) { return; }
    var box = document.createElement("div");
    box.className = "ab-search";
    box.setAttribute("role", "search");
    var input = document.createElement("input");
    input.type = "search";
    input.className = "ab-search__input";
    input.placeholder = "Search";
    input.setAttribute("aria-label", "Search the archive");
    input.autocomplete = "off";
    var results = document.createElement("ol");
    results.className = "ab-search__results";
    results.hidden = true;
    var status = document.createElement("div");
    status.className = "ab-search__status";
    status.setAttribute("aria-live", "polite");
    box.appendChild(input);
    box.appendChild(status);
    box.appendChild(results);
    var source = inner.querySelector(".md-header__source");
    inner.insertBefore(box, source);
    wire(input, results, status);
  }

  function show(results, status, items, total, term) {
    results.textContent = "";
    items.forEach(function (data) {
      var li = document.createElement("li");
      li.className = "ab-search__result";
      var a = document.createElement("a");
      a.href = safeHref(data.url);
      var title = document.createElement("div");
      title.className = "ab-search__title";
      title.textContent = (data.meta && data.meta.title) || data.url;
      var excerpt = document.createElement("div");
      excerpt.className = "ab-search__excerpt";
      excerpt.appendChild(excerptNodes(data.excerpt));
      a.appendChild(title);
      a.appendChild(excerpt);
      li.appendChild(a);
      results.appendChild(li);
    });
    status.textContent = total ? total + (total === 1 ? " result" : " results") : "No results for \u201c" + term + "\u201d";
    results.hidden = false;
  }

  function wire(input, results, status) {
    var latest = 0;
    input.addEventListener("focus", function () { load(); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { input.value = ""; results.hidden = true; status.textContent = ""; }
      if (event.key === "Enter") {
        var first = results.querySelector("a");
        if (first) { window.location.href = first.href; }
      }
    });
    input.addEventListener("input", function () {
      var term = input.value.trim();
      var ticket = ++latest;
      if (!term) { results.hidden = true; status.textContent = ""; return; }
      load().then(function (pf) {
        return pf.debouncedSearch(term, {}, 80);
      }).then(function (search) {
        if (!search || ticket !== latest) { return null; }
        return Promise.all(search.results.slice(0, MAX_RESULTS).map(function (r) { return r.data(); }))
          .then(function (items) { if (ticket === latest) { show(results, status, items, search.results.length, term); } });
      }).catch(function () { status.textContent = "Search is not available on this copy of the site."; });
    });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", build); } else { build(); }
})();
