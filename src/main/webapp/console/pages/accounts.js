// Accounts: search and filter, paging, provisioning, suspend/unsuspend/delete, live usage.
import * as api from '../api.js';
import { el, fill, time, orDash } from '../dom.js';
import { badge, button, describe, header, notice, pager, rowActions, table } from '../ui.js';
import { confirmDialog, filterForm, formDialog } from '../forms.js';
import { provisionAccount } from './accounts-provision.js';

const PAGE_SIZE = 25;
const STATUSES = ['pending', 'active', 'suspended', 'terminated', 'failed'];

/** A refused or stuck panel action, with the way to its job when one needs attention. */
function showFailure(report, error) {
  const jobId = error instanceof api.ApiError ? error.problem.job_id : undefined;
  report.show(el('span', {}, describe(error), jobId
    ? [' ', el('a', { href: `#/attention?job_id=${jobId}` }, `Job #${jobId} needs attention →`)] : null), 'error');
}

/** Live usage from the panel, in a row under the account's. */
async function toggleStats(account, row, columnCount) {
  const open = row.nextElementSibling?.classList.contains('stats-row') ? row.nextElementSibling : null;
  if (open) {
    open.remove();
    return;
  }
  const body = el('div', { class: 'stats', role: 'status' }, 'Asking the panel…');
  const stats = el('tr', { class: 'stats-row' }, el('td', { colspan: columnCount }, body));
  row.after(stats);
  async function load() {
    try {
      const s = await api.get(`nextpanel/accounts/${account.id}/stats`);
      fill(body,
        el('dl', { class: 'stat-list' },
          [['Domains', s.total_domains], ['Databases', s.total_databases], ['Email accounts', s.total_email_accounts],
            ['SSL certificates', s.total_ssl_certificates], ['Storage used', s.storage_used],
            ['Last login', s.last_login ? time(s.last_login) : null], ['Account age', `${s.account_age_days} day(s)`],
            ['Panel user', s.user_id]]
            .map(([label, value]) => el('div', {}, el('dt', {}, label), el('dd', {}, orDash(value))))),
        el('p', { class: 'muted' }, `Live from the panel at ${new Date().toLocaleTimeString()}. `,
          el('button', { type: 'button', class: 'link', on: { click: load } }, 'Refresh')));
    } catch (error) {
      fill(body, el('span', { class: 'notice error', role: 'alert' }, describe(error)));
    }
  }
  await load();
}

export default async function accounts(view, ctx) {
  const canWrite = ctx.session.canWrite;
  const params = ctx.params;
  const page = Number(params.get('page') ?? 1);
  const status = notice();
  const servers = await api.get('nextpanel/servers');
  const serverName = new Map(servers.map((s) => [s.id, s.name]));

  const filters = filterForm([
    { name: 'server_id', label: 'Server', type: 'select',
      options: [['', 'All servers'], ...servers.map((s) => [s.id, s.name])] },
    { name: 'status', label: 'Status', type: 'select', options: [['', 'Any status'], ...STATUSES.map((s) => [s, s])] },
    { name: 'customer_id', label: 'Customer ID', type: 'number', min: 1, inputmode: 'numeric' },
    { name: 'username', label: 'Username', type: 'search' },
    { name: 'email', label: 'Email', type: 'search' },
  ], params, (values) => ctx.go(values));

  const query = Object.fromEntries(['server_id', 'status', 'customer_id', 'username', 'email'].map((n) => [n, params.get(n)]));
  const result = await api.get('nextpanel/accounts', { ...query, page, size: PAGE_SIZE });

  async function done(message) {
    status.show(message, 'ok');
    ctx.refreshAlerts();
    await refreshList();
  }

  /** Runs a panel action; 200 done, 202 retried in the background, a refusal stays beside the row. */
  async function act(account, report, call, doneWord) {
    try {
      const answer = await call();
      if (answer?.status === 'pending') {
        await done(`${account.username}: the panel could not be reached; it will be retried automatically (job #${answer.job_id}).`);
      } else {
        await done(`Account ${account.username} ${doneWord}.`);
      }
    } catch (error) {
      showFailure(report, error);
      ctx.refreshAlerts();
    }
  }

  function actions(account) {
    return rowActions((report) => [
      button('Stats', (b) => toggleStats(account, b.closest('tr'), columns().length), { report }),
      canWrite && account.status === 'active' ? button('Suspend', async () => {
        const reason = await formDialog({
          title: `Suspend ${account.username}`,
          intro: 'The account stops working on its panel until it is unsuspended.',
          fields: [{ name: 'reason', label: 'Reason', placeholder: 'Suspended by an administrator' }],
          submitLabel: 'Suspend',
          danger: true,
          onSubmit: (values) => values,
        });
        if (reason) {
          await act(account, report, () => api.post(`nextpanel/accounts/${account.id}/suspend`,
            reason.reason ? { reason: reason.reason } : {}), 'suspended');
        }
      }, { report }) : null,
      canWrite && account.status === 'suspended' ? button('Unsuspend', () =>
        act(account, report, () => api.post(`nextpanel/accounts/${account.id}/unsuspend`), 'unsuspended'), { report }) : null,
      canWrite && ['pending', 'active', 'suspended'].includes(account.status) ? button('Delete', async () => {
        const sure = await confirmDialog({
          title: `Delete ${account.username}?`, confirmLabel: 'Delete account',
          message: 'The account and everything in it are removed from its panel. This cannot be undone.',
        });
        if (sure) await act(account, report, () => api.del(`nextpanel/accounts/${account.id}`), 'deleted');
      }, { report, kind: 'danger' }) : null,
    ]);
  }

  function columns() {
    return [
      { label: 'ID', class: 'num', cell: (a) => String(a.id) },
      { label: 'Account', cell: (a) => el('div', {}, el('strong', { class: 'username' }, a.username),
        el('small', { class: 'muted' }, [a.email, a.full_name].filter(Boolean).join(' · '))) },
      { label: 'Server', cell: (a) => orDash(serverName.get(a.server_id) ?? a.server_id) },
      { label: 'Customer', cell: (a) => orDash(a.customer_id) },
      { label: 'Status', cell: (a) => el('div', {}, badge(a.status),
        a.suspension_reason && a.status === 'suspended' ? el('small', { class: 'why' }, a.suspension_reason) : null,
        a.failure_reason ? el('small', { class: 'why' }, a.failure_reason) : null,
        a.needs_attention ? el('small', { class: 'why' }, 'Needs attention: ', a.needs_attention) : null) },
      { label: 'Created', cell: (a) => time(a.created_at) },
      { label: 'Actions', class: 'actions-cell', cell: actions },
    ];
  }

  const list = el('div', {});
  function draw(current) {
    fill(list, table(columns(), current.items, { empty: 'No account matches.', caption: 'Accounts' }),
      pager(current, (p) => ctx.go({ ...query, page: p })));
  }
  async function refreshList() {
    draw(await api.get('nextpanel/accounts', { ...query, page, size: PAGE_SIZE }));
  }

  view.append(
    header('Accounts', canWrite ? button('Provision account', async () => {
      const answer = await provisionAccount(servers);
      if (!answer) return;
      if (answer.status === 'pending') {
        await done(`Account ${answer.username} is pending: ${answer.detail}`);
      } else {
        await done(`Account ${answer.username} created on ${answer.server_name} (panel user ${answer.nextpanel_user_id}).`);
      }
    }, { kind: 'primary', report: status, name: 'provision' }) : null),
    filters, status, list);
  draw(result);
}
