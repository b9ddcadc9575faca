// Emails: the outbox of customer emails — sent, waiting, failed (bodies never leave the server).
import * as api from '../api.js';
import { el, fill, time, orDash } from '../dom.js';
import { badge, button, header, notice, rowActions } from '../ui.js';
import { listing } from './listing.js';

const STATUSES = ['pending', 'sent', 'failed'];
const TEMPLATES = ['welcome', 'invoice', 'suspension', 'unsuspension', 'termination', 'email_verification',
  'password_reset'];

export default async function emails(view, ctx) {
  const canWrite = ctx.session.canWrite;
  const status = notice();
  const list = el('div', {});

  function retry(email) {
    return rowActions((report) => [
      canWrite && email.status === 'failed' ? button('Retry', async () => {
        const after = await api.post(`emails/${email.id}/retry`);
        if (after.status === 'sent') {
          status.show(`The email to ${email.recipient} was sent.`, 'ok');
          ctx.refreshAlerts?.();
          await draw();
        } else {
          report.show(`Still not sent: ${after.last_error ?? 'no reason given'}`, 'error');
        }
      }, { report }) : null,
    ]);
  }

  async function draw() {
    fill(list, await listing(ctx, {
      path: 'emails',
      filters: [
        { name: 'status', label: 'Status', type: 'select', options: [['', 'Any status'], ...STATUSES.map((s) => [s, s])] },
        { name: 'template', label: 'Kind', type: 'select', options: [['', 'Any kind'], ...TEMPLATES.map((t) => [t, t])] },
        { name: 'recipient', label: 'Recipient', type: 'search' },
      ],
      columns: [
        { label: 'Queued', cell: (e) => time(e.created_at) },
        { label: 'To', cell: (e) => e.recipient },
        { label: 'Subject', cell: (e) => el('div', {}, e.subject, el('small', { class: 'muted' }, e.template)) },
        { label: 'Status', cell: (e) => el('div', {}, badge(e.status),
          e.last_error ? el('small', { class: 'why' }, e.last_error) : null) },
        { label: 'Attempts', class: 'num', cell: (e) => String(e.attempts) },
        { label: 'Sent', cell: (e) => time(e.sent_at) },
        { label: 'About', cell: (e) => orDash([e.account_id && `account #${e.account_id}`, e.service_id && `service #${e.service_id}`,
          e.invoice_id && `invoice #${e.invoice_id}`].filter(Boolean).join(', ')) },
        canWrite ? { label: 'Actions', class: 'actions-cell', cell: retry } : null,
      ].filter(Boolean),
      empty: 'No email matches.',
      caption: 'Emails',
    }));
  }

  view.append(header('Emails'), status, list);
  await draw();
}
