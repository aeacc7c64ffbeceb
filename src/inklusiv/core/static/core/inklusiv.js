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
  document.querySelectorAll("[data-character-count]").forEach(characterCount);
});

// GOV.UK character count: the server renders the limit as a hint ("Höchstens 2.000 Zeichen");
// here it becomes a count that shows at once and is announced politely once typing pauses.
// Typing past the limit is not blocked (pasted text would be cut without notice); the count
// says how much is too much and the server refuses it with the text kept.
function characterCount(wrapper) {
  var field = wrapper.querySelector("textarea, input");
  var hint = wrapper.querySelector("[data-character-count-hint]");
  if (!field || !hint) { return; }
  var limit = parseInt(wrapper.getAttribute("data-limit"), 10);
  var threshold = parseInt(wrapper.getAttribute("data-threshold"), 10) || 0;
  var language = document.documentElement.lang || "de";
  var plural = window.Intl && Intl.PluralRules ? new Intl.PluralRules(language) : null;
  var numbers = window.Intl ? new Intl.NumberFormat(language) : null;
  field.removeAttribute("maxlength");

  var status = document.createElement("div");
  status.className = "kern-hint character-count__status";
  status.setAttribute("aria-hidden", "true");
  var live = document.createElement("div");
  live.className = "kern-sr-only";
  live.setAttribute("aria-live", "polite");
  hint.parentNode.insertBefore(status, hint.nextSibling);
  hint.parentNode.insertBefore(live, status.nextSibling);

  // Counted as the server counts: characters, not UTF-16 units, and a line break is sent as
  // two (CR LF).
  function length() { return Array.from(field.value.replace(/\r?\n/g, "\r\n")).length; }

  function message() {
    var used = length();
    var left = limit - used;
    var count = Math.abs(left);
    var form = plural && plural.select(count) === "one" ? "one" : "other";
    var text = wrapper.getAttribute("data-" + (left < 0 ? "over" : "remaining") + "-" + form);
    return {
      text: text.replace("%(count)s", numbers ? numbers.format(count) : String(count)),
      over: left < 0,
      shown: used * 100 >= limit * threshold
    };
  }

  var timer = null;
  function update(announce) {
    var current = message();
    status.textContent = current.shown ? current.text : "";
    status.classList.toggle("kern-error", current.over);
    // The limit stays in the field's description for screen readers; on screen the count
    // replaces it once it is shown.
    hint.classList.toggle("kern-sr-only", current.shown);
    if (announce) {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        var latest = message();
        live.textContent = latest.shown ? latest.text : "";
      }, 1000);
    }
  }

  field.addEventListener("input", function () { update(true); });
  update(false);
}
