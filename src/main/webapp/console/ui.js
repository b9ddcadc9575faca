// Building blocks every page shares: buttons that report their own failures, tables, badges,
// the capacity bar, pagers and list headers. Forms and dialogs are in forms.js.
import { el, fill, words } from './dom.js';
import { ApiError } from './api.js';

/** The text to show for a failure: the API's detail, or the script error's message. */
export function describe(error) {
  if (error instanceof ApiError) return error.detail;
  return `Something went wrong in the console: ${error?.message ?? error}`;
}

/** A line that says how something went, right where it happened. kind: ok | error | info. */
export function notice(kind = 'info') {
  const node = el('p', { class: `notice ${kind}`, hidden: true, role: kind === 'error' ? 'alert' : 'status' });
  node.show = (message, newKind = kind) => {
    node.className = `notice ${newKind}`;
    node.setAttribute('role', newKind === 'error' ? 'alert' : 'status');
    fill(node, message);
    node.hidden = false;
    node.scrollIntoView({ block: 'nearest' }); // an outcome the operator cannot see is as bad as none
  };
  node.showError = (error) => node.show(describe(error), 'error');
  node.clear = () => {
    node.hidden = true;
    node.replaceChildren();
  };
  return node;
}

/**
 * A button whose async action is disabled while it runs; a failure lands in `report`
 * (a notice beside the button), so nothing fails silently.
 */
export function button(label, action, { kind, report, title, type = 'button', name } = {}) {
  const node = el('button', { type, class: kind, title, name });
  node.append(label);
  node.addEventListener('click', async () => {
    node.disabled = true;
    report?.clear();
    try {
      await action(node);
    } catch (error) {
      if (report) report.showError(error);
      else throw error; // reaches the page's global error line
    } finally {
      node.disabled = false;
    }
  });
  return node;
}

/** A coloured word for a state. */
export function badge(status, kind = status) {
  return el('span', { class: `badge ${kind}` }, words(status));
}

/**
 * current/capacity as a bar: amber from 80 % (the API's "nearly full" alert), red when full.
 * Its width is set through the CSSOM, which the CSP allows (style attributes it does not).
 */
export function capacityBar(current, capacity) {
  const ratio = capacity > 0 ? current / capacity : 1;
  const percent = Math.round(ratio * 1000) / 10;
  const level = ratio >= 1 ? 'full' : ratio >= 0.8 ? 'warn' : 'ok';
  const fillBar = el('span', { class: 'fill' });
  fillBar.style.width = `${Math.min(100, percent)}%`;
  return el('div', { class: `capacity ${level}` },
    el('div', {
      class: 'bar', role: 'meter', 'aria-valuemin': 0, 'aria-valuemax': capacity, 'aria-valuenow': current,
      'aria-label': `${current} of ${capacity} accounts`,
    }, fillBar),
    el('span', { class: 'capacity-text' }, `${current}/${capacity}`, el('span', { class: 'muted' }, ` · ${percent} %`)));
}

/**
 * A table that turns into cards on a phone (each cell labelled by its column).
 * columns: [{label, cell: row => node|string, class}]
 */
export function table(columns, rows, { empty = 'Nothing here yet.', rowClass, caption } = {}) {
  if (!rows.length) return el('p', { class: 'empty' }, empty);
  return el('div', { class: 'table-wrap' },
    el('table', {},
      caption ? el('caption', { class: 'sr-only' }, caption) : null,
      el('thead', {}, el('tr', {}, columns.map((c) => el('th', { scope: 'col', class: c.class }, c.label)))),
      el('tbody', {}, rows.map((row) => el('tr', { class: rowClass?.(row), dataset: { id: row.id ?? '' } },
        columns.map((c) => el('td', { class: c.class, dataset: { label: c.label } }, c.cell(row))))))));
}

/**
 * "Page 2 of 5 · 230 in all" with previous/next; calls go(page). A long list is counted up to a
 * cap: then "Page 2 · more than 10000 in all", and has_more says whether there is a next page.
 */
export function pager({ page, size, total, total_exact: exact = true, has_more: more }, go) {
  const pages = Math.max(1, Math.ceil(total / size));
  const where = exact ? `Page ${page} of ${pages} · ${total} in all` : `Page ${page} · more than ${total} in all`;
  return el('nav', { class: 'pager', 'aria-label': 'Result pages' },
    el('button', { type: 'button', disabled: page <= 1, on: { click: () => go(page - 1) } }, '← Previous'),
    el('span', {}, where),
    el('button', { type: 'button', disabled: !(more ?? page < pages), on: { click: () => go(page + 1) } }, 'Next →'));
}

/** A page's title row: heading plus the actions the role allows. */
export function header(title, ...actions) {
  return el('div', { class: 'page-head' }, el('h1', { tabindex: -1 }, title), el('div', { class: 'actions' }, actions));
}

/** A group of row actions with its own error line underneath. */
export function rowActions(build) {
  const report = notice('error');
  const buttons = build(report).filter(Boolean);
  return el('div', { class: 'row-actions' }, el('div', { class: 'buttons' }, buttons), report);
}
