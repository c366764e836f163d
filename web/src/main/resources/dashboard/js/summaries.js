'use strict';
// The 10-minute care-team summaries, latest first: who is at risk, their band, trend and open alerts.
async function load() {
  const team = document.getElementById('team').value;
  const status = document.getElementById('summaries-status');
  const box = document.getElementById('summaries');
  if (!team) { status.textContent = 'you are in no care team'; return; }
  try {
    const d = await VS.api('/api/summaries?careTeam=' + encodeURIComponent(team));
    VS.clear(box);
    for (const s of d.summaries) {
      const card = VS.el('section', {className: 'card'}, VS.el('h3', {text: VS.time(s.slot) + ' — ' + s.patientsAtRisk + ' at risk'}));
      const table = VS.el('table', {className: 'board'},
        VS.el('tr', {}, ...['Patient', 'Ward', 'NEWS2', 'Band', 'Trend', 'Open alerts', 'Last reading'].map(h => VS.el('th', {text: h}))));
      for (const p of (s.summary.patients || [])) {
        table.appendChild(VS.el('tr', {},
          VS.el('td', {}, VS.el('a', {href: '/patient.html?id=' + encodeURIComponent(p.patientId), text: p.patientId})),
          VS.el('td', {text: p.ward || ''}), VS.el('td', {text: p.news2 === undefined ? '—' : p.news2}),
          VS.el('td', {className: VS.bandClass(p.band), text: p.band || ''}), VS.el('td', {text: p.trend || ''}),
          VS.el('td', {text: (p.openAlerts || []).map(a => a.condition + ' ' + a.state).join(', ')}),
          VS.el('td', {text: p.lastReadingAt || ''})));
      }
      card.appendChild(table);
      box.appendChild(card);
    }
    status.textContent = d.summaries.length + ' sum-ups today and yesterday (UTC)';
  } catch (e) { status.textContent = e.message; }
}
VS.header().then(me => {
  const select = document.getElementById('team');
  for (const t of me.careTeams) select.appendChild(VS.el('option', {value: t, text: t}));
  select.addEventListener('change', load);
  load();
  setInterval(load, 60000);
});
