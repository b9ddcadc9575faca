// Billing · Invoices: filter, see lines and payments, record a payment (idempotent by its reference).
import * as api from '../api.js';
import { el, fill, time, orDash } from '../dom.js';
import { badge, button, describe, rowActions, table } from '../ui.js';
import { formDialog } from '../forms.js';
import { listing } from './listing.js';

const STATUSES = ['unpaid', 'paid', 'overdue', 'cancelled'];

/** Lines and payments, in a row under the invoice's. */
async function toggleDetails(invoice, row, columnCount) {
  const open = row.nextElementSibling?.classList.contains('detail-row') ? row.nextElementSibling : null;
  if (open) {
    open.remove();
    return;
  }
  const cell = el('td', { colspan: columnCount }, 'Loading…');
  row.after(el('tr', { class: 'detail-row' }, cell));
  try {
    const full = await api.get(`invoices/${invoice.id}`);
    fill(cell, el('div', { class: 'detail' },
      el('h3', {}, 'Lines'),
      table([
        { label: '#', cell: (l) => String(l.position) },
        { label: 'Description', cell: (l) => l.description },
        { label: 'Amount', class: 'num', cell: (l) => `${l.amount} ${full.currency}` },
      ], full.lines, { empty: 'No lines.' }),
      el('h3', {}, 'Payments'),
      table([
        { label: 'Received', cell: (p) => time(p.received_at) },
        { label: 'Amount', class: 'num', cell: (p) => `${p.amount} ${p.currency}` },
        { label: 'Method', cell: (p) => p.method },
        { label: 'Reference', cell: (p) => p.external_reference },
      ], full.payments ?? [], { empty: 'No payment yet.' })));
  } catch (error) {
    fill(cell, el('span', { class: 'notice error', role: 'alert' }, describe(error)));
  }
}

export default async function invoices(ctx, { body, status, names }) {
  const canWrite = ctx.session.canWrite;
  let columnCount = 0;

  function actions(invoice) {
    return rowActions((report) => [
      button('Details', (b) => toggleDetails(invoice, b.closest('tr'), columnCount), { report }),
      canWrite && ['unpaid', 'overdue'].includes(invoice.status) ? button('Record payment', async () => {
        const recorded = await formDialog({
          title: `Record a payment of ${invoice.number}`,
          fields: [
            { name: 'amount', label: 'Amount', type: 'number', as: 'number', step: '0.01', min: '0.01', required: true,
              value: invoice.total, inputmode: 'decimal' },
            { name: 'currency', label: 'Currency', value: invoice.currency },
            { name: 'method', label: 'Method', required: true, value: 'bank_transfer' },
            { name: 'external_reference', label: 'Reference', required: true,
              hint: 'The payment\'s own id: the same reference twice is recorded once' },
          ],
          submitLabel: 'Record payment',
          onSubmit: (values) => api.post(`invoices/${invoice.id}/payments`, values),
        });
        if (recorded) {
          status.show(`Payment of ${recorded.amount} ${recorded.currency} recorded on ${invoice.number}.`, 'ok');
          await draw();
        }
      }, { report }) : null,
    ]);
  }

  const columns = [
    { label: 'Invoice', cell: (i) => el('strong', {}, i.number) },
    { label: 'Customer', cell: (i) => names.customer(i.customer_id) },
    { label: 'Service', cell: (i) => orDash(i.service_id && `#${i.service_id}`) },
    { label: 'Period', cell: (i) => (i.period_start ? `${i.period_start} → ${i.period_end}` : '—') },
    { label: 'Total', class: 'num', cell: (i) => `${i.total} ${i.currency}` },
    { label: 'Due', cell: (i) => orDash(i.due_date) },
    { label: 'Status', cell: (i) => badge(i.status) },
    { label: 'Paid', cell: (i) => time(i.paid_at) },
    { label: 'Actions', class: 'actions-cell', cell: actions },
  ];
  columnCount = columns.length;

  async function draw() {
    fill(body, await listing(ctx, {
      path: 'invoices',
      filters: [
        { name: 'customer_id', label: 'Customer ID', type: 'number', min: 1 },
        { name: 'service_id', label: 'Service ID', type: 'number', min: 1 },
        { name: 'status', label: 'Status', type: 'select', options: [['', 'Any status'], ...STATUSES.map((s) => [s, s])] },
      ],
      columns,
      empty: 'No invoice matches.',
      caption: 'Invoices',
    }));
  }
  await draw();
}
