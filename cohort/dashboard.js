// The cohort dashboard's overview: sort the learners' rows (by name, progress, "needs a look")
// and show only those who need a look. Everything is already in the HTML: without this script
// the full table, sorted by name, is what the trainer sees.
(function () {
  "use strict";
  var table = document.getElementById("overview");
  if (!table || !table.tBodies.length) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows).filter(function (row) { return row.dataset.name !== undefined; });
  var headers = Array.prototype.slice.call(table.tHead.querySelectorAll("th[data-sort]"));
  // The first click sorts the way a trainer looks first: who is behind, who needs a look.
  var firstDirection = { name: "ascending", progress: "ascending", needing: "descending" };

  function byName(a, b) { return a.dataset.name.localeCompare(b.dataset.name); }

  function compare(key, direction) {
    var sign = direction === "ascending" ? 1 : -1;
    return function (a, b) {
      if (key === "name") { return sign * byName(a, b); }
      var difference = Number(a.dataset[key]) - Number(b.dataset[key]);
      return difference !== 0 ? sign * difference : byName(a, b);
    };
  }

  function sortBy(header) {
    var key = header.dataset.sort;
    var current = header.getAttribute("aria-sort");
    var direction = current === "ascending" ? "descending"
      : current === "descending" ? "ascending" : firstDirection[key];
    headers.forEach(function (other) { other.setAttribute("aria-sort", "none"); });
    header.setAttribute("aria-sort", direction);
    rows.slice().sort(compare(key, direction)).forEach(function (row) { body.appendChild(row); });
  }

  headers.forEach(function (header) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    button.textContent = header.textContent;
    header.textContent = "";
    header.appendChild(button);
    if (!header.hasAttribute("aria-sort")) { header.setAttribute("aria-sort", "none"); }
    button.addEventListener("click", function () { sortBy(header); });
  });

  var controls = document.getElementById("overview-controls");
  var onlyNeeding = document.getElementById("only-needing");
  var count = document.getElementById("shown-count");
  function filter() {
    var shown = 0;
    rows.forEach(function (row) {
      row.hidden = onlyNeeding.checked && row.dataset.needing !== "1";
      if (!row.hidden) { shown += 1; }
    });
    count.textContent = "Showing " + shown + " of " + rows.length + " learners.";
  }
  if (controls && onlyNeeding && count) {
    controls.hidden = false;
    onlyNeeding.addEventListener("change", filter);
    filter();
  }
}());
