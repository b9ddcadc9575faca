// My services: each hosting service with its status, next due date, control-panel link, and cancellation.
import * as api from '../store/api.js';
import { el, fill, badge, cell, date, dateText, httpUrl, say, describeLoadFailure } from '../store/ui.js';
import { onSubmit } from '../store/forms.js';
import { startClientPage } from './client.js';

const $ = (id) => document.getElementById(id);
const status = $('services-status');
const dialog = $('cancel-dialog');
const ENDED = new Set(['terminated', 'failed']);
let cancelling = null; // the service the dialog is about
let opener = null;

function panelLink(service) {
  const url = service.status === 'active' ? httpUrl(service.panel_url) : null;
  if (!url) return el('span', { class: 'muted' }, '—');
  return el('a', { href: url, target: '_blank', rel: 'noopener noreferrer', dataset: { test: 'panel-link' } },
    'Open control panel', el('span', { class: 'sr-only' }, ` for ${service.username} (opens in a new tab)`));
}

function actions(service) {
  if (service.cancel_at) return el('span', { dataset: { test: 'cancel-at' } }, 'Ends on ', date(service.cancel_at));
  if (ENDED.has(service.status)) return null;
  return el('button', {
    type: 'button', class: 'danger', dataset: { test: 'cancel-service' },
    on: { click: (event) => openCancel(service, event.currentTarget) },
  }, 'Cancel', el('span', { class: 'sr-only' }, ` ${service.plan_name} (${service.username})`));
}

function row(service) {
  return el('tr', { dataset: { test: 'service', serviceId: service.id, username: service.username } },
    cell('Plan', service.plan_name),
    cell('Username', el('code', {}, service.username)),
    cell('Status', badge(service.status, 'service-status')),
    cell('Next due', date(service.next_due_date)),
    cell('Control panel', panelLink(service)),
    cell('Actions', actions(service)));
}

function draw(services) {
  fill($('services').tBodies[0], services.map(row));
  $('services-box').hidden = services.length === 0;
  if (!services.length) {
    say(status, 'You have no hosting services yet. ');
    status.append(el('a', { href: '../store/index.html' }, 'See the plans'));
  }
}

function openCancel(service, button) {
  cancelling = service;
  opener = button;
  fill($('cancel-title'), `Cancel ${service.plan_name} (${service.username})`);
  fill($('cancel-end-date'), service.next_due_date ? ['It stays active until ', date(service.next_due_date), '.'] : '');
  $('cancel-end').checked = true;
  dialog.showModal();
}

// Back where the customer was: the button, or (its row redrawn) the page's main content.
dialog.addEventListener('close', () => (opener?.isConnected ? opener : $('main')).focus());
$('cancel-keep').addEventListener('click', () => dialog.close());

onSubmit($('cancel-form'), async ({ when }) => {
  const updated = await api.post(`services/${encodeURIComponent(cancelling.id)}/cancellation`, { when });
  dialog.close();
  await load();
  const message = when === 'immediate'
    ? `${updated.plan_name} (${updated.username}) is cancelled.`
    : `${updated.plan_name} (${updated.username}) will end on ${dateText(updated.cancel_at ?? updated.next_due_date)}.`;
  say(status, message, 'ok');
});

async function load() {
  const services = (await api.get('services'))?.items ?? [];
  status.replaceChildren();
  draw(services);
}

await startClientPage();
try {
  await load();
} catch (error) {
  status.replaceChildren();
  say($('services-error'), describeLoadFailure(error, 'your services'), 'error');
}
