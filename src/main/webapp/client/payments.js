// Payments history: every payment received, with the invoice it paid.
import * as api from '../store/api.js';
import { el, fill, cell, date, money, paymentMethod, say, describeLoadFailure } from '../store/ui.js';
import { startClientPage } from './client.js';

const $ = (id) => document.getElementById(id);
const status = $('payments-status');

function row(payment) {
  return el('tr', { dataset: { test: 'payment', paymentId: payment.id } },
    cell('Received', date(payment.received_at, { withTime: true })),
    cell('Invoice', el('a', { href: `invoice.html?id=${encodeURIComponent(payment.invoice_id)}` },
      payment.invoice_number ?? `#${payment.invoice_id}`)),
    cell('Method', paymentMethod(payment.method)),
    el('td', { class: 'num', 'data-label': 'Amount' }, money(payment.amount, payment.currency)));
}

await startClientPage();
try {
  const payments = (await api.get('payments'))?.items ?? [];
  status.replaceChildren();
  fill($('payments').tBodies[0], payments.map(row));
  $('payments-box').hidden = payments.length === 0;
  if (!payments.length) say(status, 'No payment received yet.');
} catch (error) {
  status.replaceChildren();
  say($('payments-error'), describeLoadFailure(error, 'your payments'), 'error');
}
