// Fleet (the landing page): every server's health, latency, last check, capacity and accounts.
import * as api from '../api.js';
import { el, fill, time } from '../dom.js';
import { badge, button, capacityBar, header, notice, rowActions, table } from '../ui.js';
import { confirmDialog } from '../forms.js';
import { addServer, editServer, rotateCredentials } from './fleet-dialogs.js';

// "failing": the latest probe failed, not yet often enough to count as offline; it takes no new accounts.
function health(server) {
  if (!server.is_active) return badge('inactive');
  return el('div', {},
    badge(server.health),
    server.health === 'failing'
      ? el('small', { class: 'why' }, `${server.consecutive_failures} failed probe(s) in a row: ${server.last_error ?? ''}`) : null,
    server.health === 'offline' && server.last_error
      ? el('small', { class: 'why' }, server.last_error) : null);
}

function nameCell(server) {
  return el('div', { class: 'server-name' },
    el('strong', { class: 'name' }, server.name),
    el('small', { class: 'muted' }, [server.base_url, server.location].filter(Boolean).join(' · ')),
    server.description ? el('small', { class: 'muted' }, server.description) : null,
    server.tags?.length ? el('span', { class: 'tags' }, server.tags.map((t) => el('span', { class: 'tag' }, t))) : null);
}

function summary(servers) {
  const active = servers.filter((s) => s.is_active);
  const online = active.filter((s) => s.is_online).length;
  const used = active.reduce((n, s) => n + s.current_accounts, 0);
  const capacity = active.reduce((n, s) => n + s.capacity, 0);
  return el('dl', { class: 'summary' },
    el('div', {}, el('dt', {}, 'Servers'), el('dd', {}, `${servers.length}`, el('small', {}, ` (${active.length} active)`))),
    el('div', {}, el('dt', {}, 'Online'), el('dd', {}, `${online}/${active.length}`)),
    el('div', {}, el('dt', {}, 'Accounts'), el('dd', {}, `${used}/${capacity}`)));
}

export default async function fleet(view, ctx) {
  const canWrite = ctx.session.canWrite;
  const status = notice();
  const list = el('div', { class: 'fleet-list' });
  const progressLabel = el('span', {});
  const progress = el('div', { class: 'refresh-progress', hidden: true, role: 'status' },
    el('progress', { 'aria-label': 'Probing the servers' }), progressLabel);
  let servers = [];

  // Deactivated servers stay listed by default; an operator may hide them (kept in the URL).
  const showInactive = ctx.params.get('inactive') !== 'hide';
  const inactiveToggle = el('label', { class: 'toggle' },
    el('input', { type: 'checkbox', name: 'show-inactive', checked: showInactive,
      on: { change: (e) => ctx.go({ inactive: e.target.checked ? undefined : 'hide' }) } }),
    ' Show inactive servers');

  async function load() {
    const all = await api.get('nextpanel/servers');
    // Active servers first (in the API's order), the deactivated ones after them.
    servers = [...all.filter((s) => s.is_active), ...(showInactive ? all.filter((s) => !s.is_active) : [])];
    fill(list, summary(all), table(columns(), servers,
      { empty: 'No servers yet.' + (canWrite ? ' Add one to start.' : ''), caption: 'Servers',
        rowClass: (s) => (s.is_active ? '' : 'inactive') }));
  }

  // "refresh now" probes every server in parallel; the API answers within one probe timeout.
  async function refreshNow() {
    const started = performance.now();
    const elapsed = () => ((performance.now() - started) / 1000).toFixed(1);
    const tick = () => { progressLabel.textContent = `Probing ${servers.length} server(s)… ${elapsed()} s`; };
    tick();
    progress.hidden = false;
    const timer = setInterval(tick, 100);
    try {
      const rows = await api.get('nextpanel/servers/status', { refresh: true });
      const count = (health) => rows.filter((r) => r.is_active && r.health === health).length;
      const [online, failing, offline] = ['online', 'failing', 'offline'].map(count);
      await load();
      ctx.refreshAlerts(); // probes open and close the offline alerts
      status.show(`Probed ${rows.length} server(s) in ${elapsed()} s: ${online} online, ${failing} failing, ${offline} offline.`, 'ok');
    } finally {
      clearInterval(timer);
      progress.hidden = true;
    }
  }

  async function afterChange(result, message) {
    if (!result) return;
    await load();
    status.show(message, 'ok');
  }

  function actions(server) {
    return rowActions((report) => [
      button('Edit', async () => afterChange(await editServer(server), `Server "${server.name}" saved.`), { report }),
      button('Rotate credentials', async () => afterChange(await rotateCredentials(server),
        `Credentials of "${server.name}" replaced.`), { report }),
      server.is_active
        ? button('Deactivate', async () => {
          const sure = await confirmDialog({
            title: `Deactivate ${server.name}?`, confirmLabel: 'Deactivate',
            message: 'No new accounts will be placed on it. Its accounts keep running and can still be managed.',
          });
          if (sure) await afterChange(await api.patch(`nextpanel/servers/${server.id}`, { is_active: false }),
            `Server "${server.name}" deactivated.`);
        }, { report })
        : button('Activate', async () => afterChange(await api.patch(`nextpanel/servers/${server.id}`, { is_active: true }),
          `Server "${server.name}" activated.`), { report }),
      button('Delete', async () => {
        const sure = await confirmDialog({
          title: `Delete ${server.name}?`, confirmLabel: 'Delete server',
          message: 'The server leaves the fleet and its name becomes free. A server that still holds accounts is refused.',
        });
        if (sure) await afterChange(await api.del(`nextpanel/servers/${server.id}`), `Server "${server.name}" deleted.`);
      }, { report, kind: 'danger' }),
    ]);
  }

  function columns() {
    return [
      { label: 'Server', cell: nameCell },
      { label: 'Health', cell: health },
      { label: 'Latency', class: 'num', cell: (s) => (s.latency_ms == null ? '—' : `${s.latency_ms} ms`) },
      { label: 'Last check', cell: (s) => time(s.last_checked) },
      { label: 'Capacity', class: 'capacity-cell', cell: (s) => capacityBar(s.current_accounts, s.capacity) },
      { label: 'Accounts', cell: (s) => el('a', { href: `#/accounts?server_id=${s.id}`, class: 'nowrap' },
        `${s.current_accounts} account${s.current_accounts === 1 ? '' : 's'}`) },
      canWrite ? { label: 'Actions', class: 'actions-cell', cell: actions } : null,
    ].filter(Boolean);
  }

  view.append(
    header('Fleet',
      button('Refresh now', refreshNow, { report: status, name: 'refresh' }),
      canWrite ? button('Add server', async () => {
        const added = await addServer();
        if (added) await afterChange(added, `Server "${added.name}" added (id ${added.server_id}).`);
      }, { kind: 'primary', report: status, name: 'add-server' }) : null),
    inactiveToggle, progress, status, list);
  await load();
}
