'use strict';
// Shared by every page. Data only ever reaches the page through textContent (VS.el), never as HTML.
const VS = {
  csrf: null,
  me: null,

  async api(path, options = {}) {
    const headers = Object.assign({'Accept': 'application/json'}, options.headers || {});
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      if (VS.csrf) headers['X-CSRF-Token'] = VS.csrf;
    }
    const response = await fetch(path, {
      method: options.method || (options.body !== undefined ? 'POST' : 'GET'),
      headers, credentials: 'same-origin',
      body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
    });
    let data = null;
    try { data = await response.json(); } catch (e) { data = null; }
    if (response.status === 401 && !path.startsWith('/api/login')) {
      window.location.assign('/');
      throw new Error('log in first');
    }
    if (!response.ok) {
      const error = new Error((data && data.message) || ('HTTP ' + response.status));
      error.status = response.status;
      throw error;
    }
    return data;
  },

  el(tag, props, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (v === undefined || v === null) continue;
      if (k === 'className') e.className = v;
      else if (k === 'text') e.textContent = String(v);
      else if (k === 'dataset') Object.assign(e.dataset, v);
      else if (k.startsWith('on')) e.addEventListener(k.substring(2), v);
      else e.setAttribute(k, String(v));
    }
    for (const c of children) {
      if (c === undefined || c === null) continue;
      e.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    }
    return e;
  },

  clear(node) { while (node.firstChild) node.removeChild(node.firstChild); },

  age(ms) {
    if (ms < 0) ms = 0;
    const s = Math.round(ms / 1000);
    if (s < 90) return s + ' s';
    if (s < 5400) return Math.round(s / 60) + ' min';
    if (s < 172800) return Math.round(s / 3600) + ' h';
    return Math.round(s / 86400) + ' d';
  },

  time(ms) { return ms ? new Date(ms).toLocaleString() : '—'; },

  async header() {
    VS.me = await VS.api('/api/me');
    VS.csrf = VS.me.csrfToken;
    const top = document.getElementById('top');
    const clinician = VS.me.roles.includes('clinician');
    const nav = VS.el('nav', {},
      VS.el('strong', {text: 'VitalStorm'}),
      clinician ? VS.el('a', {href: '/ward.html', text: 'Ward overview'}) : null,
      clinician ? VS.el('a', {href: '/alerts.html', text: 'Alert inbox'}) : null,
      clinician ? VS.el('a', {href: '/summaries.html', text: 'Sum-ups'}) : null,
      VS.me.patientId ? VS.el('a', {href: '/patient.html?id=' + encodeURIComponent(VS.me.patientId), text: 'My readings'}) : null,
      clinician || VS.me.roles.includes('operator') ? VS.el('a', {href: '/thresholds.html', text: 'Thresholds'}) : null,
      VS.me.roles.includes('data-engineer') || VS.me.roles.includes('operator')
        ? VS.el('a', {href: '/catalog.html', text: 'Data catalog'}) : null,
      VS.el('span', {className: 'who', id: 'who', text: VS.me.displayName + ' (' + VS.me.roles.join(', ') + ')'}),
      VS.el('button', {id: 'logout', text: 'Log out', onclick: async () => {
        await VS.api('/api/logout', {body: {}});
        window.location.assign('/');
      }}));
    VS.clear(top);
    top.appendChild(nav);
    return VS.me;
  },

  bandClass(band) { return 'band-' + String(band || 'UNKNOWN').toLowerCase(); },

  async acknowledge(patientId, alertId, note) {
    return VS.api('/api/alerts/ack', {body: {patientId, alertId, note}});
  },
};
