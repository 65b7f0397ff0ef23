// Trainer view: one switch on every page shows or hides every "Notes for trainers" box.
// The choice is remembered across pages (localStorage). Without JavaScript this file never runs,
// the class below is never set, and the notes stay visible: a reader can always see them.
(function () {
  "use strict";
  var KEY = "learning-circles-trainer-view";
  var root = document.documentElement;

  function remembered() {
    try { return window.localStorage.getItem(KEY) === "on"; } catch (e) { return false; }
  }
  function remember(on) {
    try { window.localStorage.setItem(KEY, on ? "on" : "off"); } catch (e) { /* private mode */ }
  }
  function apply(on, button) {
    root.classList.toggle("trainer-view-on", on);
    if (button) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
    }
  }

  // Set before the page is drawn (this script is in <head>), so hidden notes never flash.
  root.classList.add("trainer-view-ready");
  apply(remembered(), null);

  function init() {
    var article = document.querySelector("article.bd-article") || document.querySelector("main");
    if (!article || document.querySelector("button.trainer-view-switch")) {
      return;
    }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "trainer-view-switch";
    button.textContent = "Trainer view";
    button.title = "Show or hide the notes for trainers on every page";
    apply(remembered(), button);
    button.addEventListener("click", function () {
      var on = button.getAttribute("aria-pressed") !== "true";
      remember(on);
      apply(on, button);
    });
    article.insertBefore(button, article.firstChild);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
