// Automation: the billing sweep (overdue, suspension, unsuspension, termination, renewals) — run it now, see what runs did.
import * as api from '../api.js';
import { el, fill, time, orDash } from '../dom.js';
import { button, header, notice } from '../ui.js';
import { confirmDialog } from '../forms.js';
import { listing } from './listing.js';

const COUNTS = [
  ['invoices_created', 'invoices created'], ['overdue_marked', 'marked overdue'], ['suspended', 'suspended'],
  ['unsuspended', 'unsuspended'], ['terminated', 'terminated'], ['failures', 'failures'],
];

/** "2 suspended, 1 terminated" — only what the run did; "nothing to do" otherwise. */
function didWhat(run) {
  const parts = COUNTS.filter(([key]) => run[key] > 0).map(([key, label]) => `${run[key]} ${label}`);
  return parts.length ? parts.join(', ') : 'nothing to do';
}

function duration(run) {
  if (!run.finished_at) return 'running';
  const ms = new Date(run.finished_at) - new Date(run.started_at);
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

export default async function automation(view, ctx) {
  const status = notice();
  const list = el('div', {});

  async function draw() {
    fill(list, await listing(ctx, {
      path: 'automation/runs',
      size: 20,
      columns: [
        { label: 'Run', class: 'num', cell: (r) => `#${r.id}` },
        { label: 'Started', cell: (r) => time(r.started_at) },
        { label: 'Took', class: 'num', cell: duration },
        { label: 'Trigger', cell: (r) => r.trigger },
        { label: 'Business date', cell: (r) => orDash(r.business_date) },
        { label: 'What it did', cell: (r) => el('span', { class: r.failures > 0 ? 'why' : '' }, didWhat(r)) },
        { label: 'Detail', cell: (r) => orDash(r.detail) },
        { label: 'Node', cell: (r) => orDash(r.node) },
      ],
      empty: 'No run yet.',
      caption: 'Automation runs',
      rowClass: (r) => (r.failures > 0 ? 'has-failures' : ''),
    }));
  }

  view.append(
    header('Automation', ctx.session.canWrite ? button('Run now', async () => {
      const sure = await confirmDialog({
        title: 'Run the billing automation now?',
        message: 'It creates renewal invoices, marks invoices overdue, suspends and unsuspends services by payment, '
          + 'and terminates those long overdue — as the scheduled run would.',
        confirmLabel: 'Run now',
        danger: false,
      });
      if (!sure) return;
      const run = await api.post('automation/run');
      status.show(`Run #${run.id} finished in ${duration(run)}: ${didWhat(run)}.`, run.failures > 0 ? 'error' : 'ok');
      ctx.refreshAlerts();
      await draw();
    }, { kind: 'primary', report: status, name: 'run-now' }) : null),
    el('p', { class: 'muted' }, 'The scheduled run does the same every day; each run is recorded with what it did.'),
    status, list);
  await draw();
}
