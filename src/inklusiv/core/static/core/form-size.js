/* Before a form is sent, checks that its texts fit the size the server accepts in one form
   (DATA_UPLOAD_MAX_MEMORY_SIZE). If not, nothing is sent: a message above the form explains
   it and takes focus, and the input stays where it is. Without JavaScript the server answers
   with its own page (413) that says the same. Files are not counted: the server does not
   count them either. */
(function () {
  "use strict";
  var script = document.currentScript;
  var limit = parseInt(script && script.dataset.limit, 10);
  var message = script && script.dataset.message;
  if (!limit || !message) {
    return;
  }
  var encoder = new TextEncoder();

  function textBytes(form) {
    var multipart = (form.getAttribute("enctype") || "").indexOf("multipart") === 0;
    var size = 0;
    new FormData(form).forEach(function (value, name) {
      if (typeof value !== "string") {
        return;
      }
      size += multipart
        ? encoder.encode(name).length + encoder.encode(value).length
        : encodeURIComponent(name).length + encodeURIComponent(value).length + 2;
    });
    return size;
  }

  function showMessage(form) {
    var alert = form.previousElementSibling;
    if (!alert || !alert.hasAttribute("data-form-size-alert")) {
      alert = document.createElement("div");
      alert.className = "kern-alert kern-alert--danger";
      alert.setAttribute("role", "alert");
      alert.setAttribute("tabindex", "-1");
      alert.setAttribute("data-form-size-alert", "");
      var body = document.createElement("div");
      body.className = "kern-alert__body";
      var text = document.createElement("p");
      text.className = "kern-body";
      text.textContent = message;
      body.appendChild(text);
      alert.appendChild(body);
      form.parentNode.insertBefore(alert, form);
    }
    alert.focus();
  }

  // Capture phase on the document: runs before any handler on the form itself (htmx too).
  document.addEventListener(
    "submit",
    function (event) {
      var form = event.target;
      if ((form.getAttribute("method") || "").toLowerCase() !== "post" || textBytes(form) <= limit) {
        return;
      }
      event.preventDefault();
      event.stopImmediatePropagation();
      showMessage(form);
    },
    true
  );
})();
