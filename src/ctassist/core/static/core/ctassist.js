// Small progressive enhancements; every page works without them. No page has an inline script or
// handler (the Content Security Policy allows scripts from this site's files only): behaviour is
// attached here, by data attributes and classes.
(function () {
  "use strict";

  // Lists that submit themselves when changed (the language switcher).
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.matches && target.matches("select[data-autosubmit]")) {
      target.form.submit();
    }
  });

  // Buttons that print the page (the country profile).
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-print]");
    if (button) {
      event.preventDefault();
      window.print();
    }
  });

  // Lists of several choices: a click toggles the option, without holding Ctrl (or Cmd).
  document.addEventListener("mousedown", function (event) {
    var option = event.target;
    if (!option || option.tagName !== "OPTION") return;
    var select = option.parentElement && option.closest("select");
    if (!select || !select.multiple || select.disabled || option.disabled) return;
    if (event.ctrlKey || event.metaKey || event.shiftKey) return; // the browser's own way still works
    event.preventDefault();
    var top = select.scrollTop;
    option.selected = !option.selected;
    select.focus();
    select.scrollTop = top; // keep the list where it was
    select.dispatchEvent(new Event("input", { bubbles: true }));
    select.dispatchEvent(new Event("change", { bubbles: true }));
  });

  // Telephones: the menu opens from a button, and each area's pages open by a tap on its arrow.
  function setUpNavigation() {
    var root = document.documentElement;
    var toggle = document.querySelector(".nav-toggle");
    var nav = document.getElementById("main-nav");
    if (!toggle || !nav) return;
    root.classList.add("js-nav");
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", String(open));
      nav.classList.toggle("open", open);
    });
    var subToggles = nav.querySelectorAll(".sub-toggle");
    for (var i = 0; i < subToggles.length; i++) {
      var sub = subToggles[i];
      sub.hidden = false;
      sub.addEventListener("click", function (event) {
        var button = event.currentTarget;
        var open = button.getAttribute("aria-expanded") !== "true";
        button.setAttribute("aria-expanded", String(open));
        button.parentElement.classList.toggle("sub-open", open);
      });
    }
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && nav.classList.contains("open")) {
        nav.classList.remove("open");
        toggle.setAttribute("aria-expanded", "false");
        toggle.focus();
      }
    });
  }

  // A table wider than its box scrolls inside it: the box takes the keyboard focus then, so that it
  // can be scrolled without a mouse (WCAG 2.1.1).
  function focusableScrollBoxes() {
    var boxes = document.querySelectorAll(".table-container, .scroll-box");
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      if (box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1) {
        if (!box.hasAttribute("tabindex")) {
          box.setAttribute("tabindex", "0");
          box.setAttribute("data-scroll-focus", "");
        }
      } else if (box.hasAttribute("data-scroll-focus")) {
        box.removeAttribute("tabindex");
        box.removeAttribute("data-scroll-focus");
      }
    }
  }

  function setUp() {
    setUpNavigation();
    focusableScrollBoxes();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
  window.addEventListener("resize", focusableScrollBoxes);
  // Results replaced by a filter (htmx) bring new tables.
  document.addEventListener("htmx:afterSettle", focusableScrollBoxes);
})();
