// The referat's toolbar: print, copy the journal text, make a participants' link.
"use strict";
(function () {
  function on(selector, handler) {
    document.querySelectorAll(selector).forEach(function (element) {
      element.addEventListener("click", function () { handler(element); });
    });
  }
  on("[data-print]", function () { window.print(); });
  on("[data-copy]", function () {
    var text = document.querySelector("[data-journal]");
    var status = document.querySelector("[data-copy-status]");
    function done(ok) {
      status.textContent = ok ? "Teksten er kopieret. Sæt den ind i journalen." :
        "Kunne ikke kopiere. Markér teksten, og kopiér med Ctrl+C.";
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text.value).then(function () { done(true); },
        function () { text.select(); done(document.execCommand("copy")); });
    } else {
      text.select();
      done(document.execCommand("copy"));
    }
  });
  on("[data-share]", function (button) {
    var status = document.querySelector("[data-share-status]");
    var field = document.querySelector("[data-share-url]");
    button.disabled = true;
    fetch("/api/meetings/" + encodeURIComponent(button.dataset.share) + "/summary-link", {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json" }, body: "{}"
    }).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    }).then(function (answer) {
      button.disabled = false;
      if (!answer.ok) { status.textContent = answer.data.message || "Linket kunne ikke laves."; return; }
      field.value = answer.data.url;
      field.hidden = false;
      field.select();
      var until = new Date(answer.data.expires_at * 1000).toLocaleDateString("da-DK");
      status.textContent = "Linket virker til og med " + until + ".";
    }, function () {
      button.disabled = false;
      status.textContent = "Ingen forbindelse til Kreds. Prøv igen.";
    });
  });
})();
