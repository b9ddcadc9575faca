// Billing · Services: what customers pay for; cancel now (terminates the account) or at period end.
import * as api from '../api.js';
import { el, fill, time, orDash } from '../dom.js';
import { badge, button, rowActions } from '../ui.js';
import { confirmDialog } from '../forms.js';
import { listing } from './listing.js';

const STATUSES = ['pending', 'active', 'suspended', 'terminated', 'failed', 'needs_attention'];

export default async function services(ctx, { body, status, names }) {
  const canWrite = ctx.session.canWrite;

  async function cancel(service, when) {
    const now = when === 'immediate';
    const sure = await confirmDialog({
      title: now ? `Cancel service #${service.id} now?` : `Cancel service #${service.id} at the end of its period?`,
      message: now
        ? 'Its hosting account is deleted from the panel right away. This cannot be undone.'
        : `No more renewals; the account is deleted on ${service.next_due_date ?? 'its next due date'}.`,
      confirmLabel: now ? 'Cancel now' : 'Cancel at period end',
    });
    if (!sure) return;
    const after = await api.post(`services/${service.id}/cancel`, { when });
    status.show(now ? `Service #${service.id} cancelled: ${after.status}.`
      : `Service #${service.id} will end on ${after.cancel_at}.`, 'ok');
    await draw();
  }

  function actions(service) {
    const open = ['pending', 'active', 'suspended'].includes(service.status);
    return rowActions((report) => [
      canWrite && open ? button('Cancel now', () => cancel(service, 'immediate'), { report, kind: 'danger' }) : null,
      canWrite && open && !service.cancel_at
        ? button('Cancel at period end', () => cancel(service, 'end_of_period'), { report }) : null,
    ]);
  }

  async function draw() {
    fill(body, await listing(ctx, {
      path: 'services',
      filters: [
        { name: 'customer_id', label: 'Customer ID', type: 'number', min: 1 },
        { name: 'status', label: 'Status', type: 'select', options: [['', 'Any status'], ...STATUSES.map((s) => [s, s])] },
      ],
      columns: [
        { label: 'Service', class: 'num', cell: (s) => `#${s.id}` },
        { label: 'Customer', cell: (s) => names.customer(s.customer_id) },
        { label: 'Plan', cell: (s) => names.plan(s.plan_id) },
        { label: 'Account', cell: (s) => (s.account_id ? `#${s.account_id}` : '—') },
        { label: 'Status', cell: (s) => el('div', {}, badge(s.status),
          s.suspended_for_nonpayment ? el('small', { class: 'why' }, 'for non-payment') : null) },
        { label: 'Next due', cell: (s) => orDash(s.next_due_date) },
        { label: 'Ends', cell: (s) => orDash(s.cancel_at) },
        { label: 'Since', cell: (s) => time(s.created_at) },
        canWrite ? { label: 'Actions', class: 'actions-cell', cell: actions } : null,
      ].filter(Boolean),
      empty: 'No service matches.',
      caption: 'Services',
    }));
  }
  await draw();
}
