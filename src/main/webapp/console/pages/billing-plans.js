// Billing · Plans: what is for sale; add a plan, take one off sale or back on.
import * as api from '../api.js';
import { el, fill, time, orDash } from '../dom.js';
import { badge, button, rowActions, table } from '../ui.js';
import { formDialog } from '../forms.js';

const CYCLES = ['monthly', 'quarterly', 'semiannual', 'annual'];

export default async function plans(ctx, { body, actions, status }) {
  const canWrite = ctx.session.canWrite;
  if (canWrite) {
    actions.append(button('Add plan', async () => {
      const added = await formDialog({
        title: 'Add a plan',
        fields: [
          { name: 'name', label: 'Name', required: true },
          { name: 'price', label: 'Price', type: 'number', as: 'number', min: 0, step: '0.01', required: true, inputmode: 'decimal' },
          { name: 'currency', label: 'Currency', required: true, value: 'USD', hint: 'ISO 4217 code, e.g. USD' },
          { name: 'billing_cycle', label: 'Billing cycle', type: 'select', required: true, options: CYCLES.map((c) => [c, c]) },
          { name: 'package_id', label: 'Panel package ID', type: 'number', as: 'number', min: 1, required: true, value: 1 },
          { name: 'preferred_location', label: 'Preferred server location' },
          { name: 'preferred_tag', label: 'Preferred server tag' },
        ],
        submitLabel: 'Add plan',
        onSubmit: (values) => api.post('plans', values),
      });
      if (added) {
        status.show(`Plan ${added.name} added.`, 'ok');
        await draw();
      }
    }, { kind: 'primary', report: status, name: 'add-plan' }));
  }

  function onSale(plan) {
    return rowActions((report) => [
      button(plan.is_active ? 'Take off sale' : 'Put on sale', async () => {
        const changed = await api.patch(`plans/${plan.id}`, { is_active: !plan.is_active });
        status.show(`Plan ${changed.name} is ${changed.is_active ? 'on sale' : 'off sale'}.`, 'ok');
        await draw();
      }, { report }),
    ]);
  }

  async function draw() {
    const all = await api.get('plans');
    fill(body, table([
      { label: 'Name', cell: (p) => el('strong', {}, p.name) },
      { label: 'Price', class: 'num', cell: (p) => `${p.price} ${p.currency}` },
      { label: 'Cycle', cell: (p) => p.billing_cycle },
      { label: 'Package', class: 'num', cell: (p) => String(p.package_id) },
      { label: 'Placement', cell: (p) => orDash([p.preferred_location, p.preferred_tag].filter(Boolean).join(' · ')) },
      { label: 'On sale', cell: (p) => badge(p.is_active ? 'on sale' : 'off sale', p.is_active ? 'active' : 'inactive') },
      { label: 'Since', cell: (p) => time(p.created_at) },
      canWrite ? { label: 'Actions', class: 'actions-cell', cell: onSale } : null,
    ].filter(Boolean), all, { empty: 'No plans yet.', caption: 'Plans' }));
  }
  await draw();
}
