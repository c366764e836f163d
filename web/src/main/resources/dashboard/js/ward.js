'use strict';
// The ward board: a snapshot, then live events over SSE. The browser's EventSource reconnects by
// itself and sends Last-Event-ID, so the server resumes after the last event this page saw.
const rows = new Map();          // patientId -> row
const seenTransitions = new Set(); // alertId|state|ts: each transition listed once
window.vsSeen = {};              // patientId -> {news2, ts, updatedAt, renderedAt} (read by the browser test)
window.vsLatencies = [];         // ms from the Redis write to the row drawn on this page, per live row update
const undrawn = new Map();       // patientId -> updatedAt of a reading received but not yet drawn
let serverOffset = 0;            // server clock minus ours
let source = null;
let pending = false;

const VITALS = [['heartRate', 0], ['respiratoryRate', 0], ['spo2', 0], ['systolicBp', 0], ['temperature', 1]];
const ARROWS = {up: '↑', down: '↓', flat: '→'};

function filters() {
  return {ward: document.getElementById('ward-filter').value, team: document.getElementById('team-filter').value};
}

function sorted() {
  const f = filters();
  return [...rows.values()]
    .filter(r => (!f.ward || r.ward === f.ward) && (!f.team || r.careTeam === f.team))
    .sort((a, b) => (b.news2 - a.news2) || a.patientId.localeCompare(b.patientId));
}

function vitalCell(row, name, digits) {
  const v = row.vitals[name];
  if (v === undefined) return VS.el('td', {className: 'na', text: '—'});
  const carried = (row.carried || '').split(',').includes(name);
  return VS.el('td', {className: carried ? 'carried' : '', title: carried ? 'carried from an earlier reading' : ''},
    Number(v).toFixed(digits), ' ', VS.el('span', {className: 'trend', text: ARROWS[row.trends[name]] || ''}));
}

function render() {
  pending = false;
  const body = document.getElementById('ward-rows');
  const now = Date.now() + serverOffset;
  const fragment = document.createDocumentFragment();
  for (const r of sorted()) {
    const delta = r.news2Delta > 0 ? '+' + r.news2Delta : r.news2Delta < 0 ? String(r.news2Delta) : '0';
    const alerts = VS.el('td', {className: 'alerts'});
    for (const a of r.openAlerts) {
      alerts.appendChild(VS.el('span', {className: 'pill ' + VS.bandClass(a.band), text: a.condition + ' ' + a.state}));
    }
    const score = r.silent
      ? VS.el('td', {className: 'silent', text: 'SILENT'})
      : VS.el('td', {className: 'score ' + VS.bandClass(r.band)}, String(r.news2), ' ', VS.el('small', {text: r.band}));
    const tr = VS.el('tr', {className: r.silent ? 'row-silent' : '', dataset: {patientId: r.patientId, news2: r.news2}},
      VS.el('td', {}, VS.el('a', {href: '/patient.html?id=' + encodeURIComponent(r.patientId), text: r.patientId}),
        ' ', VS.el('span', {className: 'name', text: r.name || ''})),
      VS.el('td', {text: r.ward}),
      score,
      VS.el('td', {className: r.news2Delta > 0 ? 'worse' : r.news2Delta < 0 ? 'better' : '', text: delta}),
      ...VITALS.map(([n, d]) => vitalCell(r, n, d)),
      VS.el('td', {text: r.vitals.consciousness || '—'}),
      VS.el('td', {className: r.silent ? 'silent age' : 'age', dataset: {ts: r.ts}, text: r.ts ? VS.age(now - r.ts) : '—'}),
      alerts);
    fragment.appendChild(tr);
  }
  VS.clear(body);
  body.appendChild(fragment);
  // on screen: the rows are in the document now; the latency of each new reading counts from its Redis write
  const drawn = Date.now() + serverOffset;
  for (const [id, updatedAt] of undrawn) {
    if (window.vsLatencies.length < 20000) window.vsLatencies.push(drawn - updatedAt);
    if (window.vsSeen[id]) window.vsSeen[id].renderedAt = drawn;
  }
  undrawn.clear();
}

function schedule() {
  if (!pending) { pending = true; requestAnimationFrame(render); }
}

function logTransition(a) {
  const key = a.alertId + '|' + a.state + '|' + a.ts;
  if (seenTransitions.has(key)) return;
  seenTransitions.add(key);
  const log = document.getElementById('alert-log');
  log.insertBefore(VS.el('li', {dataset: {alertId: a.alertId, state: a.state}},
    VS.el('span', {className: 'pill ' + VS.bandClass(a.band), text: a.state}), ' ',
    a.patientId + ' ' + a.condition + ' NEWS2 ' + a.news2 + ' — ' + (a.reason || '')), log.firstChild);
  while (log.childNodes.length > 50) log.removeChild(log.lastChild);
}

function fillFilters() {
  for (const [id, key] of [['ward-filter', 'ward'], ['team-filter', 'careTeam']]) {
    const select = document.getElementById(id);
    const have = new Set([...select.options].map(o => o.value));
    for (const r of rows.values()) {
      if (r[key] && !have.has(r[key])) { select.appendChild(VS.el('option', {value: r[key], text: r[key]})); have.add(r[key]); }
    }
  }
}

async function load() {
  const snapshot = await VS.api('/api/ward');
  serverOffset = snapshot.serverTime - Date.now();
  rows.clear();
  for (const r of snapshot.patients) rows.set(r.patientId, r);
  fillFilters();
  render();
  connect(snapshot.lastEventId);
}

function connect(since) {
  if (source) source.close();
  const status = document.getElementById('live-status');
  source = new EventSource('/api/ward/stream?since=' + encodeURIComponent(since));
  source.onopen = () => { status.textContent = 'live'; status.className = 'status live'; };
  source.onerror = () => { status.textContent = 'reconnecting…'; status.className = 'status down'; };
  source.addEventListener('patient', (e) => {
    const r = JSON.parse(e.data);
    rows.set(r.patientId, r);
    const before = window.vsSeen[r.patientId];
    // only a new Redis write counts; a row can also change for an alert or a silent device
    const fresh = r.updatedAt && (!before || before.updatedAt !== r.updatedAt);
    if (fresh) undrawn.set(r.patientId, r.updatedAt);
    window.vsSeen[r.patientId] = {news2: r.news2, ts: r.ts, updatedAt: r.updatedAt,
      renderedAt: fresh || !before ? null : before.renderedAt};
    fillFilters();
    schedule();
  });
  source.addEventListener('removed', (e) => { rows.delete(JSON.parse(e.data).patientId); schedule(); });
  source.addEventListener('alert', (e) => logTransition(JSON.parse(e.data)));
  source.addEventListener('reset', () => { source.close(); load(); });
}

document.getElementById('ward-filter').addEventListener('change', render);
document.getElementById('team-filter').addEventListener('change', render);
setInterval(() => {
  const now = Date.now() + serverOffset;
  for (const cell of document.querySelectorAll('td.age')) {
    const ts = Number(cell.dataset.ts);
    if (ts) cell.textContent = VS.age(now - ts);
  }
}, 1000);

VS.header().then(load).catch(e => { document.getElementById('live-status').textContent = e.message; });
