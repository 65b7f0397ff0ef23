// Loaded between require.js and the ipywidgets HTML manager on pages with saved widget state
// (nb_ipywidgets_js in _config.yml). The HTML manager asks require.js for every third-party
// widget module (anywidget for the sentence editor) and falls back to a CDN when that fails:
// point require.js at the copies in _static/vendor so the CDN is never needed.
(function () {
  "use strict";
  var script = document.currentScript;
  var staticRoot = script.src.replace(/[?#].*$/, "").replace(/[^/]*$/, "");
  window.requirejs.config({
    paths: {
      anywidget: staticRoot + "vendor/anywidget/index"
    }
  });
})();
