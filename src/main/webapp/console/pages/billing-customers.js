// Billing · Customers: find by email, add one, follow to their orders, invoices and services.
import * as api from '../api.js';
import { el, fill, time, orDash } from '../dom.js';
import { button } from '../ui.js';
import { formDialog } from '../forms.js';
import { listing } from './listing.js';

export default async function customers(ctx, { body, actions, status }) {
  if (ctx.session.canWrite) {
    actions.append(button('Add customer', async () => {
      const added = await formDialog({
        title: 'Add a customer',
        fields: [
          { name: 'email', label: 'Email', type: 'email', required: true },
          { name: 'full_name', label: 'Full name', required: true },
          { name: 'phone', label: 'Phone', type: 'tel', placeholder: '+1234567890' },
          { name: 'company', label: 'Company' },
        ],
        submitLabel: 'Add customer',
        onSubmit: (values) => api.post('customers', values),
      });
      if (added) {
        status.show(`Customer ${added.full_name} added (id ${added.id}).`, 'ok');
        await draw();
      }
    }, { kind: 'primary', report: status, name: 'add-customer' }));
  }

  async function draw() {
    fill(body, await listing(ctx, {
      path: 'customers',
      filters: [{ name: 'email', label: 'Email', type: 'search' }],
      columns: [
        { label: 'ID', class: 'num', cell: (c) => String(c.id) },
        { label: 'Name', cell: (c) => el('strong', {}, c.full_name) },
        { label: 'Email', cell: (c) => c.email },
        { label: 'Phone', cell: (c) => orDash(c.phone) },
        { label: 'Company', cell: (c) => orDash(c.company) },
        { label: 'Since', cell: (c) => time(c.created_at) },
        { label: 'See', cell: (c) => el('span', { class: 'links' },
          ['orders', 'invoices', 'services'].map((tab) => el('a', { href: `#/billing/${tab}?customer_id=${c.id}` }, tab))) },
      ],
      empty: 'No customer matches.',
      caption: 'Customers',
    }));
  }
  await draw();
}
