// Progressive enhancement of the letter batch page: while the batch runs, fetch its progress
// every two seconds and swap it in place (a <meta> refresh would reload the whole page and
// fails WCAG 2.2.1). Without JavaScript the page offers an "update now" link instead.
document.addEventListener("DOMContentLoaded", function () {
  var region = document.getElementById("batch-progress");
  if (!region || !window.fetch) { return; }
  var url = region.getAttribute("data-progress-url");
  function poll() {
    if (!region.querySelector("[data-running]")) { return; }
    window.setTimeout(function () {
      fetch(url, {credentials: "same-origin", headers: {"X-Requested-With": "fetch"}})
        .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
        .then(function (html) { region.innerHTML = html; poll(); })
        .catch(function () { poll(); });
    }, 2000);
  }
  poll();
});
