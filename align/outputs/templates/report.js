(function () {
  "use strict";
  // Segments are found by integer ids held in data-* attributes; no report text is ever read as code.
  var index = { a: {}, b: {} };
  var all = document.querySelectorAll(".seg[data-side]");
  for (var i = 0; i < all.length; i++) {
    var el = all[i];
    index[el.getAttribute("data-side")][el.getAttribute("data-seg")] = el;
  }
  function other(side) { return side === "a" ? "b" : "a"; }
  function counterparts(el) {
    var ids = (el.getAttribute("data-links") || "").split(" ");
    var side = other(el.getAttribute("data-side"));
    var out = [];
    for (var k = 0; k < ids.length; k++) {
      if (ids[k] !== "" && index[side][ids[k]]) { out.push(index[side][ids[k]]); }
    }
    return out;
  }
  function partners(el) {
    // The segment itself and the segments of its side that share a link with it (merged statements).
    var out = [el];
    var ids = (el.getAttribute("data-with") || "").split(" ");
    var side = el.getAttribute("data-side");
    for (var k = 0; k < ids.length; k++) {
      if (ids[k] !== "" && index[side][ids[k]]) { out.push(index[side][ids[k]]); }
    }
    return out;
  }
  function clear(cls) {
    var on = document.querySelectorAll("." + cls);
    for (var k = on.length - 1; k >= 0; k--) { on[k].classList.remove(cls); }
  }
  var pinned = null;
  function show(el) {
    clear("active"); clear("counterpart");
    if (!el) { return; }
    var own = partners(el);
    for (var k = 0; k < own.length; k++) { own[k].classList.add("active"); }
    var cps = counterparts(el);
    for (var m = 0; m < cps.length; m++) { cps[m].classList.add("counterpart"); }
  }
  function bringLevel(el) {
    // Scroll the other column so that the first counterpart sits level with the clicked segment.
    var cps = counterparts(el);
    if (!cps.length) { return; }
    var column = cps[0].closest(".text");
    if (!column) { return; }
    column.scrollTop += cps[0].getBoundingClientRect().top - el.getBoundingClientRect().top;
  }
  function select(el, scroll) {
    pinned = (pinned === el) ? null : el;
    show(pinned);
    if (pinned && scroll) { bringLevel(pinned); }
  }
  document.addEventListener("mouseover", function (ev) {
    var el = ev.target.closest ? ev.target.closest(".seg[data-side]") : null;
    if (el) { show(el); }
  });
  document.addEventListener("mouseout", function (ev) {
    var el = ev.target.closest ? ev.target.closest(".seg[data-side]") : null;
    if (el) { show(pinned); }
  });
  document.addEventListener("click", function (ev) {
    var seg = ev.target.closest ? ev.target.closest(".seg[data-side]") : null;
    if (seg) { select(seg, true); return; }
    var row = ev.target.closest ? ev.target.closest("tr[data-side][data-seg]") : null;
    if (row) {
      var target = index[row.getAttribute("data-side")][row.getAttribute("data-seg")];
      if (target) {
        target.scrollIntoView({ block: "center" });
        pinned = null;
        select(target, true);
      }
    }
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { pinned = null; show(null); }
  });
})();
