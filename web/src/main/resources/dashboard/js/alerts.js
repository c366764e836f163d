'use strict';
async function loadInbox() {
  const status = document.getElementById('inbox-status');
  try {
    const data = await VS.api('/api/alerts');
    const body = document.getElementById('inbox');
    VS.clear(body);
    for (const a of data.alerts) {
      const note = VS.el('input', {placeholder: 'note (optional)', maxlength: 200, className: 'note'});
      const button = VS.el('button', {className: 'ack', text: 'Acknowledge', dataset: {alertId: a.alertId}});
      button.addEventListener('click', async () => {
        button.disabled = true;
        try {
          await VS.acknowledge(a.patientId, a.alertId, note.value);
          button.textContent = 'sent';
        } catch (e) { button.textContent = e.message; }
      });
      body.appendChild(VS.el('tr', {dataset: {alertId: a.alertId}},
        VS.el('td', {}, VS.el('a', {href: '/patient.html?id=' + encodeURIComponent(a.patientId), text: a.patientId}),
          ' ', VS.el('span', {className: 'name', text: a.name || ''})),
        VS.el('td', {text: a.ward}),
        VS.el('td', {text: a.condition}),
        VS.el('td', {text: a.state}),
        VS.el('td', {className: VS.bandClass(a.band), text: a.band}),
        VS.el('td', {text: a.news2}),
        VS.el('td', {text: VS.age(data.serverTime - a.openedAt)}),
        VS.el('td', {className: 'why', text: (a.firedBecause || a.reason || '')
          + (a.reason && a.reason !== a.firedBecause ? ' · latest: ' + a.reason : '')}),
        VS.el('td', {className: 'next', text: a.escalatesAt
          ? (a.escalatesAt <= data.serverTime ? 'due now' : 'in ' + VS.age(a.escalatesAt - data.serverTime)) + ' (' + a.next + ')'
          : (a.next || '')}),
        VS.el('td', {text: a.acknowledgedBy || '—'}),
        VS.el('td', {}, a.state === 'ACKNOWLEDGED' ? null : note, a.state === 'ACKNOWLEDGED' ? null : button)));
    }
    status.textContent = data.alerts.length + ' open · refreshed ' + new Date().toLocaleTimeString();
  } catch (e) { status.textContent = e.message; }
}
VS.header().then(() => { loadInbox(); setInterval(loadInbox, 5000); });
