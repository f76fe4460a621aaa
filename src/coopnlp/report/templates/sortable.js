// Sort a table by the clicked column: numbers as numbers, the rest as text.
(function () {
  function value(row, index) {
    var cell = row.cells[index];
    return cell ? cell.textContent.trim() : "";
  }
  function compare(a, b) {
    var x = parseFloat(a), y = parseFloat(b);
    var numeric = /^-?[\d.]+$/;
    if (numeric.test(a) && numeric.test(b)) { return x - y; }
    return a.localeCompare(b);
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var headers = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(headers, function (th, index) {
      th.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (r, s) {
          var a = value(r, index), b = value(s, index);
          if (a === "" || b === "") { return (a === "") - (b === ""); }  // blanks last
          return ascending ? compare(a, b) : -compare(a, b);
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
})();
