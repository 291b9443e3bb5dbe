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

const REVIEW_PAGE = 100;

async function myReviews(root, roles, first = 0) {
  const items = await api(`/realms/{realm}/access-reviews/my-items?first=${first}&max=${REVIEW_PAGE}`);
  const byCampaign = {};
  items.forEach(i => (byCampaign[i.campaign_id] = byCampaign[i.campaign_id] || []).push(i));
  for (const [campaign, list] of Object.entries(byCampaign)) {
    const decided = list.filter(i => i.decision && i.decision !== 'NOT_DECIDED').length;
    root.append(el('h2', {}, `Campaign ${campaign.slice(0, 8)}`),
      el('p', {}, el('progress', { max: list.length, value: decided, 'aria-label': `${decided} of ${list.length} decided` }), ` ${decided} of ${list.length} decided on this page`),
      table(['User', 'Access', 'Granted through', 'Recommendation', 'Decision', 'Decide', 'Select'], list.map(i => el('tr', { 'data-item': i.id },
        el('td', {}, i.username), el('td', {}, `${i.access}${i.privileged ? ' (privileged)' : ''}`), el('td', {}, i.grant_path || i.grant_kind),
        el('td', {}, el('strong', {}, i.recommendation || ''), el('br'), el('span', { class: 'muted' }, (i.recommendation_reasons || []).join('; '))),
        el('td', { class: 'decision' }, (i.decision || 'open') + (i.reduce_to ? ` to ${i.reduce_to}` : '') + (i.comment ? ` — ${i.comment}` : '')),
        el('td', {}, decisionForm(i)),
        el('td', {}, el('input', { type: 'checkbox', name: 'pick', value: i.id, 'aria-label': `Select ${i.username}, ${i.access}` }))))),
      bulkForm(campaign));
  }
  if (!items.length) {
    root.append(el('p', {}, first ? 'No more items.' : 'No review items are waiting for you.'));
  }
  // One page of items at a time (a manager may have hundreds): the page stays quick to draw and to use.
  const again = at => async () => { root.replaceChildren(); await myReviews(root, roles, at); };
  root.append(el('p', { class: 'pager' },
    first > 0 ? el('button', { type: 'button', class: 'act', onclick: again(Math.max(0, first - REVIEW_PAGE)) }, `Previous ${REVIEW_PAGE}`) : '', ' ',
    items.length === REVIEW_PAGE ? el('button', { type: 'button', class: 'act', id: 'next-items', onclick: again(first + REVIEW_PAGE) }, `Next ${REVIEW_PAGE}`) : '',
    items.length ? el('span', { class: 'muted' }, ` Items ${first + 1}–${first + items.length}.`) : ''));

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
        await myReviews(root, roles, first);
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
        await myReviews(root, roles, first);
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
  if (roles.has('review-admin')) {
    root.append(await launchForm());
  }
  root.append(table(['Campaign', 'Status', 'Stage', 'Deadline', 'Items', ''], list.map(c => el('tr', { 'data-campaign': c.id },
    el('td', {}, `${c.id.slice(0, 8)} (${c.definition_id} v${c.definition_version})`),
    el('td', {}, c.status), el('td', {}, `${c.stage} of ${c.stage_count}`), el('td', {}, when(c.stage_deadline)), el('td', {}, c.item_count),
    el('td', {}, el('button', { type: 'button', class: 'act', 'aria-label': `Progress of campaign ${c.id.slice(0, 8)}`, onclick: () => detail(c) }, 'Progress'))))));
  const panel = el('section', { id: 'campaign', 'aria-live': 'polite' });
  root.append(panel);
  if (list.length) {
    await detail(list[0]);
  }

  // Launch now: a campaign of the chosen definition, as the scheduler would launch it (review-admin only; the API refuses others).
  async function launchForm() {
    const definitions = await api('/admin/realms/{realm}/access-reviews/definitions');
    const choice = el('select', { id: 'launch-definition', name: 'definition' },
      definitions.map(d => el('option', { value: d.id }, `${d.name || d.id} (${d.id})`)));
    return el('form', { class: 'inline', id: 'launch', onsubmit: async e => {
      e.preventDefault();
      try {
        const c = await api('/admin/realms/{realm}/access-reviews/campaigns', { method: 'POST', body: { definition_id: choice.value } });
        say(`Campaign launched: ${c.id.slice(0, 8)} with ${c.item_count} items.`, 'ok');
        root.replaceChildren();
        await campaigns(root, roles);
      } catch (err) {
        say(`Launch refused: ${err.message}`, 'bad');
      }
    } }, el('div', {}, el('label', { for: choice.id }, 'Review definition'), choice),
    el('input', { type: 'submit', value: 'Launch now', disabled: definitions.length ? null : true }));
  }

  async function detail(c) {
    const p = await api(`/admin/realms/{realm}/access-reviews/campaigns/${c.id}/progress?max=10`);
    const reviewers = {};
    p.reviewers.forEach(r => { reviewers[`${r.reviewer || 'unassigned'} (${r.decided} of ${r.items})`] = r.items; });
    const last = c.stage >= c.stage_count;
    panel.replaceChildren(el('h2', {}, `Campaign ${c.id.slice(0, 8)}: ${p.decided} of ${p.items} decided`),
      el('p', {}, el('progress', { id: 'progress', max: p.items || 1, value: p.decided, 'aria-label': `${p.decided} of ${p.items} decided` })),
      timeline(c, p),
      chart('Decisions by type', p.decisions),
      chart(`Items by reviewer${p.reviewer_count > p.reviewers.length ? ` (top ${p.reviewers.length} of ${p.reviewer_count})` : ''}`, reviewers),
      Object.keys(p.remediation).length ? chart('Remediation', p.remediation) : '',
      el('h3', {}, 'Remediation failures'), table(['User', 'Access', 'Reason'], p.failures.map(i => el('tr', {}, el('td', {}, i.username),
        el('td', {}, i.access), el('td', {}, i.remediation_reason || '')))),
      el('h3', { id: 'overdue' }, `Overdue items (${p.overdue}${p.overdue > p.overdue_items.length ? `, first ${p.overdue_items.length}` : ''})`),
      table(['User', 'Access', 'Now with', 'Why'], p.overdue_items.map(i => el('tr', {}, el('td', {}, i.username), el('td', {}, i.access),
        el('td', {}, i.reviewer || 'nobody'),
        el('td', {}, i.reviewer_source.startsWith('late:') ? 'past the escalation point; nobody to escalate to' : 'escalated at the escalation point')))),
      el('p', {},
        el('button', { type: 'button', class: 'act', onclick: () => download(`${apiBase()}/campaigns/${c.id}/report?format=csv`, `campaign-${c.id}.csv`) }, 'Download CSV'), ' ',
        el('button', { type: 'button', class: 'act', onclick: () => download(`${apiBase()}/campaigns/${c.id}/evidence`, `evidence-${c.id}.zip`) }, 'Download evidence pack'), ' ',
        roles.has('review-admin') && c.status !== 'CLOSED' ? el('button', { type: 'button', class: 'act', onclick: async () => {
          try {
            await api(`/admin/realms/{realm}/access-reviews/campaigns/${c.id}/close-stage`, { method: 'POST', body: {} });
            say(last ? 'Campaign closed.' : 'Stage closed.', 'ok');
            root.replaceChildren();
            await campaigns(root, roles);
          } catch (e) {
            say(e.message, 'bad');
          }
        } }, last ? 'Close campaign' : 'Close stage') : ''));
  }
}

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attrs = {}, text) {
  const e = document.createElementNS(SVG, tag);
  Object.entries(attrs).forEach(([k, v]) => e.setAttribute(k, v));
  if (text !== undefined) {
    e.textContent = text;
  }
  return e;
}

// Cumulative decisions over time as a step line from the launch to now, scaled to all items; the numbers are also in a table.
function timeline(c, p) {
  const w = 640, h = 200, left = 56, bottom = 28, top = 12, right = 12;
  const width = p.bucket === 'P1D' ? 86400000 : 3600000;
  const from = Date.parse(c.created_at);
  const to = Math.max(Date.now(), ...p.over_time.map(t => Date.parse(t.at) + width), from + width);
  const x = t => left + ((w - left - right) * (t - from)) / (to - from);
  const y = n => h - bottom - ((h - bottom - top) * n) / Math.max(1, p.items);
  let pts = `${x(from)},${y(0)}`;
  let prev = 0;
  for (const t of p.over_time) {
    const end = Math.min(to, Date.parse(t.at) + width);
    pts += ` ${x(end)},${y(prev)} ${x(end)},${y(t.cumulative)}`;
    prev = t.cumulative;
  }
  pts += ` ${x(to)},${y(prev)}`;
  const title = `Decisions over time (per ${p.bucket === 'P1D' ? 'day' : 'hour'}): ${prev} of ${p.items} decided`;
  const chartSvg = svg('svg', { id: 'over-time', viewBox: `0 0 ${w} ${h}`, role: 'img', 'aria-labelledby': 'over-time-title', 'data-decided': prev, class: 'timeline' });
  chartSvg.append(svg('title', { id: 'over-time-title' }, title),
    svg('line', { x1: left, y1: y(0), x2: w - right, y2: y(0), class: 'axis' }),
    svg('line', { x1: left, y1: top, x2: left, y2: y(0), class: 'axis' }),
    svg('text', { x: left - 6, y: y(p.items) + 4, 'text-anchor': 'end' }, String(p.items)),
    svg('text', { x: left - 6, y: y(0) + 4, 'text-anchor': 'end' }, '0'),
    svg('text', { x: left, y: h - 8 }, new Date(from).toLocaleDateString()),
    svg('text', { x: w - right, y: h - 8, 'text-anchor': 'end' }, 'now'),
    svg('polyline', { points: pts, class: 'line' }));
  const rows = p.over_time.map(t => el('tr', {}, el('td', {}, when(t.at)), el('td', {}, t.decided), el('td', {}, t.cumulative)));
  return el('div', {}, el('h3', {}, 'Decisions over time'), chartSvg,
    el('details', {}, el('summary', {}, 'As a table'), table(['From', 'Decided', 'Total decided'], rows)));
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
