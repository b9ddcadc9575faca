// The console's shell: sign-in, the navigation, the open-alert count on every page, hash routing.
import * as api from './api.js';
import { el, fill } from './dom.js';
import { describe } from './ui.js';
import fleet from './pages/fleet.js';
import accounts from './pages/accounts.js';
import attention from './pages/attention.js';
import billing from './pages/billing.js';
import automation from './pages/automation.js';
import audit from './pages/audit.js';
import emails from './pages/emails.js';
import operators from './pages/operators.js';

// Order = the navigation's order. adminOnly pages are neither linked nor routed for a VIEWER.
const PAGES = [
  ['fleet', 'Fleet', fleet],
  ['accounts', 'Accounts', accounts],
  ['attention', 'Jobs & alerts', attention],
  ['billing', 'Billing', billing],
  ['automation', 'Automation', automation],
  ['audit', 'Audit', audit],
  ['emails', 'Emails', emails],
  ['operators', 'Operators', operators, { adminOnly: true }],
];
const ALERT_POLL_MS = 15000;

const $ = (id) => document.getElementById(id);
let session = null; // {name, role, canWrite}
let alertTimer = null;
let renderCount = 0;
let lastPage = null;

// --- signing in and out ----------------------------------------------------------------------

function showSignIn(reason) {
  session = null;
  lastPage = null;
  clearInterval(alertTimer);
  $('shell').hidden = true;
  $('page').replaceChildren();
  $('sign-in').hidden = false;
  const reasonLine = $('sign-in-reason');
  reasonLine.hidden = !reason;
  reasonLine.textContent = reason ?? '';
  $('sign-in-token').value = '';
  $('sign-in-token').focus();
}

async function startSession() {
  const me = await api.get('operators/me');
  session = { name: me.name, role: me.role, canWrite: me.role === 'ADMIN' };
  $('sign-in').hidden = true;
  $('shell').hidden = false;
  $('operator').textContent = `${session.name} · ${session.role}`;
  $('operator').title = session.canWrite ? 'May read and change everything' : 'May read only';
  fill($('nav'), PAGES.filter(([, , , o]) => session.canWrite || !o?.adminOnly)
    .map(([path, label]) => el('a', { href: `#/${path}`, dataset: { page: path } }, label)));
  refreshAlerts();
  alertTimer = setInterval(refreshAlerts, ALERT_POLL_MS);
  if (!location.hash || location.hash === '#' || location.hash === '#/') location.replace('#/fleet');
  else route();
}

async function signIn(event) {
  event.preventDefault();
  const value = $('sign-in-token').value.trim();
  if (!value) {
    showSignIn('Enter your operator token.');
    return;
  }
  $('sign-in-button').disabled = true;
  api.token.set(value);
  try {
    await startSession();
  } catch (error) {
    api.token.clear();
    // a 401 already brought the sign-in back with the API's reason; anything else is shown here
    if (!(error instanceof api.ApiError && error.status === 401)) showSignIn(describe(error));
  } finally {
    $('sign-in-button').disabled = false;
  }
}

function signOut() {
  api.token.clear();
  showSignIn('You have signed out.');
}

// --- the open-alert count ------------------------------------------------------------------

async function refreshAlerts() {
  if (!session) return;
  const badge = $('alert-count');
  try {
    const open = await api.get('alerts', { status: 'open', size: 1 });
    $('alert-count-value').textContent = String(open.total);
    badge.classList.toggle('has-alerts', open.total > 0);
    badge.title = `${open.total} open alert${open.total === 1 ? '' : 's'}`;
  } catch (error) {
    $('alert-count-value').textContent = '?';
    badge.title = `Alerts could not be read: ${describe(error)}`;
  }
}

// --- routing -----------------------------------------------------------------------------------

/** "#/billing/plans?page=2" → {page: 'billing', rest: ['plans'], params}. */
function parseHash() {
  const [path, query] = location.hash.replace(/^#\/?/, '').split('?');
  const [page, ...rest] = path.split('/').filter(Boolean);
  return { page: page || 'fleet', rest, params: new URLSearchParams(query ?? '') };
}

/** Moves to a page (same page with other params by default); the hash keeps it bookmarkable. */
function go(page, rest, params) {
  const query = new URLSearchParams(Object.entries(params ?? {})
    .filter(([, v]) => v !== undefined && v !== null && v !== '')).toString();
  const hash = `#/${[page, ...rest].join('/')}${query ? `?${query}` : ''}`;
  if (location.hash === hash) route();
  else location.hash = hash;
}

async function route() {
  if (!session) return;
  const { page, rest, params } = parseHash();
  const entry = PAGES.find(([path, , , o]) => path === page && (session.canWrite || !o?.adminOnly));
  for (const link of $('nav').querySelectorAll('a')) {
    if (link.dataset.page === page) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  $('global-error').hidden = true;
  // Each render draws into its own section: one that finishes after the operator moved on lands nowhere.
  const view = el('section', { class: 'view', 'aria-busy': 'true' });
  $('page').replaceChildren(view);
  const mine = ++renderCount;
  if (!entry) {
    fill(view, el('h1', {}, 'Not found'), el('p', {}, 'There is no such page, or your role may not see it.'));
    view.removeAttribute('aria-busy');
    return;
  }
  document.title = `${entry[1]} · NextPanel Billing`;
  const ctx = {
    session, params, rest,
    go: (newParams, newRest = rest) => go(page, newRest, newParams),
    reload: () => route(),
    refreshAlerts,
  };
  try {
    await entry[2](view, ctx);
  } catch (error) {
    if (error instanceof api.ApiError && error.status === 401) return;
    view.append(el('p', { class: 'notice error', role: 'alert' }, `This page could not be loaded: ${describe(error)}`));
  } finally {
    if (mine === renderCount) {
      view.removeAttribute('aria-busy');
      // A new page moves keyboard and screen-reader focus to its heading; a filter change stays put.
      if (page !== lastPage) view.querySelector('h1')?.focus({ preventScroll: true });
      lastPage = page;
    }
  }
}

// --- start ---------------------------------------------------------------------------------

// The last line of "nothing fails silently": an error no one caught is shown, not just logged.
function showUnexpected(error) {
  if (error instanceof api.ApiError && error.status === 401) return;
  const line = $('global-error');
  line.textContent = describe(error);
  line.hidden = false;
}

window.addEventListener('unhandledrejection', (event) => showUnexpected(event.reason));
window.addEventListener('error', (event) => showUnexpected(event.error ?? event.message));
window.addEventListener('hashchange', route);
api.onUnauthorized((reason) => showSignIn(session ? `Your session has ended: ${reason}` : `Sign-in refused: ${reason}`));
$('sign-in-form').addEventListener('submit', signIn);
$('sign-out').addEventListener('click', signOut);

if (api.token.get()) {
  startSession().catch((error) => {
    if (!(error instanceof api.ApiError && error.status === 401)) showSignIn(describe(error));
  });
} else {
  showSignIn();
}
