// "Try it here": start this page's activity in the page, with Python running in the browser
// (JupyterLite, served by the book itself: book/_ext/lite_site.py). Without JavaScript, or in a
// browser without WebAssembly or service workers, nothing here runs and the page keeps its
// saved picture of the activity and its Launch buttons.
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="lc-try-it"]');
  if (!meta || typeof WebAssembly !== "object" || !("serviceWorker" in navigator) || !window.Promise) return;
  var article = document.querySelector("article.bd-article") || document.querySelector("main");
  var firstCell = article && article.querySelector("div.cell");
  if (!firstCell) return;

  var STARTING = "Starting Python in your browser\u2026 about 20 seconds the first time.";
  var READY = "The activity is running in this page. What you change is saved in this browser only.";

  var box = document.createElement("section");
  box.className = "lc-try-it";
  box.setAttribute("aria-labelledby", "lc-try-it-title");
  box.innerHTML =
    '<h2 id="lc-try-it-title" class="lc-try-it-title">Try it here</h2>' +
    "<p>Run this activity in this page: nothing to install, no account. Python starts in your " +
    "browser. Your work is kept <strong>in this browser only</strong> (on this computer, in this " +
    "browser): use \u201cDownload my work\u201d in the activity to keep a copy.</p>" +
    '<button type="button" class="lc-try-it-start">Try it here</button>' +
    '<p class="lc-try-it-status" role="status" aria-live="polite"></p>';
  firstCell.parentNode.insertBefore(box, firstCell);
  var button = box.querySelector("button");
  var status = box.querySelector(".lc-try-it-status");

  button.addEventListener("click", function () {
    button.disabled = true;
    status.textContent = STARTING;
    var frame = document.createElement("iframe");
    frame.className = "lc-try-it-frame";
    frame.title = "The activity, running in your browser";
    frame.src = meta.content;
    box.appendChild(frame);
    watch(frame);
  });

  // The REPL is on the same site: wait for the activity's widgets, tidy the REPL around them,
  // then let the frame grow with the activity.
  function watch(frame) {
    var timer = window.setInterval(function () {
      var doc = frame.contentDocument;
      if (!doc || !doc.body) return;
      var activity = doc.querySelector(".jp-OutputArea-output .lc-activity, .jp-OutputArea-output .jupyter-widgets");
      if (activity && !box.classList.contains("lc-try-it-ready")) {
        tidy(doc);
        box.classList.add("lc-try-it-ready");
        button.hidden = true;
        status.textContent = READY;
        // The saved picture below shows the same activity: hide it, the live one replaces it.
        firstCell.hidden = true;
      }
      if (activity) {
        // the cells' own height: the console's panel would grow with the frame
        var height = 0;
        doc.querySelectorAll(".jp-CodeConsole-content > .jp-Cell").forEach(function (cell) {
          height += cell.offsetHeight;
        });
        frame.style.height = Math.min(Math.max(height + 40, 400), 8000) + "px";
      }
    }, 500);
  }

  function tidy(doc) {
    if (doc.getElementById("lc-try-it-tidy")) return;
    var style = doc.createElement("style");
    style.id = "lc-try-it-tidy";
    // Only the activity: not its code (as in the book, where the code cell is hidden), not the
    // prompts, and not the empty input line for typing Python (learners never need it).
    style.textContent =
      ".jp-CodeConsole-input, .jp-CodeConsole-split > .lm-SplitPanel-handle," +
      " .jp-Console-cell .jp-Cell-inputWrapper, .jp-InputPrompt, .jp-OutputPrompt { display: none !important; }" +
      " .jp-CodeConsole-content { height: 100% !important; }";
    doc.head.appendChild(style);
  }
})();
