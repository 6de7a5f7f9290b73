// Evidence that a judge watched or read. The browser's own video.played ranges are already merged; they
// are sent every few seconds and when playback pauses or the page is hidden. For stories, the seconds the
// page is visible are counted and sent as increments.
(() => {
  const box = document.getElementById('viewing');
  if (!box || box.dataset.active !== 'true') return;
  const token = document.querySelector('#score-form input[name="__RequestVerificationToken"]').value;
  const video = box.querySelector('video');
  let readSince = document.visibilityState === 'visible' ? Date.now() : null;
  let unsentReading = 0;

  const send = () => {
    const ranges = [];
    if (video) for (let i = 0; i < video.played.length; i++) ranges.push([video.played.start(i), video.played.end(i)]);
    if (readSince !== null) { unsentReading += (Date.now() - readSince) / 1000; readSince = Date.now(); }
    const readingSeconds = video ? 0 : Math.floor(unsentReading);
    unsentReading -= readingSeconds;
    if (ranges.length === 0 && readingSeconds === 0) return;
    fetch(box.dataset.url, {
      method: 'POST', keepalive: true,
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json', 'RequestVerificationToken': token },
      body: JSON.stringify({ ranges, readingSeconds })
    }).catch(() => {});
  };

  setInterval(send, video ? 5000 : 15000);
  if (video) { video.addEventListener('pause', send); video.addEventListener('ended', send); }
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') { send(); readSince = null; } else { readSince = Date.now(); }
  });
})();

// Time-stamped notes: a note is pinned to the player's current time; its timestamp jumps back there.
(() => {
  const video = document.querySelector('#viewing video');
  const form = document.getElementById('note-form');
  if (!video || !form) return;
  form.addEventListener('submit', () => { form.querySelector('input[name="atSeconds"]').value = video.currentTime.toFixed(1); });
  document.querySelectorAll('a.seek[data-seek]').forEach(a => a.addEventListener('click', e => {
    e.preventDefault();
    video.currentTime = Number(a.dataset.seek);
    video.play().catch(() => {});
  }));
})();
