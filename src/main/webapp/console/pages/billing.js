// Billing: customers, plans, orders, invoices and services, one tab each (#/billing/<tab>).
import * as api from '../api.js';
import { el } from '../dom.js';
import { header, notice } from '../ui.js';
import customers from './billing-customers.js';
import plans from './billing-plans.js';
import orders from './billing-orders.js';
import invoices from './billing-invoices.js';
import services from './billing-services.js';

const TABS = [
  ['customers', 'Customers', customers],
  ['plans', 'Plans', plans],
  ['orders', 'Orders', orders],
  ['invoices', 'Invoices', invoices],
  ['services', 'Services', services],
];

export default async function billing(view, ctx) {
  const current = TABS.find(([path]) => path === ctx.rest[0]) ?? TABS[0];
  const status = notice();
  const tabs = el('nav', { class: 'tabs', 'aria-label': 'Billing' },
    TABS.map(([path, label]) => el('a', { href: `#/billing/${path}`, 'aria-current': path === current[0] ? 'page' : null }, label)));
  const body = el('div', {});
  // The tab draws its own actions (beside the heading) and list; `status` tells how an action went.
  const actions = el('div', { class: 'actions' });
  const head = header(`Billing · ${current[1]}`);
  head.querySelector('.actions').replaceWith(actions);
  view.append(head, tabs, status, body);
  // Operators know customers and plans by name; the lists show ids, so the names are looked up once here.
  const [plans, customers] = await Promise.all([api.get('plans'), api.get('customers', { size: 500 })]);
  const planNames = new Map(plans.map((p) => [p.id, p.name]));
  const customerNames = new Map(customers.items.map((c) => [c.id, c.full_name]));
  const names = {
    plan: (id) => planNames.get(id) ?? `plan #${id}`,
    customer: (id) => (customerNames.has(id) ? `${customerNames.get(id)} (#${id})` : `#${id}`),
  };
  await current[2]({ ...ctx, go: (params) => ctx.go(params, [current[0]]) }, { body, actions, status, names, plans });
}
