// Billing · Orders: place one (with its first invoice), mark it paid (it then provisions itself).
import * as api from '../api.js';
import { el, fill, time, orDash } from '../dom.js';
import { badge, button, rowActions } from '../ui.js';
import { formDialog } from '../forms.js';
import { listing } from './listing.js';

export default async function orders(ctx, { body, actions, status, names, plans }) {
  const canWrite = ctx.session.canWrite;

  if (canWrite) {
    actions.append(button('New order', async () => {
      // The newest 500 customers are offered; the API refuses an unknown id with a clear 404 anyway.
      const customers = (await api.get('customers', { size: 500 })).items;
      const placed = await formDialog({
        title: 'Place an order',
        fields: [
          { name: 'customer_id', label: 'Customer', type: 'select', as: 'number', required: true,
            value: ctx.params.get('customer_id'),
            options: [['', 'Choose a customer'], ...customers.map((c) => [c.id, `${c.full_name} <${c.email}>`])] },
          { name: 'plan_id', label: 'Plan', type: 'select', as: 'number', required: true,
            options: [['', 'Choose a plan'], ...plans.filter((p) => p.is_active)
              .map((p) => [p.id, `${p.name} — ${p.price} ${p.currency} ${p.billing_cycle}`])] },
          { name: 'username', label: 'Hosting username', required: true,
            hint: 'A lowercase letter, then 2–31 lowercase letters, digits or underscores' },
        ],
        submitLabel: 'Place order',
        onSubmit: (values) => api.post('orders', values),
      });
      if (placed) {
        status.show(`Order #${placed.id} placed; invoice ${placed.invoice_number} is ${placed.invoice_status}.`, 'ok');
        await draw();
      }
    }, { kind: 'primary', report: status, name: 'new-order' }));
  }

  function pay(order) {
    return rowActions((report) => [
      canWrite && order.status === 'pending' ? button('Mark paid', async () => {
        const paid = await formDialog({
          title: `Mark order #${order.id} paid`,
          intro: 'Records a payment of its first invoice in full; the hosting account is then provisioned.',
          fields: [
            { name: 'method', label: 'Payment method', value: 'manual' },
            { name: 'reference', label: 'Reference', hint: 'E.g. the bank transfer\'s reference' },
          ],
          submitLabel: 'Mark paid',
          onSubmit: (values) => api.post(`orders/${order.id}/pay`, values),
        });
        if (paid) {
          status.show(`Order #${order.id} is ${paid.status}.`, 'ok');
          await draw();
        }
      }, { report }) : null,
    ]);
  }

  async function draw() {
    fill(body, await listing(ctx, {
      path: 'orders',
      filters: [{ name: 'customer_id', label: 'Customer ID', type: 'number', min: 1 }],
      columns: [
        { label: 'Order', class: 'num', cell: (o) => `#${o.id}` },
        { label: 'Customer', cell: (o) => names.customer(o.customer_id) },
        { label: 'Plan', cell: (o) => names.plan(o.plan_id) },
        { label: 'Username', cell: (o) => o.username },
        { label: 'Status', cell: (o) => badge(o.status) },
        { label: 'Invoice', cell: (o) => (o.invoice_id
          ? el('a', { href: `#/billing/invoices?customer_id=${o.customer_id}` }, `${o.invoice_number} (${o.invoice_status})`)
          : '—') },
        { label: 'Account', cell: (o) => (o.account_id ? el('a', { href: `#/accounts?username=${encodeURIComponent(o.username)}` }, `#${o.account_id}`) : '—') },
        { label: 'Placed', cell: (o) => time(o.created_at) },
        { label: 'Paid', cell: (o) => time(o.paid_at) },
        canWrite ? { label: 'Actions', class: 'actions-cell', cell: pay } : null,
      ].filter(Boolean),
      empty: 'No orders.',
      caption: 'Orders',
    }));
  }
  await draw();
}
