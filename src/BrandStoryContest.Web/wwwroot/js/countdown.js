// Shows the time left before each deadline next to it, in the reader's language: the words come from the page
// (#script-texts in the layout, through the localizer), so this file holds none of its own.
(() => {
  const texts = document.getElementById('script-texts')?.dataset;
  if (!texts) return;
  const left = ms => {
    if (ms <= 0) return texts.closed;
    const d = Math.floor(ms / 86400000), h = Math.floor(ms / 3600000) % 24, m = Math.floor(ms / 60000) % 60;
    return texts.left.replace('{0}', d).replace('{1}', h).replace('{2}', m);
  };
  const tick = () => document.querySelectorAll('time.countdown[data-deadline]').forEach(t => {
    let span = t.nextElementSibling;
    if (!span || !span.classList.contains('countdown-left')) {
      span = document.createElement('span');
      span.className = 'countdown-left ms-1 text-muted';
      t.after(span);
    }
    span.textContent = left(Number(t.dataset.deadline) - Date.now());
  });
  tick();
  setInterval(tick, 30000);
})();
