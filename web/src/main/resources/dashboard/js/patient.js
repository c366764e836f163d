'use strict';
// Patient detail: profile, open alerts (acknowledge), alert history, and charts of each vital and
// NEWS2 over a chosen range, aggregated on the server (min/median/max per bucket).
const patientId = new URLSearchParams(window.location.search).get('id') || '';
const SERIES = [
  ['news2', 'NEWS2', '#7a1fa2'], ['heartRate', 'Heart rate /min', '#c62828'], ['respiratoryRate', 'Resp. rate /min', '#1565c0'],
  ['spo2', 'SpO₂ %', '#00838f'], ['systolicBp', 'Systolic BP mmHg', '#ef6c00'], ['temperature', 'Temperature °C', '#558b2f'],
];
let charts = [];

function alertMarks(alerts) {
  return {hooks: {draw: [u => {
    const ctx = u.ctx;
    ctx.save();
    ctx.strokeStyle = 'rgba(211,47,47,0.8)';
    ctx.lineWidth = 1;
    for (const a of alerts) {
      const x = u.valToPos(a.ts / 1000, 'x', true);
      if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) continue;
      ctx.beginPath();
      ctx.moveTo(x, u.bbox.top);
      ctx.lineTo(x, u.bbox.top + u.bbox.height);
      ctx.stroke();
    }
    ctx.restore();
  }]}};
}

async function showRaw(seconds) {
  const raw = document.getElementById('raw');
  VS.clear(raw);
  try {
    const data = await VS.api('/api/patients/' + encodeURIComponent(patientId) + '/readings?at=' + Math.round(seconds * 1000));
    raw.appendChild(VS.el('h4', {text: 'Raw readings around ' + VS.time(seconds * 1000) + ' (' + data.readings.length + ')'}));
    const table = VS.el('table', {className: 'board raw'});
    table.appendChild(VS.el('tr', {}, ...['Time', 'NEWS2', 'HR', 'RR', 'SpO₂', 'SBP', 'Temp', 'ACVPU', 'O₂', 'Device']
      .map(h => VS.el('th', {text: h}))));
    for (const r of data.readings) {
      const v = r.vitals;
      table.appendChild(VS.el('tr', {}, ...[VS.time(r.ts), r.news2, v.heartRate, v.respiratoryRate, v.spo2, v.systolicBp,
        v.temperature, v.consciousness, v.onOxygen, r.deviceId].map(x => VS.el('td', {text: x === undefined || x === null ? '—' : x}))));
    }
    raw.appendChild(table);
  } catch (e) { raw.appendChild(VS.el('p', {className: 'error', text: e.message})); }
}

async function loadSeries(range) {
  for (const b of document.querySelectorAll('#ranges button')) b.classList.toggle('active', b.dataset.range === range);
  const info = document.getElementById('series-info');
  info.textContent = 'loading…';
  const started = performance.now();
  const data = await VS.api('/api/patients/' + encodeURIComponent(patientId) + '/series?range=' + range);
  const box = document.getElementById('charts');
  charts.forEach(c => c.destroy());
  charts = [];
  VS.clear(box);
  box.dataset.range = range;
  box.dataset.points = data.t.length;
  box.dataset.readings = data.readings;
  for (const [name, label, color] of SERIES) {
    const s = data.series[name];
    const holder = VS.el('div', {className: 'chart', dataset: {series: name}});
    box.appendChild(holder);
    const chart = new uPlot({
      width: Math.max(320, box.clientWidth - 10), height: 150, title: label,
      series: [{}, {label: 'min', stroke: 'transparent'}, {label: 'median', stroke: color, width: 1.5, spanGaps: false},
        {label: 'max', stroke: 'transparent'}],
      bands: [{series: [3, 1], fill: color + '33'}],
      scales: {x: {time: true, range: [data.from / 1000, data.to / 1000]}},
      legend: {show: true},
      plugins: [alertMarks(data.alerts)],
    }, [data.t, s.min, s.median, s.max], holder);
    chart.over.addEventListener('click', () => {
      if (chart.cursor.left >= 0) showRaw(chart.posToVal(chart.cursor.left, 'x'));
    });
    charts.push(chart);
  }
  info.textContent = data.readings + ' readings in ' + data.t.length + ' buckets of ' + VS.age(data.bucketMillis)
    + ' · server ' + data.queryMillis + ' ms · total ' + Math.round(performance.now() - started) + ' ms';
}

function renderHead(d) {
  const p = d.patient;
  const l = d.latest;
  const head = document.getElementById('patient-head');
  VS.clear(head);
  head.appendChild(VS.el('h2', {id: 'patient-title', text: p.patientId + ' — ' + (p.name || 'unnamed')}));
  head.appendChild(VS.el('p', {text: [p.age ? p.age + ' y' : null, p.ward, p.careTeam, p.doctor, 'SpO₂ scale ' + p.spo2Scale]
    .filter(Boolean).join(' · ')}));
  const age = l.ts ? VS.age(d.serverTime - Number(l.ts)) : '—';
  head.appendChild(VS.el('p', {className: 'latest'},
    VS.el('span', {className: 'score ' + VS.bandClass(l.band), text: 'NEWS2 ' + (l.news2 || '—') + ' ' + (l.band || '')}),
    ' HR ' + (l.heartRate || '—') + ' · RR ' + (l.respiratoryRate || '—') + ' · SpO₂ ' + (l.spo2 || '—')
      + ' · SBP ' + (l.systolicBp || '—') + ' · T ' + (l.temperature || '—') + ' · ' + (l.consciousness || '—')
      + ' · data age ' + age));
}

function canAck(a) { return a.state !== 'ACKNOWLEDGED' && VS.me.roles.includes('clinician'); }

function renderOpen(d) {
  const body = document.getElementById('open-alerts');
  VS.clear(body);
  for (const a of d.openAlerts) {
    const note = VS.el('input', {placeholder: 'note (optional)', maxlength: 200, className: 'note'});
    const button = VS.el('button', {className: 'ack', text: 'Acknowledge', dataset: {alertId: a.alertId}});
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        await VS.acknowledge(patientId, a.alertId, note.value);
        button.textContent = 'sent — waiting for ACKNOWLEDGED';
        setTimeout(loadDetail, 1500);
      } catch (e) { button.textContent = e.message; }
    });
    body.appendChild(VS.el('tr', {dataset: {alertId: a.alertId, state: a.state}},
      VS.el('td', {text: a.condition}), VS.el('td', {className: 'state', text: a.state}),
      VS.el('td', {className: VS.bandClass(a.band), text: a.band}), VS.el('td', {text: a.news2}),
      VS.el('td', {text: VS.time(a.openedAt)}), VS.el('td', {text: a.reason || ''}),
      VS.el('td', {text: a.acknowledgedBy || '—'}),
      VS.el('td', {}, canAck(a) ? note : null, canAck(a) ? button : null)));
  }
  if (!d.openAlerts.length) body.appendChild(VS.el('tr', {}, VS.el('td', {colspan: 8, text: 'no open alert'})));
}

function renderHistory(d) {
  const body = document.getElementById('alert-history');
  VS.clear(body);
  for (const a of d.alertHistory) {
    body.appendChild(VS.el('tr', {dataset: {state: a.state}}, VS.el('td', {text: VS.time(a.ts)}), VS.el('td', {text: a.condition}),
      VS.el('td', {text: a.state}), VS.el('td', {className: VS.bandClass(a.band), text: a.band}), VS.el('td', {text: a.news2}),
      VS.el('td', {text: a.acknowledgedBy || ''}), VS.el('td', {text: a.reason || ''})));
  }
}

async function loadMessages() {
  const d = await VS.api('/api/patients/' + encodeURIComponent(patientId) + '/messages');
  const list = document.getElementById('messages');
  VS.clear(list);
  for (const m of d.messages) list.appendChild(VS.el('li', {}, VS.el('strong', {text: VS.time(m.ts) + ' ' + m.from + ': '}), m.text));
  if (!d.messages.length) list.appendChild(VS.el('li', {text: 'no message yet'}));
}

document.getElementById('message-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const status = document.getElementById('message-status');
  const text = document.getElementById('message-text');
  try {
    await VS.api('/api/patients/' + encodeURIComponent(patientId) + '/messages', {body: {text: text.value}});
    text.value = '';
    status.textContent = 'sent';
    loadMessages();
  } catch (e) { status.textContent = e.message; }
});

async function loadDetail() {
  try {
    const d = await VS.api('/api/patients/' + encodeURIComponent(patientId));
    renderHead(d);
    renderOpen(d);
    renderHistory(d);
    document.getElementById('message-form').hidden = !VS.me.roles.includes('clinician');
    await loadMessages();
  } catch (e) {
    document.getElementById('patient-error').textContent = e.status === 403 ? 'Access denied: ' + e.message : e.message;
    document.getElementById('patient-error').dataset.status = e.status || '';
    throw e;
  }
}

for (const b of document.querySelectorAll('#ranges button')) b.addEventListener('click', () => loadSeries(b.dataset.range));
VS.header().then(loadDetail).then(() => {
  loadSeries('hour');
  setInterval(loadDetail, 10000);
}).catch(() => {});
