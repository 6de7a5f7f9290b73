// Shows the time left before each deadline next to it, in the reader's language.
(() => {
  const zh = document.documentElement.lang !== 'en';
  const left = ms => {
    if (ms <= 0) return zh ? '已截止' : 'closed';
    const d = Math.floor(ms / 86400000), h = Math.floor(ms / 3600000) % 24, m = Math.floor(ms / 60000) % 60;
    return zh ? `（剩余 ${d} 天 ${h} 小时 ${m} 分）` : `(${d} d ${h} h ${m} min left)`;
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
