// The console shell: signs in, works out which pages the user's roles allow, routes by URL fragment.
import { session, accessToken, claims, logout, realm, prefix } from './oidc.js';
import { PAGES } from './pages.js';

export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k.startsWith('on')) {
      e.addEventListener(k.slice(2), v);
    } else if (v !== false && v !== null && v !== undefined) {
      e.setAttribute(k, v === true ? '' : v);
    }
  }
  for (const c of children.flat()) {
    e.append(c instanceof Node ? c : document.createTextNode(c === null || c === undefined ? '' : String(c)));
  }
  return e;
}

/** Calls one of the suite's APIs with the user's token; answers the parsed JSON or throws with the API's error. */
export async function api(path, options = {}) {
  const token = await accessToken();
  const headers = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const r = await fetch(`${prefix}${path.replace('{realm}', encodeURIComponent(realm))}`,
    { method: options.method || 'GET', headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const text = await r.text();
  const body = text ? JSON.parse(text) : null;
  if (!r.ok) {
    const err = new Error(body && body.error_description ? body.error_description : `${r.status}`);
    err.status = r.status;
    throw err;
  }
  return body;
}

export function say(message, kind = '') {
  const s = document.getElementById('status');
  s.textContent = message;
  s.className = kind;
}

function roles(token) {
  const c = claims(token);
  const own = ((c.resource_access || {})['city-iam'] || {}).roles || [];
  return new Set(own);
}

async function show(allowed, mine) {
  const id = (location.hash || '').replace(/^#\/?/, '') || (allowed[0] && allowed[0].id);
  const page = allowed.find(p => p.id === id);
  for (const a of document.querySelectorAll('#nav a')) {
    if (a.dataset.page === id) {
      a.setAttribute('aria-current', 'page');
    } else {
      a.removeAttribute('aria-current');
    }
  }
  const root = document.getElementById('page');
  root.replaceChildren();
  delete document.body.dataset.rendered;
  performance.mark('city-iam:show');
  say('');
  if (!page) {
    document.getElementById('title').textContent = 'Nothing to show';
    root.append(el('p', {}, 'Your account has no City IAM pages. If you expected some, ask your IAM administrator for a role.'));
    document.title = 'City IAM console';
    return;
  }
  document.getElementById('title').textContent = page.title;
  document.title = `${page.title} · City IAM console`;
  try {
    await page.render(root, mine);
    // Time to interactive, for the browser harness: the page's data is on screen and its controls work.
    performance.mark('city-iam:rendered', { detail: page.id });
    document.body.dataset.rendered = page.id;
  } catch (e) {
    say(`Could not load this page: ${e.message}`, 'bad');
  }
}

async function start() {
  const tokens = await session();
  const mine = roles(tokens.access_token);
  const c = claims(tokens.access_token);
  document.getElementById('who').textContent = c.preferred_username || '';
  const out = document.getElementById('logout');
  out.hidden = false;
  out.addEventListener('click', logout);
  const allowed = [];
  for (const p of PAGES) {
    if (p.roles.length ? p.roles.some(r => mine.has(r)) : await p.visible()) {
      allowed.push(p);
    }
  }
  const nav = document.getElementById('nav');
  nav.replaceChildren(...allowed.map(p => el('li', {}, el('a', { href: `#/${p.id}`, 'data-page': p.id }, p.title))));
  window.addEventListener('hashchange', () => show(allowed, mine));
  await show(allowed, mine);
}

start();
