(function () {
  "use strict";
  // Bring a citation's target into view: open the <details> around it and flash it.
  function reveal() {
    var id = location.hash.slice(1);
    if (!id) return;
    try { id = decodeURIComponent(id); } catch (e) { return; }
    var el = document.getElementById(id);
    if (!el) return;
    for (var p = el.parentElement; p; p = p.parentElement) {
      if (p.tagName === "DETAILS") p.open = true;
    }
    var old = document.querySelectorAll(".hit");
    for (var i = 0; i < old.length; i++) old[i].classList.remove("hit");
    if (el.classList.contains("sent") || el.tagName === "MARK") el.classList.add("hit");
    el.scrollIntoView({block: "center"});
  }
  window.addEventListener("hashchange", reveal);
  document.addEventListener("click", function (ev) {
    var a = ev.target.closest ? ev.target.closest("a[href^='#']") : null;
    if (a && a.getAttribute("href") === location.hash) setTimeout(reveal, 0);
  });
  // Printing shows every article text, not only the opened ones.
  window.addEventListener("beforeprint", function () {
    var d = document.querySelectorAll("details");
    for (var i = 0; i < d.length; i++) d[i].open = true;
  });
  // Instant filter of the story list (the server-side search works without it).
  var box = document.getElementById("filter");
  if (box) {
    box.addEventListener("input", function () {
      var q = box.value.toLowerCase().trim();
      var items = document.querySelectorAll("ol.stories > li");
      for (var i = 0; i < items.length; i++) {
        var hay = (items[i].textContent + " " + (items[i].getAttribute("data-terms") || "")).toLowerCase();
        items[i].hidden = q !== "" && hay.indexOf(q) < 0;
      }
    });
  }
  // Live pages: reload when the store changed (new articles), unless the reader is typing.
  var live = document.body.getAttribute("data-poll");
  var seen = document.body.getAttribute("data-version");
  if (live && window.fetch) {
    setInterval(function () {
      fetch(live, {headers: {"Accept": "application/json"}}).then(function (r) {
        return r.ok ? r.json() : null;
      }).then(function (v) {
        if (!v || String(v.version) === seen) return;
        if (document.activeElement && document.activeElement.tagName === "INPUT") return;
        location.reload();
      }).catch(function () {});
    }, 2000);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", reveal);
  else reveal();
})();
