// Autosave of the score sheet: every change is posted (as JSON-accepting form post) after a short pause,
// with the sheet's version so two tabs cannot silently overwrite each other.
(() => {
  const form = document.getElementById('score-form');
  if (!form || form.dataset.autosave !== 'true') return;
  const status = document.getElementById('autosave-status');
  const total = document.getElementById('score-total');
  const version = form.querySelector('input[name="Version"]');
  let timer = null;
  const save = async () => {
    const response = await fetch(form.action, { method: 'POST', body: new FormData(form), headers: { 'Accept': 'application/json' } });
    const body = await response.json().catch(() => ({}));
    if (response.ok) {
      version.value = body.version;
      total.textContent = body.total == null ? '–' : body.total.toFixed(1);
      status.textContent = status.dataset.saved;
      status.classList.remove('text-danger');
    } else {
      status.textContent = status.dataset.failed + ': ' + (body.error || '');
      status.classList.add('text-danger');
    }
  };
  form.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(save, 600); });
})();
