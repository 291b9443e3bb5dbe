// The console's pages. Each names the roles that may see it; the APIs enforce the same roles on every call.
import { el, api, say } from './console.js';
import { accessToken } from './oidc.js';

const when = iso => (iso ? new Date(iso).toLocaleString() : '');

function table(headers, rows) {
  return el('table', {},
    el('thead', {}, el('tr', {}, headers.map(h => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, rows.length ? rows : [el('tr', {}, el('td', { colspan: headers.length, class: 'muted' }, 'None.'))]));
}

function reasonForm(label, id, onsubmit) {
  const input = el('input', { type: 'text', id, name: 'reason', required: true, maxlength: 1000 });
  return el('form', { class: 'inline', onsubmit: e => { e.preventDefault(); onsubmit(input.value.trim()); } },
    el('div', {}, el('label', { for: id }, label), input), el('input', { type: 'submit', value: 'Acknowledge' }));
}

async function devices(root, roles) {
  const report = await api('/admin/realms/{realm}/device-identity/fleet-report');
  const totals = {};
  for (const byStatus of Object.values(report.devices || {})) {
    for (const [s, n] of Object.entries(byStatus)) {
      totals[s] = (totals[s] || 0) + n;
    }
  }
  root.append(el('h2', {}, 'Fleet'),
    el('div', { class: 'cards' }, ['active', 'pending', 'quarantined', 'revoked', 'decommissioned'].map(s =>
      el('p', { class: 'card', id: `count-${s}` }, el('span', { class: 'n' }, totals[s] || 0), s))),
    el('p', {}, `Certificates expiring within ${report.expiring_within}: `, el('strong', { id: 'expiring' }, report.expiring_certificates),
      `. Shared keys: ${report.shared_keys}. Weak CA keys: ${(report.weak_ca_keys || []).length}.`));
  const groups = Object.entries(report.devices || {});
  root.append(el('h2', {}, 'By enrollment group'), table(['Group', 'Status', 'Devices'],
    groups.flatMap(([g, byStatus]) => Object.entries(byStatus).map(([s, n]) => el('tr', {}, el('td', {}, g), el('td', {}, s), el('td', {}, n))))));
  const list = await api('/admin/realms/{realm}/device-identity/devices?max=100');
  root.append(el('h2', {}, 'Devices'), table(['Device', 'Group', 'Status', 'Reason', 'Action'], list.map(d => el('tr', { 'data-device': d.device_id },
    el('td', {}, d.device_id), el('td', {}, d.group), el('td', { class: 'status' }, d.status), el('td', {}, d.status_reason || ''),
    el('td', {}, action(d))))));

  function action(d) {
    if (!roles.has('device-admin')) {
      return '';
    }
    const verb = d.status === 'pending' ? 'approve' : d.status === 'active' ? 'quarantine' : d.status === 'quarantined' ? 'release' : null;
    if (!verb) {
      return '';
    }
    return el('button', { type: 'button', class: 'act', 'aria-label': `${verb} ${d.device_id}`, onclick: async () => {
      try {
        await api(`/admin/realms/{realm}/device-identity/devices/${encodeURIComponent(d.device_id)}/${verb}`, { method: 'POST', body: {} });
        say(`${d.device_id}: ${verb} done.`, 'ok');
        root.replaceChildren();
        await devices(root, roles);
      } catch (e) {
        say(`${d.device_id}: ${e.message}`, 'bad');
      }
    } }, verb);
  }
}

async function findings(root, roles) {
  const list = await api('/admin/realms/{realm}/lifecycle/findings?max=200');
  const open = list.filter(f => f.status !== 'RESOLVED');
  const byKind = {};
  open.forEach(f => { byKind[f.kind] = (byKind[f.kind] || 0) + 1; });
  root.append(chart('Open findings by kind', byKind));
  root.append(el('h2', {}, 'Findings'), table(['Kind', 'Subject', 'ISO 27001', 'Detail', 'Status', 'Since', ''],
    open.map(f => el('tr', { 'data-finding': f.id },
      el('td', {}, f.kind), el('td', {}, `${f.subject_name || f.subject_id} (${f.subject_type})`), el('td', {}, f.iso_control),
      el('td', {}, f.detail || ''), el('td', { class: 'status' }, f.status + (f.acknowledged_reason ? ` — ${f.acknowledged_reason}` : '')),
      el('td', {}, when(f.first_seen)),
      el('td', {}, f.status === 'OPEN' && roles.has('review-admin') ? reasonForm('Reason to accept', `ack-${f.id}`, async reason => {
        try {
          await api(`/admin/realms/{realm}/lifecycle/findings/${f.id}/acknowledge`, { method: 'POST', body: { reason } });
          say(`Finding acknowledged: ${f.kind} on ${f.subject_name}.`, 'ok');
          root.replaceChildren();
          await findings(root, roles);
        } catch (e) {
          say(e.message, 'bad');
        }
      }) : '')))));
}

async function audit(root) {
  const verify = el('button', { type: 'button', class: 'act', id: 'verify', onclick: async () => {
    try {
      const r = await api('/admin/realms/{realm}/city-iam/audit/verify', { method: 'POST', body: {} });
      say(r.valid ? `The audit chain is intact: ${r.entries_checked} entries checked.` : `The audit chain is broken at entry ${r.first_broken.seq}: ${r.first_broken.reason}.`,
        r.valid ? 'ok' : 'bad');
    } catch (e) {
      say(e.message, 'bad');
    }
  } }, 'Verify the chain');
  const entries = await api('/admin/realms/{realm}/city-iam/audit?max=50&order=desc');
  root.append(el('p', {}, verify), el('h2', {}, 'Latest entries'), table(['#', 'Time', 'Actor', 'Action', 'Subject'],
    entries.map(e => el('tr', {}, el('td', {}, e.seq), el('td', {}, when(e.time)), el('td', {}, e.actor.name || e.actor.id),
      el('td', {}, e.action), el('td', {}, e.subject || '')))));
}

async function myReviews(root) {
  const items = await api('/realms/{realm}/access-reviews/my-items?max=500');
  const byCampaign = {};
  items.forEach(i => (byCampaign[i.campaign_id] = byCampaign[i.campaign_id] || []).push(i));
  for (const [campaign, list] of Object.entries(byCampaign)) {
    const decided = list.filter(i => i.decision && i.decision !== 'NOT_DECIDED').length;
    root.append(el('h2', {}, `Campaign ${campaign.slice(0, 8)}`),
      el('p', {}, el('progress', { max: list.length, value: decided, 'aria-label': `${decided} of ${list.length} decided` }), ` ${decided} of ${list.length} decided`),
      table(['User', 'Access', 'Granted through', 'Recommendation', 'Decision', 'Decide', 'Select'], list.map(i => el('tr', { 'data-item': i.id },
        el('td', {}, i.username), el('td', {}, `${i.access}${i.privileged ? ' (privileged)' : ''}`), el('td', {}, i.grant_path || i.grant_kind),
        el('td', {}, el('strong', {}, i.recommendation || ''), el('br'), el('span', { class: 'muted' }, (i.recommendation_reasons || []).join('; '))),
        el('td', { class: 'decision' }, (i.decision || 'open') + (i.reduce_to ? ` to ${i.reduce_to}` : '') + (i.comment ? ` — ${i.comment}` : '')),
        el('td', {}, decisionForm(i)),
        el('td', {}, el('input', { type: 'checkbox', name: 'pick', value: i.id, 'aria-label': `Select ${i.username}, ${i.access}` }))))),
      bulkForm(campaign));
  }
  if (!items.length) {
    root.append(el('p', {}, 'No review items are waiting for you.'));
  }

  // Bulk decisions are all or nothing; the server refuses to accept privileged or deny-recommended items in bulk.
  function bulkForm(campaign) {
    const comment = el('input', { type: 'text', id: `bc-${campaign}`, name: 'bulk-comment', maxlength: 1000 });
    const send = decision => async () => {
      const ids = [...document.querySelectorAll(`tr[data-item] input[name=pick]:checked`)].map(c => c.value);
      if (!ids.length) {
        say('Select the items to decide first.', 'bad');
        return;
      }
      try {
        const r = await api('/realms/{realm}/access-reviews/items/decisions', { method: 'POST', body: { item_ids: ids, decision, comment: comment.value.trim() || undefined } });
        say(`${decision} recorded for ${r.decided} items.`, 'ok');
        root.replaceChildren();
        await myReviews(root);
      } catch (err) {
        say(err.message, 'bad');
      }
    };
    return el('form', { class: 'inline', onsubmit: e => e.preventDefault() },
      el('div', {}, el('label', { for: comment.id }, 'Comment for the selected items'), comment),
      el('button', { type: 'button', class: 'act', onclick: send('ACCEPT') }, 'Accept selected'),
      el('button', { type: 'button', class: 'act', onclick: send('REVOKE') }, 'Revoke selected'));
  }

  function decisionForm(i) {
    const choice = el('select', { id: `d-${i.id}`, name: 'decision' }, ['ACCEPT', 'REVOKE', 'REDUCE', 'EXCEPTION_UNTIL'].map(d => el('option', { value: d }, d.replace('_', ' ').toLowerCase())));
    const comment = el('input', { type: 'text', id: `c-${i.id}`, name: 'comment', maxlength: 1000 });
    const until = el('input', { type: 'date', id: `u-${i.id}`, name: 'until' });
    const keep = el('input', { type: 'text', id: `k-${i.id}`, name: 'reduce_to', maxlength: 255 });
    return el('form', { class: 'inline', onsubmit: async e => {
      e.preventDefault();
      const body = { decision: choice.value, comment: comment.value.trim() || undefined, version: i.version };
      if (choice.value === 'EXCEPTION_UNTIL' && until.value) {
        body.until = new Date(`${until.value}T23:59:59Z`).toISOString();
      }
      if (choice.value === 'REDUCE') {
        body.reduce_to = keep.value.trim();
      }
      try {
        await api(`/realms/{realm}/access-reviews/items/${i.id}/decision`, { method: 'POST', body });
        say(`${i.username} / ${i.access}: ${choice.value} recorded.`, 'ok');
        root.replaceChildren();
        await myReviews(root);
      } catch (err) {
        say(`${i.username} / ${i.access}: ${err.message}`, 'bad');
      }
    } }, el('div', {}, el('label', { for: choice.id }, 'Decision'), choice), el('div', {}, el('label', { for: comment.id }, 'Comment'), comment),
      el('div', {}, el('label', { for: until.id }, 'Exception until'), until),
      el('div', {}, el('label', { for: keep.id }, 'Reduce to (role)'), keep), el('input', { type: 'submit', value: 'Decide' }));
  }
}

async function download(path, name) {
  const token = await accessToken();
  const r = await fetch(path, { headers: { Authorization: `Bearer ${token}` } });
  if (!r.ok) {
    say(`Download refused: ${r.status}`, 'bad');
    return;
  }
  const a = el('a', { href: URL.createObjectURL(await r.blob()), download: name });
  document.body.append(a);
  a.click();
  a.remove();
}

async function campaigns(root, roles) {
  const list = await api('/admin/realms/{realm}/access-reviews/campaigns?max=50');
  root.append(table(['Campaign', 'Status', 'Stage', 'Deadline', 'Items', ''], list.map(c => el('tr', { 'data-campaign': c.id },
    el('td', {}, `${c.id.slice(0, 8)} (${c.definition_id} v${c.definition_version})`),
    el('td', {}, c.status), el('td', {}, `${c.stage} of ${c.stage_count}`), el('td', {}, when(c.stage_deadline)), el('td', {}, c.item_count),
    el('td', {}, el('button', { type: 'button', class: 'act', onclick: () => detail(c) }, 'Progress'))))));
  const panel = el('section', { id: 'campaign', 'aria-live': 'polite' });
  root.append(panel);
  if (list.length) {
    await detail(list[0]);
  }

  async function detail(c) {
    const items = await api(`/admin/realms/{realm}/access-reviews/campaigns/${c.id}/items?max=1000`);
    const count = key => items.reduce((m, i) => { const k = i[key] || 'open'; m[k] = (m[k] || 0) + 1; return m; }, {});
    const decisions = count('decision');
    const reviewers = count('reviewer_id');
    const failed = items.filter(i => i.remediation === 'FAILED');
    const decided = items.length - (decisions.open || 0) - (decisions.NOT_DECIDED || 0);
    panel.replaceChildren(el('h2', {}, `Campaign ${c.id.slice(0, 8)}: ${decided} of ${items.length} decided`),
      el('p', {}, el('progress', { id: 'progress', max: items.length || 1, value: decided, 'aria-label': `${decided} of ${items.length} decided` })),
      chart('Decisions by type', decisions), chart('Items by reviewer', reviewers),
      el('h3', {}, 'Remediation failures'), table(['User', 'Access', 'Reason'], failed.map(i => el('tr', {}, el('td', {}, i.username),
        el('td', {}, i.access), el('td', {}, i.remediation_reason || '')))),
      el('p', {},
        el('button', { type: 'button', class: 'act', onclick: () => download(`${apiBase()}/campaigns/${c.id}/report?format=csv`, `campaign-${c.id}.csv`) }, 'Download CSV'), ' ',
        el('button', { type: 'button', class: 'act', onclick: () => download(`${apiBase()}/campaigns/${c.id}/evidence`, `evidence-${c.id}.zip`) }, 'Download evidence pack'), ' ',
        roles.has('review-admin') && c.status !== 'CLOSED' ? el('button', { type: 'button', class: 'act', onclick: async () => {
          try {
            await api(`/admin/realms/{realm}/access-reviews/campaigns/${c.id}/close-stage`, { method: 'POST', body: {} });
            say('Stage closed.', 'ok');
            root.replaceChildren();
            await campaigns(root, roles);
          } catch (e) {
            say(e.message, 'bad');
          }
        } }, 'Close stage') : ''));
  }
}

function apiBase() {
  const m = location.pathname.match(/^(.*)\/realms\/([^/]+)\/city-iam\/console\//);
  return `${m[1]}/admin/realms/${m[2]}/access-reviews`;
}

function chart(title, counts) {
  const most = Math.max(1, ...Object.values(counts));
  const bars = el('div', { class: 'bars', role: 'img', 'aria-label': `${title}: ${Object.entries(counts).map(([k, n]) => `${k} ${n}`).join(', ')}` },
    Object.entries(counts).flatMap(([k, n]) => [el('span', {}, k), el('span', { class: 'b', 'data-width': n }, ''), el('span', {}, n)]));
  bars.querySelectorAll('.b').forEach(b => { b.style.width = `${(100 * b.dataset.width) / most}%`; });
  return el('div', {}, el('h3', {}, title), bars);
}

export const PAGES = [
  { id: 'reviews', title: 'My reviews', roles: [], render: myReviews,
    visible: async () => { try { return (await api('/realms/{realm}/access-reviews/my-items?max=1')).length > 0; } catch (e) { return false; } } },
  { id: 'campaigns', title: 'Campaigns', roles: ['review-admin', 'auditor'], render: campaigns },
  { id: 'devices', title: 'Devices', roles: ['device-admin', 'auditor'], render: devices },
  { id: 'findings', title: 'Findings', roles: ['review-admin', 'auditor'], render: findings },
  { id: 'audit', title: 'Audit log', roles: ['auditor'], render: audit },
];
