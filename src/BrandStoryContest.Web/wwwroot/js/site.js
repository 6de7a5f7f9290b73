// Small behaviours shared by every page. No inline scripts: the CSP allows only files from this site.
document.querySelectorAll('select[data-autosubmit]').forEach(s => s.addEventListener('change', () => s.form.submit()));
document.querySelectorAll('.toast[data-autohide]').forEach(t => setTimeout(() => t.classList.remove('show'), 4000));
document.querySelectorAll('form[data-confirm]').forEach(f => f.addEventListener('submit', e => { if (!confirm(f.dataset.confirm)) e.preventDefault(); }));
document.querySelectorAll('button[data-confirm]').forEach(b => b.addEventListener('click', e => { if (!confirm(b.dataset.confirm)) e.preventDefault(); }));
