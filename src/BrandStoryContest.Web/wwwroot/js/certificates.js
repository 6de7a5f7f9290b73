// Polls the certificate job's progress on the organizer's awards page until it is done or failed.
(function () {
    const box = document.getElementById('certificate-progress');
    if (!box) return;
    const bar = box.querySelector('.progress-bar');
    const running = s => s === 'Queued' || s === 'Running';
    async function poll() {
        try {
            const r = await fetch(box.dataset.url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
            if (!r.ok) return;
            const p = await r.json();
            box.querySelector('.done').textContent = p.done;
            box.querySelector('.total').textContent = p.total;
            box.querySelector('.state').textContent = box.dataset['text' + p.state] || p.state; // the localized name the page carries
            bar.style.width = (p.total > 0 ? Math.round(p.done * 100 / p.total) : 0) + '%';
            box.dataset.state = p.state;
        } finally {
            if (running(box.dataset.state)) setTimeout(poll, 1000);
        }
    }
    if (running(box.dataset.state)) poll();
})();
