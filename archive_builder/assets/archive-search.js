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

  // The index may be split into shards (pagefind/, pagefind-1/, ...): ranking a word found on most
  // pages costs more than linearly in their number, so several small bundles answer sooner than one.
  // Pagefind searches them together (one WebAssembly module) and merges the results by score.
  var shardsNode = document.querySelector('meta[name="archive-search-shards"]');
  var SHARDS = Math.max(1, parseInt(shardsNode ? shardsNode.getAttribute("content") : "1", 10) || 1);

  function load() {
    if (!engine) {
      engine = import(new URL("pagefind/pagefind.js", base).href).then(function (pf) {
        var opts = { baseUrl: base.pathname, excerptLength: 24 };
        return pf.options(opts).then(function () {
          var merged = [];
          for (var i = 1; i < SHARDS; i++) {
            merged.push(pf.mergeIndex(new URL("pagefind-" + i + "/", base).pathname, opts));
          }
          return Promise.all(merged);
        }).then(function () { return pf; });
      });
    }
    return engine;
  }

  // Sorted by date, each shard's results come in date order but the merge is by score (Pagefind
  // scores a sorted result by its rank in its shard): the first MAX_RESULTS of every shard are
  // fetched and put in date order here.
  function firstItems(search, sort) {
    var take = sort ? MAX_RESULTS * SHARDS : MAX_RESULTS;
    return Promise.all(search.results.slice(0, take).map(function (r) { return r.data(); })).then(function (items) {
      if (!sort || SHARDS === 1) { return items.slice(0, MAX_RESULTS); }
      var key = Object.keys(sort)[0];
      var down = sort[key] === "desc";
      var dated = items.map(function (item, i) { return [(item.meta && item.meta[key]) || null, i, item]; });
      dated.sort(function (a, b) {
        if (a[0] === b[0]) { return a[1] - b[1]; }
        if (a[0] === null) { return 1; }
        if (b[0] === null) { return -1; }
        return (a[0] < b[0] ? -1 : 1) * (down ? -1 : 1);
      });
      return dated.slice(0, MAX_RESULTS).map(function (d) { return d[2]; });
    });
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
    var panel = document.createElement("div");
    panel.className = "ab-search__panel";
    panel.hidden = true;
    var filters = document.createElement("div");
    filters.className = "ab-search__filters";
    var results = document.createElement("ol");
    results.className = "ab-search__results";
    panel.appendChild(filters);
    panel.appendChild(results);
    var status = document.createElement("div");
    status.className = "ab-search__status";
    status.setAttribute("aria-live", "polite");
    box.appendChild(input);
    box.appendChild(status);
    box.appendChild(panel);
    var source = inner.querySelector(".md-header__source");
    inner.insertBefore(box, source);
    wire(input, panel, filters, results, status);
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
      var date = data.meta && data.meta.date;
      var time = null;
      if (date) {
        time = document.createElement("time");
        time.className = "ab-search__date";
        time.textContent = date;
        time.setAttribute("datetime", date);
      }
      var excerpt = document.createElement("div");
      excerpt.className = "ab-search__excerpt";
      excerpt.appendChild(excerptNodes(data.excerpt));
      a.appendChild(title);
      if (time) { a.appendChild(time); }
      a.appendChild(excerpt);
      li.appendChild(a);
      results.appendChild(li);
    });
    status.textContent = total ? total + (total === 1 ? " result" : " results") : "No results for \u201c" + term + "\u201d";
  }

  // Filters (kind of page, outlet, year, person) and sort, from the index's own filter values.
  var FILTERS = [["kind", "Kind of page"], ["outlet", "Outlet"], ["year", "Year"], ["person", "Person"]];
  var MAX_OPTIONS = 60;

  function select(name, label, values) {
    var wrap = document.createElement("label");
    wrap.className = "ab-search__filter";
    wrap.appendChild(document.createTextNode(label + " "));
    var sel = document.createElement("select");
    sel.name = name;
    var any = document.createElement("option");
    any.value = "";
    any.textContent = "any";
    sel.appendChild(any);
    values.forEach(function (v) {
      var option = document.createElement("option");
      option.value = v[0];
      option.textContent = v[1];
      sel.appendChild(option);
    });
    wrap.appendChild(sel);
    return wrap;
  }

  function buildFilters(filters, pf, onChange) {
    if (filters.getAttribute("data-built")) { return Promise.resolve(); }
    filters.setAttribute("data-built", "1");
    return pf.filters().then(function (available) {
      FILTERS.forEach(function (f) {
        var counts = (available && available[f[0]]) || {};
        var values = Object.keys(counts).sort(function (a, b) {
          return f[0] === "year" ? (a < b ? 1 : -1) : (counts[b] - counts[a]) || (a < b ? -1 : 1);
        }).slice(0, MAX_OPTIONS);
        if (!values.length) { return; }
        filters.appendChild(select(f[0], f[1], values.map(function (v) { return [v, v + " (" + counts[v] + ")"]; })));
      });
      filters.appendChild(select("sort", "Sort", [["date:desc", "newest first"], ["date:asc", "oldest first"]]));
      filters.querySelectorAll("select").forEach(function (sel) { sel.addEventListener("change", onChange); });
    });
  }

  function options(filters) {
    var chosen = {};
    var sort = null;
    filters.querySelectorAll("select").forEach(function (sel) {
      if (!sel.value) { return; }
      if (sel.name === "sort") {
        var parts = sel.value.split(":");
        sort = {}; sort[parts[0]] = parts[1];
      } else { chosen[sel.name] = sel.value; }
    });
    var out = { filters: chosen };
    if (sort) { out.sort = sort; }
    return out;
  }

  function wire(input, panel, filters, results, status) {
    var latest = 0;
    function run() {
      var term = input.value.trim();
      var ticket = ++latest;
      if (!term) { panel.hidden = true; status.textContent = ""; return; }
      var loaded = null;
      var chosen = options(filters);
      load().then(function (pf) {
        loaded = pf;
        return pf.debouncedSearch(term, chosen, 80);
      }).then(function (search) {
        if (!search || ticket !== latest) { return null; }
        return firstItems(search, chosen.sort)
          .then(function (items) {
            if (ticket === latest) { show(results, status, items, search.results.length, term); panel.hidden = false; }
            // the filter lists load after the first results, not before them (a few hundred ms on
            // a large archive); until they are shown no filter can be chosen
            return buildFilters(filters, loaded, run).catch(function () { filters.textContent = ""; });
          });
      }).catch(function () { status.textContent = "Search is not available on this copy of the site."; });
    }
    input.addEventListener("focus", function () { load(); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { input.value = ""; panel.hidden = true; status.textContent = ""; }
      if (event.key === "Enter") {
        var first = results.querySelector("a");
        if (first) { window.location.href = first.href; }
      }
    });
    input.addEventListener("input", run);
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", build); } else { build(); }
})();
