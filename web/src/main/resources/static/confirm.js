// Asks before a form marked with data-confirm is sent, for example the delete button on the edit
// page. Loaded as a file (no inline script), so a strict Content-Security-Policy can allow it.
document.addEventListener('submit', function (event) {
  var form = event.target;
  var question = form instanceof HTMLFormElement ? form.getAttribute('data-confirm') : null;
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
