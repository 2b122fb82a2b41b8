// Placeholder UI: sign in with the session cookie and show who you are. Text is always
// inserted with textContent, never innerHTML, so stored values render escaped.
const $ = (id) => document.getElementById(id);

async function api(path, init = {}) {
  const response = await fetch(path, { credentials: 'same-origin', headers: { 'content-type': 'application/json' }, ...init });
  const body = response.status === 204 ? null : await response.json();
  if (!response.ok) throw Object.assign(new Error(body?.detail ?? response.statusText), { status: response.status });
  return body;
}

function cell(row, text) {
  const td = document.createElement('td');
  td.textContent = text;
  row.appendChild(td);
}

async function showHome() {
  const me = await api('/v1/me');
  $('user-name').textContent = me.name;
  $('user-roles').textContent = [...new Set(me.grants.map((g) => g.role))].join(', ') || 'none';
  const tbody = $('entities').querySelector('tbody');
  tbody.replaceChildren();
  try {
    const entities = await api('/v1/legal-entities?limit=100');
    for (const e of entities.data) {
      const tr = document.createElement('tr');
      [e.code, e.legalName, e.country, e.functionalCurrency, e.timeZone].forEach((v) => cell(tr, v));
      tbody.appendChild(tr);
    }
  } catch {
    // a role without entities:read just sees no table rows
  }
  $('sign-in').hidden = true;
  $('home').hidden = false;
}

function showSignIn() {
  $('home').hidden = true;
  $('sign-in').hidden = false;
}

$('sign-in-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  $('sign-in-error').textContent = '';
  try {
    await api('/v1/auth/sign-in', { method: 'POST', body: JSON.stringify({ email: form.get('email'), password: form.get('password') }) });
    await showHome();
  } catch (error) {
    $('sign-in-error').textContent = error.message;
  }
});

$('sign-out').addEventListener('click', async () => {
  await api('/v1/auth/sign-out', { method: 'POST' });
  showSignIn();
});

showHome().catch(showSignIn);
