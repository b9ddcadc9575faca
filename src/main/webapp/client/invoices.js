// Invoices: number, dates, total and status; each opens its printable page.
import * as api from '../store/api.js';
import { el, fill, badge, cell, date, money, say, describeLoadFailure } from '../store/ui.js';
import { startClientPage } from './client.js';

const $ = (id) => document.getElementById(id);
const status = $('invoices-status');

function row(invoice) {
  return el('tr', { dataset: { test: 'invoice', invoiceId: invoice.id } },
    cell('Invoice', el('a', { href: `invoice.html?id=${encodeURIComponent(invoice.id)}` }, invoice.number ?? `#${invoice.id}`)),
    cell('Issued', date(invoice.issued_at)),
    cell('Due', date(invoice.due_date)),
    el('td', { class: 'num', 'data-label': 'Total' }, money(invoice.total, invoice.currency)),
    cell('Status', badge(invoice.status, 'invoice-status')));
}

await startClientPage();
try {
  const invoices = (await api.get('invoices'))?.items ?? [];
  status.replaceChildren();
  fill($('invoices').tBodies[0], invoices.map(row));
  $('invoices-box').hidden = invoices.length === 0;
  if (!invoices.length) say(status, 'You have no invoices yet.');
} catch (error) {
  status.replaceChildren();
  say($('invoices-error'), describeLoadFailure(error, 'your invoices'), 'error');
}
