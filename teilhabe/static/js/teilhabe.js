// Moves focus to an error summary after a failed submit, so screen-reader users hear it.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector("[data-focus-on-load]");
  if (summary) summary.focus();
});
document.addEventListener("htmx:afterSwap", (event) => {
  const summary = event.detail.target.querySelector("[data-focus-on-load]");
  if (summary) summary.focus();
});
