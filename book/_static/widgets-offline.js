// Loaded between require.js and the ipywidgets HTML manager on pages with saved widget state
// (nb_ipywidgets_js in _config.yml; files copied by book/_ext/static_site.py).
(function () {
  "use strict";
  var here = document.currentScript.src.replace(/[?#].*$/, "").replace(/[^/]*$/, "");
  var vendor = here + "widgets-offline/";
  var manager = vendor + "html-manager/";
  window.requirejs.config({
    paths: {
      // The HTML manager defines these modules itself, and loads its icon fonts from the folder
      // require.js says each one lives in: without these lines that is a folder next to the page
      // (".../notebooks/@jupyter-widgets/...", 404 on every activity page).
      "@jupyter-widgets/base": manager + "base",
      "@jupyter-widgets/base7": manager + "base7",
      "@jupyter-widgets/controls": manager + "controls",
      "@jupyter-widgets/controls7": manager + "controls7",
      "@jupyter-widgets/html-manager": manager + "html-manager",
      "@jupyter-widgets/html-manager/dist/libembed-amd": manager + "libembed-amd",
      // Third-party widget front ends: the HTML manager asks require.js first and only falls back
      // to a CDN when that fails.
      anywidget: vendor + "anywidget/index"
    }
  });
})();
