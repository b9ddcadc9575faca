// Checkout: the chosen plan, an account (signed in, email confirmed), a username and a way to pay.
// A card payment continues on the payment page; a bank transfer on the invoice with its instructions.
import * as api from './api.js';
import { ApiError } from './api.js';
import { el, fill, money, cycle, param, say, describe, httpUrl } from './ui.js';
import { onSubmit } from './forms.js';
import { rememberPlan, forgetPlan } from './checkout-plan.js';

const $ = (id) => document.getElementById(id);
const status = $('checkout-status');
const problem = $('checkout-error');
const planId = param('plan');
const here = location.pathname + location.search;

function invoicePage(invoiceId, extra = '') {
  return `../client/invoice.html?id=${encodeURIComponent(invoiceId)}${extra}`;
}

async function showPlan() {
  if (!planId || !/^\d+$/.test(planId)) {
    say(problem, 'No plan was chosen. ', 'error');
    problem.append(el('a', { href: 'index.html' }, 'See the plans'));
    return null;
  }
  const catalog = await api.get('plans');
  const plans = catalog?.items ?? [];
  const plan = plans.find((p) => String(p.id) === planId);
  offerPaymentMethods(catalog?.payment_methods ?? []);
  if (!plan) {
    say(problem, 'This plan is not on sale any more. ', 'error');
    problem.append(el('a', { href: 'index.html' }, 'See the plans'));
    return null;
  }
  fill($('plan-details'),
    el('dt', {}, 'Plan'), el('dd', { dataset: { test: 'plan-name' } }, plan.name),
    el('dt', {}, 'Price'), el('dd', {}, money(plan.price, plan.currency), ' ', cycle(plan.billing_cycle)),
    plan.location ? [el('dt', {}, 'Location'), el('dd', {}, plan.location)] : null);
  $('plan-summary').hidden = false;
  return plan;
}

/** Only the ways to pay this store takes; the first one offered is chosen. */
function offerPaymentMethods(methods) {
  const choices = [['stripe', 'gateway-card'], ['bank_transfer', 'gateway-bank']];
  for (const [method, id] of choices) {
    $(id).closest('label').hidden = !methods.includes(method);
  }
  const first = choices.find(([method]) => methods.includes(method));
  if (first) $(first[1]).checked = true;
}

function offerAccount() {
  rememberPlan(planId);
  const next = encodeURIComponent(here);
  $('checkout-signup').href = `signup.html?next=${next}`;
  $('checkout-signin').href = `signin.html?next=${next}`;
  $('need-account').hidden = false;
}

function askForVerification(customer) {
  rememberPlan(planId);
  $('order-form').hidden = true;
  fill($('unverified-email'), customer.email);
  $('need-verification').hidden = false;
}

$('resend-verification').addEventListener('click', async (event) => {
  const button = event.currentTarget;
  button.disabled = true;
  try {
    await api.post('email-verification/resend');
    say($('resend-status'), 'We have sent the email again. It may take a minute to arrive.', 'ok');
  } catch (error) {
    say($('resend-status'), `The email could not be sent. ${describe(error)}`, 'error');
  } finally {
    button.disabled = false;
  }
});

$('recheck-verification').addEventListener('click', async () => {
  const current = await api.session({ fresh: true });
  if (current?.customer?.email_verified) showOrderForm();
  else say($('resend-status'), 'Your address is not confirmed yet. Open the link in the email we sent you.', 'warn');
});

function showOrderForm() {
  $('need-verification').hidden = true;
  $('order-form').hidden = false;
}

async function payByCard(invoiceId) {
  try {
    const { redirect_url: redirect } = await api.post(`invoices/${encodeURIComponent(invoiceId)}/card-payment`);
    const target = httpUrl(redirect);
    if (!target) throw new Error('the payment page’s address is not a web address');
    location.assign(target);
  } catch (error) {
    // the order stands: its invoice page offers the card payment again
    location.assign(invoicePage(invoiceId, '&placed=1&card=failed'));
  }
}

onSubmit($('order-form'), async ({ username, gateway }) => {
  let placed;
  try {
    placed = await api.post('orders', { plan_id: Number(planId), username, gateway });
  } catch (error) {
    if (error instanceof ApiError && error.kind === 'email-not-verified') {
      askForVerification((await api.session({ fresh: true }))?.customer ?? { email: '' });
      return;
    }
    throw error;
  }
  forgetPlan();
  say(status, 'Your order is placed.', 'ok');
  if (gateway === 'stripe') await payByCard(placed.invoice_id);
  else location.assign(invoicePage(placed.invoice_id, '&placed=1'));
});

try {
  const [plan, current] = await Promise.all([showPlan(), api.session()]);
  status.replaceChildren();
  if (plan) {
    if (!current) offerAccount();
    else if (!current.customer.email_verified) askForVerification(current.customer);
    else showOrderForm();
  }
} catch (error) {
  status.replaceChildren();
  say(problem, `The checkout could not be loaded. ${describe(error)}`, 'error');
}
