// After htmx swaps in a panel, put the cursor where the scanner types next (htmx leaves focus on the old field).
document.addEventListener("htmx:afterSettle", function (event) {
  var next = event.detail.target.querySelector("[autofocus]");
  if (next) { next.focus(); if (next.select) { next.select(); } }
});

// An htmx request whose OIDC session has ended is answered 499 (no redirect an XHR could follow): load the page
// again as a whole, which signs in through the provider and comes back here.
document.addEventListener("htmx:responseError", function (event) {
  if (event.detail.xhr.status === 499) { window.location.reload(); }
});
