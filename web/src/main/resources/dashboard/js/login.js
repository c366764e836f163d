'use strict';
document.getElementById('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const error = document.getElementById('login-error');
  error.textContent = '';
  try {
    const me = await VS.api('/api/login', {body: {
      username: document.getElementById('username').value,
      password: document.getElementById('password').value,
    }});
    window.location.assign(me.roles.includes('clinician') ? '/ward.html'
      : me.patientId ? '/patient.html?id=' + encodeURIComponent(me.patientId) : '/catalog.html');
  } catch (e) {
    error.textContent = e.message;
  }
});
