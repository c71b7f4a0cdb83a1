// archive-builder: give Material's search dialog an accessible name (axe-core rule aria-dialog-name).
document.querySelectorAll('.md-search[role="dialog"]:not([aria-label])').forEach(function (dialog) {
  dialog.setAttribute("aria-label", "Search");
});
