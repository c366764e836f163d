'use strict';
async function loadDatasets() {
  const d = await VS.api('/api/catalog/datasets');
  const box = document.getElementById('tables');
  VS.clear(box);
  for (const t of d.tables) {
    box.appendChild(VS.el('h4', {text: t.name + (t.retentionDays ? ' — kept ' + t.retentionDays + ' days' : ' — kept until deleted')}));
    box.appendChild(VS.el('p', {className: 'hint', text: 'partition key (' + t.partitionKey.join(', ') + ')'
      + (t.clusteringColumns.length ? ', clustering ' + t.clusteringColumns.join(', ') : '')}));
    box.appendChild(VS.el('p', {text: t.columns.map(c => c.name + ' ' + c.type).join(' · ')}));
  }
  const topics = document.getElementById('topics');
  VS.clear(topics);
  for (const t of d.topics) topics.appendChild(VS.el('tr', {}, VS.el('td', {text: t.name}), VS.el('td', {text: t.content})));
}

async function searchArchives(event) {
  if (event) event.preventDefault();
  const q = new URLSearchParams();
  for (const id of ['from', 'to', 'patient']) {
    const v = document.getElementById(id).value.trim();
    if (v) q.set(id, v);
  }
  const status = document.getElementById('archive-status');
  try {
    const d = await VS.api('/api/catalog/archives?' + q.toString());
    const head = document.getElementById('archive-head');
    const body = document.getElementById('archive-rows');
    VS.clear(head);
    VS.clear(body);
    const columns = q.has('patient') ? ['day', 'patient', 'rows', 'location', 'sha256']
      : ['day', 'patients', 'rows', 'bytes', 'from', 'to', 'location', 'sha256', 'archivedAt'];
    head.appendChild(VS.el('tr', {}, ...columns.map(c => VS.el('th', {text: c}))));
    for (const a of d.archives) body.appendChild(VS.el('tr', {}, ...columns.map(c => VS.el('td', {text: a[c] === undefined ? '' : a[c]}))));
    status.textContent = d.archives.length + ' entries ' + d.from + ' … ' + d.to + (d.pseudonymised ? ' · patient ids pseudonymised' : '');
  } catch (e) { status.textContent = e.message; }
}

function exportReadings(event) {
  event.preventDefault();
  const q = new URLSearchParams();
  q.set('patients', document.getElementById('export-patients').value.split(',').map(p => p.trim()).filter(p => p).join(','));
  q.set('from', document.getElementById('export-from').value + ':00Z');
  q.set('to', document.getElementById('export-to').value + ':00Z');
  q.set('format', document.getElementById('export-format').value);
  // a plain navigation: the browser streams the file to disk; a refusal comes back as JSON with the reason
  const link = VS.el('a', {href: '/api/catalog/readings?' + q.toString()});
  link.setAttribute('download', '');
  document.body.appendChild(link);
  link.click();
  link.remove();
  document.getElementById('export-status').textContent = 'export asked for (see your downloads)';
}

document.getElementById('archive-search').addEventListener('submit', searchArchives);
document.getElementById('readings-export').addEventListener('submit', exportReadings);
VS.header().then(() => Promise.all([loadDatasets(), searchArchives()]))
  .catch(e => { document.getElementById('catalog-error').textContent = e.message; });
