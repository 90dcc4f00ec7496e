// Added by `actorgraph watch --serve` to the served page only: reload after each rebuild,
// and show the data's problems (as text, never HTML) while it is broken.
(function () {
  var seen = null, banner = null;
  function show(problems) {
    if (!problems.length) { if (banner) { banner.remove(); banner = null; } return; }
    if (!banner) {
      banner = document.createElement('pre');
      banner.id = 'actorgraph-problems';
      banner.style.cssText = 'position:fixed;left:0;right:0;bottom:0;margin:0;max-height:40vh;overflow:auto;' +
        'background:#fff3f0;color:#7a1c00;border-top:3px solid #d55e00;padding:8px 12px;' +
        'font:13px/1.4 ui-monospace,monospace;z-index:99999;white-space:pre-wrap';
      document.body.appendChild(banner);
    }
    banner.textContent = 'The data has problems; this is the last good page.\n' + problems.join('\n');
  }
  async function poll() {
    try {
      var r = await fetch('/__status', {cache: 'no-store'});
      var s = await r.json();
      if (seen !== null && s.version !== seen) { location.reload(); return; }
      seen = s.version;
      show(s.problems);
    } catch (e) { /* the watcher stopped; keep the page */ }
  }
  poll();
  setInterval(poll, 1000);
})();
