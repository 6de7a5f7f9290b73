// Chunked, resumable film upload. The server tells which chunks it already holds (they live in blob
// storage as staged blocks), so choosing the same file again after a reload or a dropped connection
// continues where it stopped. Progress shows speed and time left; afterwards the status is polled
// until the film is Ready or Rejected.
(() => {
  const button = document.getElementById('film-upload');
  const input = document.getElementById('film-file');
  const section = document.getElementById('film-section');
  if (!section) return;
  const texts = document.getElementById('upload-texts').dataset;
  const times = document.getElementById('script-texts').dataset; // from the layout
  const bar = document.getElementById('film-progress');
  const barInner = bar ? bar.querySelector('.progress-bar') : null;
  const info = document.getElementById('film-progress-text');
  const error = document.getElementById('film-error');
  const token = document.querySelector('#entry-form input[name="__RequestVerificationToken"]').value;
  const headers = { 'RequestVerificationToken': token, 'Accept': 'application/json' };
  const fmt = (s, ...a) => a.reduce((r, v, i) => r.replace(`{${i}}`, v), s);
  const mb = b => (b / 1048576).toFixed(1);
  const sleep = ms => new Promise(r => setTimeout(r, ms));
  // The film changes the entry's version itself: once when the upload completes, once when the film is
  // decided. The form on this page follows exactly those changes, or its next save would be refused as an
  // edit from another tab; any other change still is.
  const version = document.querySelector('#entry-form input[name="Version"]');
  let filmVersion = null; // the entry's version right after this page's upload completed

  const showProgress = (done, total, startedAt, sentSinceStart) => {
    const pct = Math.floor(done * 100 / total);
    bar.hidden = false;
    bar.setAttribute('aria-valuenow', pct);
    barInner.style.width = pct + '%';
    barInner.textContent = pct + '%';
    const secs = (performance.now() - startedAt) / 1000;
    const speed = secs > 0 ? sentSinceStart / secs : 0;
    const remaining = speed > 0 ? Math.ceil((total - done) / speed) : 0;
    const eta = remaining >= 60 ? fmt(times.minutesSeconds, Math.floor(remaining / 60), remaining % 60) : fmt(times.seconds, remaining);
    info.textContent = fmt(texts.speed, mb(done), mb(total), mb(speed), eta);
  };

  async function putChunk(url, blob) {
    for (let attempt = 0; ; attempt++) {
      try {
        const r = await fetch(url, { method: 'PUT', headers: { ...headers, 'Content-Type': 'application/octet-stream' }, body: blob });
        if (r.ok) return;
        const body = await r.json().catch(() => ({}));
        if (r.status === 422) throw new Error(body.error || r.statusText);
        throw new Error(r.statusText);
      } catch (e) {
        if (e.message && !/fetch|network|Failed|Bad Gateway|Service Unavailable|Internal/i.test(e.message)) throw e;
        if (attempt >= 5) throw new Error(texts.failed);
        info.textContent = texts.offline;
        await sleep(1000 * (attempt + 1));
      }
    }
  }

  async function upload(file) {
    error.textContent = '';
    const base = Number(version.value);
    const start = await fetch(button.dataset.startUrl, {
      method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' },
      body: JSON.stringify({ fileName: file.name, totalBytes: file.size, lastModified: file.lastModified })
    });
    const plan = await start.json();
    if (!start.ok) throw new Error(plan.error || start.statusText);
    const have = new Set(plan.received);
    if (have.size > 0) info.textContent = fmt(texts.resuming, have.size, plan.chunkCount);
    let done = [...have].reduce((s, i) => s + Math.min(plan.chunkBytes, file.size - i * plan.chunkBytes), 0);
    const startedAt = performance.now();
    let sent = 0;
    showProgress(done, file.size, startedAt, sent);
    // A few chunks in flight at once: with one at a time the connection idles for a round trip and the
    // server's write to storage after every chunk. The order they arrive in does not matter (each is its own
    // staged block; completing commits them in order). Three leave the browser's other connections to this
    // server free for the page and the status polls.
    const pending = [];
    for (let i = 0; i < plan.chunkCount; i++) if (!have.has(i)) pending.push(i);
    const send = async i => {
      const chunk = file.slice(i * plan.chunkBytes, Math.min(file.size, (i + 1) * plan.chunkBytes));
      await putChunk(`/film-uploads/${plan.uploadId}/chunks/${i}`, chunk);
      done += chunk.size; sent += chunk.size;
      showProgress(done, file.size, startedAt, sent);
    };
    // The first chunk goes alone: the server looks at its bytes and refuses a file that is not a video
    // before any more of it is sent.
    if (pending[0] === 0) await send(pending.shift());
    let failed = false;
    const worker = async () => {
      while (!failed && pending.length > 0) {
        try { await send(pending.shift()); }
        catch (e) { failed = true; throw e; }
      }
    };
    // Settled, not Promise.all: a refusal stops the others only after their chunk in flight returns, so the
    // button comes back when nothing of this upload is still being sent.
    const results = await Promise.allSettled([1, 2, 3].map(worker));
    const failure = results.find(r => r.status === 'rejected');
    if (failure) throw failure.reason;
    const complete = await fetch(`/film-uploads/${plan.uploadId}/complete`, { method: 'POST', headers });
    if (!complete.ok) throw new Error((await complete.json().catch(() => ({}))).error || complete.statusText);
    info.textContent = texts.processing;
    filmVersion = base + 1;
    await poll();
  }

  async function poll() {
    for (;;) {
      const r = await fetch(section.dataset.statusUrl, { headers });
      if (!r.ok) return;
      const s = await r.json();
      const status = document.getElementById('film-status');
      status.textContent = s.statusText;
      status.dataset.status = s.status;
      const reasons = document.getElementById('film-reasons');
      reasons.replaceChildren(...s.reasons.map(t => Object.assign(document.createElement('li'), { textContent: t })));
      if (s.poster) { const p = document.getElementById('film-poster'); p.src = s.poster; p.hidden = false; }
      if (s.strip) { const p = document.getElementById('film-strip'); p.src = s.strip; p.hidden = false; }
      const decided = s.status === 'Ready' || s.status === 'Rejected' || s.status === 'None';
      if (filmVersion !== null && s.version === filmVersion + (decided ? 1 : 0)) version.value = s.version;
      if (decided) { filmVersion = null; info.textContent = ''; return; }
      await sleep(1500);
    }
  }

  if (button) button.addEventListener('click', async () => {
    if (!input.files.length) return;
    button.disabled = true;
    try { await upload(input.files[0]); }
    catch (e) { error.textContent = e.message; }
    finally { button.disabled = false; }
  });
  const current = document.getElementById('film-status');
  if (current && current.dataset.status === 'Processing') { filmVersion = Number(version.value); poll(); }
})();
