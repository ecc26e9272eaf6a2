// Progressive enhancement of a public page's filter form (the honour roll): with JavaScript, the results
// follow the typing (after a short pause) and the area choice applies at once, without a page load; without
// it, the form submits as usual. The one script public pages carry: a plain file, allowed by the CSP's
// 'self' (no inline script runs there). The filtered page is fetched as HTML and its results swapped in.
(function () {
  var form = document.querySelector('form[data-live-filter]');
  var region = document.querySelector('[data-live-region]');
  if (!form || !region || !window.fetch || !window.DOMParser) return;
  var timer;
  var pending;
  function go() {
    var qs = new URLSearchParams();
    new FormData(form).forEach(function (v, k) {
      if (typeof v === 'string' && v.trim()) qs.set(k, v.trim());
    });
    var url = new URL(form.action, location.href);
    url.search = qs.toString();
    if (pending) pending.abort();
    pending = new AbortController();
    form.setAttribute('aria-busy', 'true');
    fetch(url, { signal: pending.signal, headers: { accept: 'text/html' } })
      .then(function (res) {
        return res.ok ? res.text() : null;
      })
      .then(function (html) {
        if (html === null) return;
        var doc = new DOMParser().parseFromString(html, 'text/html');
        var next = doc.querySelector('[data-live-region]');
        if (!next) return;
        // A public page carries only the style rules its own markup uses: take the new page's with its results.
        var style = doc.head.querySelector('style');
        var current = document.head.querySelector('style');
        if (style && current) current.replaceWith(style);
        region.replaceWith(next);
        region = next;
        history.replaceState(null, '', url.pathname + url.search);
      })
      .catch(function () {})
      .finally(function () {
        form.removeAttribute('aria-busy');
      });
  }
  form.addEventListener('input', function (e) {
    if (!(e.target instanceof HTMLInputElement)) return;
    clearTimeout(timer);
    timer = setTimeout(go, 300);
  });
  form.addEventListener('change', function (e) {
    if (e.target instanceof HTMLSelectElement) go();
  });
})();
