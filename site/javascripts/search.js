/* lawtool: the site's search page (search/?q=...).
 *
 * Every page has a plain search form (site/overrides/main.html) that opens search/?q=...; only that
 * page loads the Pagefind index (pagefind/pagefind.js and the parts of the index a query needs).
 * The query is folded as lawtool.publish.search.fold does for the indexed text (alef forms, alef
 * maqsura, ta marbuta, tatweel, diacritics, Arabic-Indic and Persian digits, Persian kaf and yeh, ؤ ئ → ء); Pagefind stems both
 * with its Arabic stemmer.  A query that is an article number («الفصل ٤٤٧-١», «1-447», «المادة 12
 * مكررة», «المادة 10 من القانون 103.13», «المادة الأولى», «المادة الحادية عشرة») is answered from the index's number filters and jumps to
 * the article when only one has it.  A result shows the article's heading and an excerpt of its own
 * text around the first word of the query (never the indexed text).  See docs/site.md. */
(function () {
  "use strict";
  var box = document.getElementById("lt-search");
  if (!box) {
    return;
  }
  var DIACRITICS = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]/;
  var INVISIBLE = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u00ad]/;
  var FOLD = {"\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627",
              "\u0649": "\u064a", "\u0629": "\u0647", "\u0640": "", "\u0624": "\u0621", "\u0626": "\u0621",
              "\u06a9": "\u0643", "\u06cc": "\u064a"};
  var STOP = ["في", "من", "علي", "الي", "عن", "او", "و", "ثم", "مع", "ضد", "بين"];  /* folded */
  var BIS = {"مكرر": "bis", "مكرره": "bis", "ثانيا": "bis"};
  var NUMBER = new RegExp("^(?:(?:ال)?(?:فصل|ماده)\\s*)?(\\d+(?:\\s*[-\u2010-\u2014./]\\s*\\d+)*)" +
                          "\\s*(مكرر|مكرره|ثانيا)?(?:\\s+من\\s+(?:ال)?(?:قانون|ظهير|مرسوم)?\\s*(?:رقم\\s*)?(\\d+(?:[.\\-]\\d+)*))?$");

  /* the normalised text and, for each of its characters, its place in the original */
  function fold(text) {
    var out = [];
    var where = [];
    for (var i = 0; i < text.length; i++) {
      var c = text[i];
      if (/[\ufb50-\ufdff\ufe70-\ufefe]/.test(c)) {
        c = c.normalize("NFKC");
      }
      if (DIACRITICS.test(c) || INVISIBLE.test(c)) {
        continue;
      }
      if (c >= "\u0660" && c <= "\u0669") {
        c = String(c.charCodeAt(0) - 0x660);
      } else if (c >= "\u06f0" && c <= "\u06f9") {
        c = String(c.charCodeAt(0) - 0x6f0);
      }
      if (Object.prototype.hasOwnProperty.call(FOLD, c)) {
        c = FOLD[c];
      }
      for (var k = 0; k < c.length; k++) {
        out.push(c[k]);
        where.push(i);
      }
    }
    return {text: out.join(""), where: where};
  }

  function normalise(text) {
    return fold(text).text.replace(/\s+/g, " ").trim();
  }

  /* the bare form of a word: without و ف, ب ك ل and ال (as lawtool.arabic.stems) */
  function bare(word) {
    var w = word;
    if (/^[وف]/.test(w) && w.length > 3) { w = w.slice(1); }
    if (/^لل/.test(w) && w.length > 4) { w = w.slice(2); } else if (/^[بكل]/.test(w) && w.length > 3) { w = w.slice(1); }
    if (/^ال/.test(w) && w.length > 4) { w = w.slice(2); }
    return w;
  }

  function numberQuery(query) {
    var m = NUMBER.exec(query);
    if (!m) {
      return null;
    }
    var parts = m[1].split(/\s*[-\u2010-\u2014./]\s*/);
    var tail = m[2] ? "-" + BIS[m[2]] : "";
    var numbers = [parts.join("-") + tail];
    if (parts.length > 1 && !m[2]) {
      numbers.push(parts.slice().reverse().join("-"));
    }
    var filters = {number: {any: numbers}};
    if (m[3]) {
      filters.law = m[3].replace(/-/g, ".");
    }
    return filters;
  }

  /* «الماده الحاديه عشره» → «الماده 11»: an article number written as an ordinal (the eId rules'
   * words, search/defined.json): one unit or tens word («الاولي», «العشرون»), a unit and «عشر(ه)»
   * («الحاديه عشره»), or a unit and «و» + tens («الحاديه والعشرون»); anything else («الاولي
   * والثانيه»: two articles) is left as it is, as is every other query */
  var ORDINAL = /^((?:ال)?(?:فصل|ماده))\s+(.+?)((?:\s+(?:مكرر|مكرره|ثانيا))?(?:\s+من\s+.*)?)$/;
  async function ordinalsRead(query) {
    var m = ORDINAL.exec(query);
    if (!m || /\d/.test(m[2])) {
      return query;
    }
    var data = await searchData();
    var value = ordinalValue(m[2].split(" "), data.ordinals || {}, data.tens || {});
    return value === null ? query : m[1] + " " + value + m[3];
  }

  function ordinalValue(words, ordinals, tens) {
    function own(table, w) { return Object.prototype.hasOwnProperty.call(table, w) ? table[w] : null; }
    function bare(w) { return /^ال/.test(w) ? w.slice(2) : w; }
    var first = bare(words[0]);
    if (words.length === 1) {
      return own(ordinals, first) !== null ? own(ordinals, first) : own(tens, first);
    }
    var unit = own(ordinals, first);
    if (words.length !== 2 || unit === null) {
      return null;
    }
    var second = words[1];
    if (own(tens, bare(second)) === 10) {
      return unit + 10;  /* «الحاديه عشره» */
    }
    var ten = /^و/.test(second) ? own(tens, bare(second.slice(1))) : null;
    return ten !== null && ten >= 20 ? unit + ten : null;  /* «الحاديه والعشرون» */
  }

  function excerpt(text, words) {
    var folded = fold(text);
    var at = -1;
    var length = 0;
    for (var i = 0; i < words.length && at < 0; i++) {
      /* the word, then shorter (the stemmer matched «أساء» for «إساءة») */
      var w = bare(words[i]);
      for (var cut = 0; cut <= 2 && at < 0 && w.length - cut >= 3; cut++) {
        at = folded.text.indexOf(w.slice(0, w.length - cut));
        length = w.length - cut;
      }
    }
    var p = document.createElement("p");
    p.className = "lt-excerpt";
    if (at < 0) {
      p.textContent = text.length > 240 ? text.slice(0, 240) + " …" : text;
      return p;
    }
    var start = folded.where[at];
    var end = folded.where[Math.min(at + length, folded.where.length) - 1] + 1;
    var from = Math.max(0, start - 110);
    var to = Math.min(text.length, end + 130);
    p.appendChild(document.createTextNode((from > 0 ? "… " : "") + text.slice(from, start)));
    var mark = document.createElement("mark");
    mark.textContent = text.slice(start, end);
    p.appendChild(mark);
    p.appendChild(document.createTextNode(text.slice(end, to) + (to < text.length ? " …" : "")));
    return p;
  }

  function say(message) {
    var status = document.getElementById("lt-search-status");
    status.textContent = message;
  }

  /* The defined terms (search/defined.json, folded) of which every word of the query is a word,
   * bare forms compared by their beginnings («اغتصاب» is in «اغتصابا رقميا»). */
  var pageData = null;
  async function searchData() {
    if (pageData === null) {
      try {
        var answer = await fetch(box.getAttribute("data-base") + "search/defined.json");
        pageData = answer.ok ? await answer.json() : {};
      } catch (e) {
        pageData = {};
      }
    }
    return pageData;
  }

  async function definedTerms(words) {
    var defined = (await searchData()).terms || [];
    var wanted = words.map(bare).filter(function (w) { return w.length >= 2; });
    if (!wanted.length) {
      return [];
    }
    return defined.filter(function (term) {
      var own = term.split(" ").map(bare);
      return wanted.every(function (w) {
        return own.some(function (t) { return t.length >= 3 && (t.indexOf(w) === 0 || w.indexOf(t) === 0); });
      });
    });
  }

  /* Each word of the query is searched as it is typed and in its bare form (Pagefind's stemmer
   * leaves some clitics: «والتهديد»); an article ranks by the number of the query's words it holds,
   * then by the sum of their scores and Pagefind's score of the whole query (see below for the
   * articles that define the words and those that have them as a phrase). */
  async function ranked(pagefind, query) {
    var words = query.split(" ").filter(function (w) { return w && STOP.indexOf(w) < 0; });
    var score = {};
    var byId = {};
    for (var i = 0; i < words.length; i++) {
      var forms = [words[i]];
      if (bare(words[i]) !== words[i]) { forms.push(bare(words[i])); }
      var best = {};
      for (var k = 0; k < forms.length; k++) {
        var found = await pagefind.search(forms[k]);
        found.results.forEach(function (r) {
          best[r.id] = Math.max(best[r.id] || 0, r.score);
          byId[r.id] = r;
        });
      }
      Object.keys(best).forEach(function (id) { score[id] = (score[id] || 0) + 1000 + best[id]; });
    }
    /* an article that defines the words searched for («عنف»: the definitions of violence) counts
       one word more */
    var terms = await definedTerms(words);
    if (terms.length) {
      var defining = await pagefind.search(null, {filters: {defines: {any: terms}}});
      defining.results.forEach(function (r) {
        byId[r.id] = byId[r.id] || r;
        score[r.id] = (score[r.id] || 1000 * words.length) + 1000;
      });
    }
    if (query.indexOf(" ") > 0) {
      /* the words as a phrase, one after the other («امراه حامل»), count half a word more */
      var phrase = await pagefind.search('"' + query + '"');
      phrase.results.forEach(function (r) { if (score[r.id]) { score[r.id] += 500; } });
    }
    if (words.length > 1) {
      /* Pagefind's own ranking of the whole query breaks the ties */
      var whole = await pagefind.search(words.join(" "));
      whole.results.forEach(function (r) { if (score[r.id]) { score[r.id] += 2 * r.score; } });
    }
    return Object.keys(score).sort(function (a, b) { return score[b] - score[a]; })
      .map(function (id) { return byId[id]; });
  }

  async function run() {
    var params = new URLSearchParams(window.location.search);
    var raw = (params.get("q") || "").trim();
    var input = document.getElementById("lt-q");
    if (input) { input.value = raw; }
    if (!raw) {
      return;
    }
    var query = normalise(raw);
    say("جار البحث…");
    var pagefind = await import(box.getAttribute("data-pagefind"));
    /* long articles are penalised less than by default, repeated words count less; the meta text
       (the article as written, for the excerpt, not folded) and number do not rank */
    await pagefind.options({ranking: {termSaturation: 0.6, pageLength: 0.3, metaWeights: {text: 0, number: 0}}, baseUrl: new URL(box.getAttribute("data-base"), window.location.href).pathname});
    var filters = numberQuery(await ordinalsRead(query));
    var results = filters ? (await pagefind.search(null, {filters: filters})).results : await ranked(pagefind, query);
    if (filters && results.length === 0) {
      results = await ranked(pagefind, query);
      filters = null;
    }
    var shown = await Promise.all(results.slice(0, 10).map(function (r) { return r.data(); }));
    if (filters) {
      /* the articles that have the number themselves come before those that insert it elsewhere;
         when only one has it, the page goes to it */
      var own = shown.filter(function (d) { return filters.number.any.indexOf(d.meta.number) >= 0; });
      if (own.length === 1) {
        window.location.replace(own[0].url);
        return;
      }
      shown = own.concat(shown.filter(function (d) { return own.indexOf(d) < 0; }));
    }
    var list = document.getElementById("lt-results");
    list.textContent = "";
    var words = query.split(" ");
    shown.forEach(function (data) {
      var item = document.createElement("li");
      var a = document.createElement("a");
      a.href = data.url;
      a.className = "lt-result-title";
      a.textContent = data.meta.title || data.url;
      item.appendChild(a);
      if (data.meta.text) {
        item.appendChild(excerpt(data.meta.text, words));
      }
      list.appendChild(item);
    });
    say(results.length === 0 ? "لا نتيجة لهذا البحث." :
        "النتائج: " + results.length + (results.length > 10 ? " (تعرض أول 10)" : ""));
  }

  run().catch(function () {
    say("تعذر البحث: لم يحمل فهرس البحث.");
  });
})();
