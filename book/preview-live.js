// Added by ./run.sh preview while serving (not part of the built book): reload after each
// rebuild and show the warnings the published build would stop on.
(function () {
  var seen = null;
  function show(problems) {
    var box = document.getElementById("preview-problems");
    if (!problems.length) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement("section");
      box.id = "preview-problems";
      box.setAttribute("role", "alert");
      box.setAttribute("aria-label", "Build warnings");
      box.style.cssText = "position:fixed;bottom:0;left:0;right:0;z-index:10000;max-height:40vh;" +
        "overflow:auto;background:#fff4e5;color:#3d2100;border-top:3px solid #b35900;" +
        "padding:0.5em 1em;font:14px/1.4 sans-serif;white-space:pre-wrap";
      document.body.appendChild(box);
    }
    box.textContent = "Preview: " + problems.length +
      " warning(s); the published build (-W -n) would stop on them:\n\n" + problems.join("\n\n");
  }
  function poll() {
    fetch("/_preview/status", {cache: "no-store"}).then(function (r) { return r.json(); })
      .then(function (s) {
        if (!s.building) {
          if (seen !== null && s.build !== seen) { location.reload(); return; }
          seen = s.build;
          show(s.problems);
        }
      }).catch(function () {}).then(function () { setTimeout(poll, 500); });
  }
  poll();
})();
