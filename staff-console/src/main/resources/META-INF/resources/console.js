// After htmx swaps in a panel, put the cursor where the scanner types next (htmx leaves focus on the old field).
document.addEventListener("htmx:afterSettle", function (event) {
  var next = event.detail.target.querySelector("[autofocus]");
  if (next) { next.focus(); if (next.select) { next.select(); } }
});
