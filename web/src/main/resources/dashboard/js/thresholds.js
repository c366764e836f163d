'use strict';
async function show(event) {
  if (event) event.preventDefault();
  const q = new URLSearchParams();
  for (const id of ['ward', 'patient']) {
    const v = document.getElementById(id).value.trim();
    if (v) q.set(id, v);
  }
  const status = document.getElementById('thresholds-status');
  const box = document.getElementById('documents');
  try {
    const d = await VS.api('/api/thresholds?' + q.toString());
    VS.clear(box);
    for (const doc of d.documents) {
      const card = VS.el('section', {className: 'card'}, VS.el('h3', {text: doc.scope
        + (doc.inForce ? ' — version ' + doc.version : ' — no document: inherits')}));
      if (doc.inForce) card.appendChild(VS.el('pre', {text: JSON.stringify(doc.document, null, 2)}));
      const table = VS.el('table', {className: 'board'}, VS.el('tr', {}, ...['#', 'when', 'who', 'why'].map(h => VS.el('th', {text: h}))));
      for (const c of doc.history) table.appendChild(VS.el('tr', {}, ...[c.change, c.when, c.who, c.why].map(x => VS.el('td', {text: x}))));
      card.appendChild(VS.el('h4', {text: 'Audited changes'}));
      card.appendChild(table);
      box.appendChild(card);
    }
    status.textContent = d.note;
  } catch (e) { status.textContent = e.message; }
}
document.getElementById('scope-form').addEventListener('submit', show);
VS.header().then(() => show());
