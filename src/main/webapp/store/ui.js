// Building pages safely: data enters the page as text (textContent, setAttribute), never as markup.
import { ApiError } from './api.js';

/** el('a', {href, class, dataset, on: {click}}, 'text', childNode…) */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
    else if (key === 'dataset') {
      for (const [name, v] of Object.entries(value)) if (v !== undefined && v !== null) node.dataset[name] = v;
    }
    else if (key === 'on') for (const [type, fn] of Object.entries(value)) node.addEventListener(type, fn);
    else if (/^on/i.test(key) || key === 'style' || key === 'innerHTML') throw new Error(`el(): '${key}' is not allowed`);
    else if (key === 'href' && !isSafeHref(value)) continue;
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  fill(node, ...children);
  return node;
}

/** Appends children (nodes, or anything else as a text node) after emptying the node. */
export function fill(node, ...children) {
  node.replaceChildren();
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Same-site relative links, and outside links only over http(s): never javascript: or data:. */
function isSafeHref(value) {
  try {
    const url = new URL(String(value), location.href);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** The URL when it is an absolute http(s) one (a panel's address, a payment page), else null. */
export function httpUrl(value) {
  try {
    const url = new URL(String(value));
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** A `next` parameter, kept only when it stays on this site; else the fallback. */
export function sameSiteNext(fallback) {
  const next = new URLSearchParams(location.search).get('next');
  if (next) {
    try {
      const url = new URL(next, location.origin);
      if (url.origin === location.origin) return url.pathname + url.search + url.hash;
    } catch {
      // a malformed next is ignored
    }
  }
  return new URL(fallback, location.href).pathname;
}

export const param = (name) => new URLSearchParams(location.search).get(name);

// --- formatting ------------------------------------------------------------------------------

/** "12.50" + "USD" → "$12.50"; amounts stay decimal strings (no float rounding). */
export function money(amount, currency) {
  if (amount === null || amount === undefined) return '—';
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).format(String(amount));
  } catch {
    return `${amount} ${currency ?? ''}`.trim();
  }
}

const DATE = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium' });
const DATE_TIME = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/** "7 Dec 2026" (with the time if asked). "2026-12-07" is a calendar day, not a UTC instant. */
export function dateText(iso, { withTime = false } = {}) {
  if (!iso) return '—';
  const value = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T00:00:00`) : new Date(iso);
  return Number.isNaN(value.getTime()) ? String(iso) : (withTime ? DATE_TIME : DATE).format(value);
}

/** A <time> element; '—' when there is no date. */
export function date(iso, options) {
  return iso ? el('time', { datetime: iso }, dateText(iso, options)) : '—';
}

const CYCLES = { monthly: 'per month', quarterly: 'per quarter', semiannually: 'per half-year', annually: 'per year', yearly: 'per year' };
export const cycle = (value) => CYCLES[value] ?? String(value ?? '').replaceAll('_', ' ');

const METHODS = { stripe: 'Card', card: 'Card', bank_transfer: 'Bank transfer' };
export const paymentMethod = (value) => METHODS[value] ?? String(value ?? '').replaceAll('_', ' ');

// Every status has a word and a tone; the badge shows the word, the colour only repeats it.
const TONES = {
  active: 'good', paid: 'good', pending: 'wait', unpaid: 'warn', suspended: 'warn', overdue: 'bad',
  failed: 'bad', needs_attention: 'bad', terminated: 'over', cancelled: 'over',
};
const LABELS = { needs_attention: 'Needs attention', pending: 'Being set up' };

export function badge(status, test) {
  const label = LABELS[status] ?? String(status ?? 'unknown').replaceAll('_', ' ').replace(/^./, (c) => c.toUpperCase());
  return el('span', { class: ['badge', TONES[status] ?? 'wait'], dataset: { status: status ?? '', test } }, label);
}

/** A table cell that names its column on a phone (where the table stacks). */
export const cell = (label, ...content) => el('td', { 'data-label': label }, ...content);

/** Shows one line in a live region (role=status or alert, already in the page). */
export function say(region, text, tone) {
  region.className = ['notice', tone].filter(Boolean).join(' ');
  fill(region, text);
}

/** A refusal or failure as a sentence for the customer. */
export function describe(error) {
  const text = error instanceof ApiError ? error.detail : `Something went wrong: ${error?.message ?? error}`;
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

export function describeLoadFailure(error, what) {
  return `We could not load ${what}. ${describe(error)}`;
}
