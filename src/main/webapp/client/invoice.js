// One invoice, printable: lines, total, status, payments; pay by card, or bank transfer instructions.
// Back from the payment page (&session_id=…) it reports the return, then follows the invoice until
// it is paid: Stripe's webhook may arrive a little after the customer does.
import * as api from '../store/api.js';
import { el, fill, badge, cell, date, money, paymentMethod, param, httpUrl, say, describe, describeLoadFailure } from '../store/ui.js';
import { startClientPage } from './client.js';

const $ = (id) => document.getElementById(id);
const status = $('invoice-message');
const problem = $('invoice-error');
const id = param('id');
const POLLS = 10;
const POLL_MS = 2000;
const PAYABLE = new Set(['unpaid', 'overdue']);

function fact(term, ...value) {
  return [el('dt', {}, term), el('dd', {}, ...value)];
}

function draw(invoice) {
  const name = `Invoice ${invoice.number ?? `#${invoice.id}`}`;
  fill($('invoice-title'), name);
  document.title = `${name} · NextPanel Hosting`;
  fill($('invoice-facts'),
    fact('Status', badge(invoice.status, 'invoice-status')),
    fact('Issued', date(invoice.issued_at)),
    fact('Due', date(invoice.due_date)),
    invoice.period_start ? fact('Period', date(invoice.period_start), ' to ', date(invoice.period_end)) : null,
    invoice.paid_at ? fact('Paid on', date(invoice.paid_at, { withTime: true })) : null,
    fact('Total', el('strong', {}, money(invoice.total, invoice.currency))));
  $('pay-by-card').hidden = !(PAYABLE.has(invoice.status) && invoice.card_payments);

  fill($('invoice-lines').tBodies[0], (invoice.lines ?? []).map((line) => el('tr', {},
    el('td', {}, line.description), el('td', { class: 'num' }, money(line.amount, invoice.currency)))));
  fill($('invoice-total'), money(invoice.total, invoice.currency));

  const instructions = invoice.bank_transfer_instructions;
  $('bank-transfer').hidden = !instructions || invoice.status === 'paid' || invoice.status === 'cancelled';
  fill($('bank-instructions'), instructions ?? '');

  const payments = invoice.payments ?? [];
  fill($('invoice-payments').tBodies[0], payments.map((p) => el('tr', {},
    cell('Received', date(p.received_at, { withTime: true })),
    cell('Method', paymentMethod(p.method)),
    el('td', { class: 'num', 'data-label': 'Amount' }, money(p.amount, p.currency)))));
  $('invoice-payments-box').hidden = payments.length === 0;
  $('no-payments').hidden = payments.length > 0;
  $('invoice').hidden = false;
}

const load = async () => api.get(`invoices/${encodeURIComponent(id)}`);
const pause = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

async function payByCard(event) {
  const button = event.currentTarget;
  button.disabled = true;
  problem.replaceChildren();
  try {
    const { redirect_url: redirect } = await api.post(`invoices/${encodeURIComponent(id)}/card-payment`);
    const target = httpUrl(redirect);
    if (!target) throw new Error('the payment page’s address is not a web address');
    say(status, 'Taking you to the payment page…');
    location.assign(target);
  } catch (error) {
    say(problem, `The card payment could not be started. ${describe(error)}`, 'error');
    button.disabled = false;
  }
}

/** Back from the payment page: report it, then follow the invoice a few times until it is paid. */
async function reconcile(sessionId) {
  say(status, 'Checking your payment…');
  let invoiceStatus = null;
  try {
    ({ invoice_status: invoiceStatus } = await api.post(`invoices/${encodeURIComponent(id)}/card-payment/return`,
      { session_id: sessionId }));
  } catch (error) {
    say(problem, `We could not check your payment yet. ${describe(error)}`, 'error');
  }
  history.replaceState(null, '', `invoice.html?id=${encodeURIComponent(id)}`); // a reload does not report it again
  for (let attempt = 0; invoiceStatus !== 'paid' && attempt < POLLS; attempt++) {
    await pause(POLL_MS);
    const invoice = await load();
    draw(invoice);
    invoiceStatus = invoice.status;
  }
  if (invoiceStatus === 'paid') {
    draw(await load());
    problem.replaceChildren();
    say(status, 'Payment received. Thank you! Your hosting account is being set up.', 'ok');
  } else {
    say(status, 'Your payment is still being confirmed by the card processor. Refresh this page in a minute to see it.', 'warn');
  }
}

function welcome(invoice) {
  if (param('card') === 'failed') {
    say(status, 'Your order is placed, but the card payment could not be started. Use “Pay by card” to try again.', 'warn');
  } else if (param('placed') !== null) {
    say(status, invoice.bank_transfer_instructions
      ? 'Thank you, your order is placed. Pay by bank transfer as shown below; your account is set up once the money arrives.'
      : 'Thank you, your order is placed.', 'ok');
  }
}

$('print-invoice').addEventListener('click', () => window.print());
$('pay-by-card').addEventListener('click', payByCard);

await startClientPage();
if (!id || !/^\d+$/.test(id)) {
  say(problem, 'No invoice was chosen. ', 'error');
  problem.append(el('a', { href: 'invoices.html' }, 'See your invoices'));
} else {
  try {
    const invoice = await load();
    draw(invoice);
    welcome(invoice);
    const sessionId = param('session_id');
    if (sessionId) await reconcile(sessionId);
  } catch (error) {
    say(problem, describeLoadFailure(error, 'this invoice'), 'error');
  }
}
