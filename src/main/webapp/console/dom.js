// Safe element building: every piece of data enters the page as text, never as markup.
// innerHTML, inline handlers and style attributes are refused here (the CSP forbids the last two anyway).

// Set as DOM properties rather than attributes (so `false` really means off).
const PROPERTIES = new Set(['value', 'checked', 'disabled', 'hidden', 'selected', 'required', 'multiple', 'open']);

/**
 * el('button', {class: 'primary', on: {click: fn}}, 'Save') — props: class (string or list),
 * text, dataset, on (event listeners), aria-* and other attributes; children: nodes, strings, numbers, arrays.
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null) continue;
    if (key === 'class') {
      node.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
    } else if (key === 'text') {
      node.textContent = String(value);
    } else if (key === 'dataset') {
      Object.assign(node.dataset, value);
    } else if (key === 'on') {
      for (const [type, handler] of Object.entries(value)) node.addEventListener(type, handler);
    } else if (/^on/i.test(key) || key === 'style' || key === 'innerHTML' || key === 'srcdoc') {
      throw new Error(`el(): '${key}' is not allowed; use 'on' listeners and classes`);
    } else if (PROPERTIES.has(key)) {
      node[key] = value;
    } else if (value === true) {
      node.setAttribute(key, '');
    } else if (value !== false) {
      node.setAttribute(key, String(value));
    }
  }
  append(node, children);
  return node;
}

/** Appends children: nodes as they are, anything else as a text node; null/false/undefined skipped. */
export function append(parent, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Empties a node and fills it anew. */
export function fill(node, ...children) {
  node.replaceChildren();
  return append(node, children);
}

// --- formatting ---------------------------------------------------------------------------

const DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** "12 s ago", "5 min ago", "3 h ago", "2 d ago" (past) or "in 4 min" (future). */
export function relative(iso, now = Date.now()) {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  const [value, unit] = abs < 60 ? [abs, 's'] : abs < 3600 ? [Math.round(abs / 60), 'min']
    : abs < 86400 ? [Math.round(abs / 3600), 'h'] : [Math.round(abs / 86400), 'd'];
  return seconds <= 0 ? `${value} ${unit} ago` : `in ${value} ${unit}`;
}

/** A <time> showing when, relative or absolute; the other form as its tooltip. */
export function time(iso, { style = 'relative' } = {}) {
  if (!iso) return el('span', { class: 'muted' }, '—');
  const absolute = DATE_TIME.format(new Date(iso));
  return el('time', { datetime: iso, title: style === 'relative' ? absolute : relative(iso) },
    style === 'relative' ? relative(iso) : absolute);
}

/** A value, or a muted dash when there is none. */
export function orDash(value) {
  return value === null || value === undefined || value === '' ? el('span', { class: 'muted' }, '—') : String(value);
}

/** "snake_case_words" → "snake case words", for enum labels. */
export function words(value) {
  return String(value ?? '').replaceAll('_', ' ');
}
