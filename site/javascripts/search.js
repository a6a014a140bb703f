/* lawtool: article numbers in the search box.
 *
 * lunr's query parser reads «447-1» as «447» and NOT «1» (a hyphen after a separator is its
 * «must not contain» operator), so the article itself is excluded.  A hyphen typed between two
 * digits (ASCII or Arabic-Indic) is replaced, as the reader types, by U+2011 NON-BREAKING
 * HYPHEN, which looks the same and which the search separator (mkdocs.yml) does not split:
 * «447‑1» is then one word, found in the hidden search line lawtool writes under each article
 * with the number's variants (447‑1, 1‑447, ٤٤٧‑١, ١‑٤٤٧).  Nothing else is changed or sent. */
document.addEventListener("input", function (event) {
  var input = event.target;
  if (!input || !input.matches || !input.matches("input.md-search__input")) {
    return;
  }
  var fixed = input.value.replace(/([0-9\u0660-\u0669\u06f0-\u06f9])-(?=[0-9\u0660-\u0669\u06f0-\u06f9])/g, "$1\u2011");
  if (fixed !== input.value) {
    var caret = input.selectionStart;
    input.value = fixed;
    input.setSelectionRange(caret, caret);
  }
}, true);
