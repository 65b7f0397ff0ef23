// Click-to-load video. The page ships only a button; no request reaches the video host until
// the learner presses it, and then only the privacy-enhanced (youtube-nocookie) player is used.
(function () {
  "use strict";
  var ALLOWED = /^https:\/\/www\.youtube-nocookie\.com\/embed\/[A-Za-z0-9_-]{6,20}$/;

  function loadVideo(button) {
    var src = button.getAttribute("data-video-src") || "";
    if (!ALLOWED.test(src)) {
      return;  // only ever embed the player we promised on the page
    }
    var frame = document.createElement("iframe");
    frame.src = src + "?autoplay=1&rel=0";
    frame.title = button.getAttribute("data-video-title") || "Video";
    frame.className = "video-consent__frame";
    frame.setAttribute("allow", "autoplay; encrypted-media; picture-in-picture; fullscreen");
    frame.setAttribute("allowfullscreen", "");
    frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    frame.tabIndex = 0;
    button.parentNode.replaceChild(frame, button);
    frame.focus();
  }

  function init() {
    var buttons = document.querySelectorAll("button.video-consent__button");
    Array.prototype.forEach.call(buttons, function (button) {
      button.hidden = false;  // hidden in the HTML so readers without JavaScript see the link instead
      button.addEventListener("click", function () { loadVideo(button); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
