// Swagger UI renders its forms without accessible names and its code examples as scroll
// areas a keyboard cannot reach. Add both whenever it renders something new.
(function () {
  "use strict";
  function repair(root) {
    root.querySelectorAll("tr[data-param-name] select:not([aria-label]), tr[data-param-name] input:not([aria-label]), tr[data-param-name] textarea:not([aria-label])").forEach(function (field) {
      field.setAttribute("aria-label", field.closest("tr").dataset.paramName);
    });
    root.querySelectorAll(".copy-to-clipboard button:not([aria-label])").forEach(function (button) {
      button.setAttribute("aria-label", "Copy to clipboard");
    });
    root.querySelectorAll(".highlight-code pre:not([tabindex]), .microlight:not([tabindex])").forEach(function (code) {
      code.setAttribute("tabindex", "0");
    });
  }
  var target = document.getElementById("swagger-ui");
  new MutationObserver(function () { repair(target); }).observe(target, { childList: true, subtree: true });
})();
