// The catalog: every plan on sale, with its price per billing cycle and where it runs.
import * as api from './api.js';
import { el, fill, money, cycle, say, describe } from './ui.js';

const status = document.getElementById('plans-status');
const problem = document.getElementById('plans-error');
const list = document.getElementById('plans');

function planCard(plan) {
  const checkout = new URL('checkout.html', location.href);
  checkout.searchParams.set('plan', plan.id);
  const titleId = `plan-${plan.id}-name`;
  return el('li', { class: 'card plan', dataset: { test: 'plan', planId: plan.id }, 'aria-labelledby': titleId },
    el('h2', { id: titleId }, plan.name),
    el('p', { class: 'price' }, money(plan.price, plan.currency), ' ', el('small', {}, cycle(plan.billing_cycle))),
    plan.location ? el('p', { class: 'muted' }, 'Location: ', plan.location) : null,
    el('a', { class: 'button primary', href: checkout.pathname + checkout.search, dataset: { test: 'order' } },
      'Order', el('span', { class: 'sr-only' }, ` ${plan.name}`)));
}

try {
  const plans = (await api.get('plans'))?.items ?? [];
  fill(list, plans.map(planCard));
  status.replaceChildren();
  if (!plans.length) say(status, 'No plans are on sale right now. Please come back later.');
} catch (error) {
  status.replaceChildren();
  say(problem, `We could not load the plans. ${describe(error)} Please try again in a few minutes.`, 'error');
}
