// Live length of the story, counted like the server's StoryText.Length: one per Chinese character or
// full-width mark, one per run of Latin letters/digits (apostrophes and hyphens inside a word keep it one word).
(() => {
  const box = document.getElementById('Body');
  const out = document.getElementById('body-count');
  if (!box || !out) return;
  const cjk = /[\u4E00-\u9FFF\u3400-\u4DBF\uF900-\uFAFF\u3001-\u303F\uFF01-\uFF60\u3040-\u30FF\uAC00-\uD7AF\u2014\u2026\u201C\u201D]|[\u{20000}-\u{3134F}]/u;
  const letter = /[\p{L}\p{N}]/u;
  const count = text => {
    let n = 0, inWord = false;
    for (const ch of text) {
      if (cjk.test(ch)) { n++; inWord = false; }
      else if (letter.test(ch) || (inWord && "'’-".includes(ch))) { if (!inWord) n++; inWord = true; }
      else inWord = false;
    }
    return n;
  };
  const min = Number(box.dataset.min), max = Number(box.dataset.max);
  const update = () => {
    const n = count(box.value);
    out.textContent = out.dataset.template.replace('{0}', n);
    out.dataset.count = n;
    const ok = n >= min && n <= max;
    out.classList.toggle('text-danger', !ok);
    out.classList.toggle('text-success', ok);
  };
  box.addEventListener('input', update);
  update();
})();
