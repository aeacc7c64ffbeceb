// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", function () {
  // GOV.UK pattern: move focus to the error summary so screen readers announce it.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }
  // Links in the summary focus the field itself, not just scroll to it.
  document.querySelectorAll("[data-error-summary] a[href^='#']").forEach(function (link) {
    link.addEventListener("click", function (event) {
      var target = document.getElementById(link.getAttribute("href").slice(1));
      if (target) { event.preventDefault(); target.focus(); target.scrollIntoView({block: "center"}); }
    });
  });
});
