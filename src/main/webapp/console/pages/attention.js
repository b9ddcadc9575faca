// Jobs and alerts: what needs an operator first (open alerts, stuck jobs), then every job.
import * as api from '../api.js';
import { el, fill, time, orDash, words } from '../dom.js';
import { badge, button, describe, header, notice, pager, rowActions, table } from '../ui.js';
import { filterForm } from '../forms.js';

const PAGE_SIZE = 25;
const JOB_STATUSES = ['pending', 'in_progress', 'done', 'failed', 'needs_attention', 'cancelled'];
const JOB_KINDS = ['provision', 'suspend', 'unsuspend', 'terminate', 'send_email'];

/** Usernames of the accounts behind the stuck jobs: an operator knows accounts by name, not id. */
async function usernames(jobs) {
  const ids = [...new Set(jobs.map((j) => j.account_id).filter(Boolean))].slice(0, 50);
  const found = await Promise.all(ids.map((id) => api.get(`nextpanel/accounts/${id}`).catch(() => null)));
  return new Map(found.filter(Boolean).map((a) => [a.id, a.username]));
}

export default async function attention(view, ctx) {
  const canWrite = ctx.session.canWrite;
  const params = ctx.params;
  const highlight = params.get('job_id');
  const status = notice();
  const alertsBox = el('section', { class: 'block', 'aria-labelledby': 'open-alerts' });
  const stuckBox = el('section', { class: 'block', 'aria-labelledby': 'stuck-jobs' });
  const jobsBox = el('section', { class: 'block', 'aria-labelledby': 'all-jobs' });

  // A panel action acts on an account; a send_email job on an email of the outbox.
  const target = (j) => (j.account_id ? `account ${j.account_id}` : `email ${j.email_id}`);

  const jobCell = (j) => el('div', {}, el('strong', {}, `#${j.id} ${j.kind}`),
    j.reason ? el('small', { class: 'muted' }, j.reason) : null);

  function retryAction(job) {
    return rowActions((report) => [
      canWrite && ['needs_attention', 'failed'].includes(job.status) ? button('Retry', async () => {
        const after = await api.post(`jobs/${job.id}/retry`);
        ctx.refreshAlerts();
        if (after.status === 'done') {
          status.show(`Job #${job.id} (${job.kind} of ${target(job)}) is done.`, 'ok');
          await loadAll();
        } else {
          report.show(`Still ${words(after.status)}: ${after.last_error ?? 'no reason given'}`, 'error');
        }
      }, { report, kind: 'primary' }) : null,
    ]);
  }

  async function loadAlerts() {
    const open = await api.get('alerts', { status: 'open', size: 100 });
    fill(alertsBox, el('h2', { id: 'open-alerts' }, `Open alerts (${open.total})`),
      table([
        { label: 'Kind', cell: (a) => badge(a.kind, 'alert') },
        { label: 'What', cell: (a) => a.message },
        { label: 'Opened', cell: (a) => time(a.opened_at) },
        canWrite ? { label: 'Actions', class: 'actions-cell', cell: (a) => rowActions((report) => [
          button('Resolve', async () => {
            await api.post(`alerts/${a.id}/resolve`);
            status.show(`Alert resolved: ${a.message}`, 'ok');
            ctx.refreshAlerts();
            await loadAll();
          }, { report }),
        ]) } : null,
      ].filter(Boolean), open.items, { empty: 'No open alerts.', caption: 'Open alerts' }));
  }

  async function loadStuck() {
    const [stuck, failed] = await Promise.all([
      api.get('jobs', { status: 'needs_attention', size: 100 }),
      api.get('jobs', { status: 'failed', size: 20 }),
    ]);
    const jobs = [...stuck.items, ...failed.items];
    const names = await usernames(jobs);
    fill(stuckBox, el('h2', { id: 'stuck-jobs' }, `Jobs that need an operator (${stuck.total})`),
      el('p', { class: 'muted' }, 'Jobs that spent their retries or met a rejected key; recently failed ones below them. '
        + 'Fix the cause on the panel, then retry.'),
      table([
        { label: 'Job', cell: jobCell },
        { label: 'Of', cell: (j) => (j.account_id
          ? el('a', { href: `#/accounts?username=${encodeURIComponent(names.get(j.account_id) ?? '')}` },
            names.get(j.account_id) ?? `#${j.account_id}`)
          : target(j)) },
        { label: 'Status', cell: (j) => badge(j.status) },
        { label: 'Attempts', class: 'num', cell: (j) => `${j.attempts}/${j.max_attempts}` },
        { label: 'Last error', cell: (j) => el('span', { class: 'why' }, orDash(j.last_error)) },
        { label: 'Updated', cell: (j) => time(j.updated_at) },
        { label: 'Actions', class: 'actions-cell', cell: retryAction },
      ], jobs, { empty: 'No job needs attention.', caption: 'Jobs that need an operator',
        rowClass: (j) => (String(j.id) === highlight ? 'highlight' : '') }));
  }

  async function loadJobs() {
    const query = Object.fromEntries(['status', 'kind', 'account_id'].map((n) => [n, params.get(n)]));
    const page = Number(params.get('page') ?? 1);
    const jobs = await api.get('jobs', { ...query, page, size: PAGE_SIZE });
    fill(jobsBox, el('h2', { id: 'all-jobs' }, 'All jobs'),
      filterForm([
        { name: 'status', label: 'Status', type: 'select', options: [['', 'Any status'], ...JOB_STATUSES.map((s) => [s, words(s)])] },
        { name: 'kind', label: 'Kind', type: 'select', options: [['', 'Any kind'], ...JOB_KINDS.map((k) => [k, k])] },
        { name: 'account_id', label: 'Account ID', type: 'number', min: 1 },
      ], params, (values) => ctx.go(values)),
      table([
        { label: 'Job', cell: jobCell },
        { label: 'Of', cell: target },
        { label: 'Status', cell: (j) => el('div', {}, badge(j.status),
          j.outcome_unknown ? el('small', { class: 'why' }, 'outcome was unknown') : null) },
        { label: 'Attempts', class: 'num', cell: (j) => `${j.attempts}/${j.max_attempts}` },
        { label: 'Next attempt', cell: (j) => (['pending', 'in_progress'].includes(j.status) ? time(j.next_attempt_at) : '—') },
        { label: 'Last error', cell: (j) => el('span', { class: 'why' }, orDash(j.last_error)) },
        { label: 'By', cell: (j) => orDash(j.requested_by) },
        { label: 'Created', cell: (j) => time(j.created_at) },
      ], jobs.items, { empty: 'No job matches.', caption: 'All jobs' }),
      pager(jobs, (p) => ctx.go({ ...query, page: p })));
  }

  async function loadAll() {
    const results = await Promise.allSettled([loadAlerts(), loadStuck(), loadJobs()]);
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) status.show(`Part of this page could not be loaded: ${describe(failed.reason)}`, 'error');
  }

  view.append(header('Jobs & alerts', button('Reload', loadAll, { report: status })), status, alertsBox, stuckBox, jobsBox);
  await loadAll();
  view.querySelector('tr.highlight')?.scrollIntoView({ block: 'center' });
}
