// OpenID Connect authorization code flow with PKCE (S256) against the realm that serves the console.
// Tokens stay in this tab's sessionStorage; nothing is sent anywhere but this server.
const match = location.pathname.match(/^(.*)\/realms\/([^/]+)\/city-iam\/console\//);
export const prefix = match ? match[1] : '';
export const realm = match ? decodeURIComponent(match[2]) : '';
const clientId = 'city-iam-console';
const oidc = `${location.origin}${prefix}/realms/${encodeURIComponent(realm)}/protocol/openid-connect`;
const redirectUri = `${location.origin}${prefix}/realms/${encodeURIComponent(realm)}/city-iam/console/`;

function b64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function random() {
  return b64url(crypto.getRandomValues(new Uint8Array(32)));
}

async function login() {
  const verifier = random();
  const state = random();
  sessionStorage.setItem('pkce', JSON.stringify({ verifier, state, hash: location.hash }));
  const challenge = b64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const q = new URLSearchParams({ client_id: clientId, redirect_uri: redirectUri, response_type: 'code', response_mode: 'query',
    scope: 'openid', state, code_challenge: challenge, code_challenge_method: 'S256' });
  location.assign(`${oidc}/auth?${q}`);
  return new Promise(() => {});
}

async function tokenRequest(form) {
  const r = await fetch(`${oidc}/token`, { method: 'POST', body: new URLSearchParams({ client_id: clientId, ...form }) });
  if (!r.ok) {
    throw new Error(`token endpoint answered ${r.status}`);
  }
  const t = await r.json();
  t.expires_at = Date.now() + (t.expires_in - 10) * 1000;
  sessionStorage.setItem('tokens', JSON.stringify(t));
  return t;
}

/** The signed-in user's tokens: from this tab, from the code in the URL, or by signing in. */
export async function session() {
  const params = new URLSearchParams(location.search);
  if (params.has('code')) {
    const saved = JSON.parse(sessionStorage.getItem('pkce') || '{}');
    sessionStorage.removeItem('pkce');
    if (saved.state !== params.get('state')) {
      return login();
    }
    await tokenRequest({ grant_type: 'authorization_code', code: params.get('code'), redirect_uri: redirectUri, code_verifier: saved.verifier });
    history.replaceState(null, '', redirectUri + (saved.hash || ''));
  }
  const tokens = JSON.parse(sessionStorage.getItem('tokens') || 'null');
  return tokens ? tokens : login();
}

/** A current access token, refreshed when it is about to expire. */
export async function accessToken() {
  let t = JSON.parse(sessionStorage.getItem('tokens') || 'null');
  if (!t) {
    return login();
  }
  if (Date.now() > t.expires_at) {
    try {
      t = await tokenRequest({ grant_type: 'refresh_token', refresh_token: t.refresh_token });
    } catch (e) {
      sessionStorage.removeItem('tokens');
      return login();
    }
  }
  return t.access_token;
}

export function claims(token) {
  const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(decodeURIComponent(escape(atob(part))));
}

export function logout() {
  const t = JSON.parse(sessionStorage.getItem('tokens') || 'null');
  sessionStorage.clear();
  const q = new URLSearchParams({ client_id: clientId, post_logout_redirect_uri: redirectUri });
  if (t && t.id_token) {
    q.set('id_token_hint', t.id_token);
  }
  location.assign(`${oidc}/logout?${q}`);
}
