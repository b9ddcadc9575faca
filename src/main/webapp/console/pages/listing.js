// A filtered, paged list of one API collection ({items, total, page, size}), its filters kept in the URL.
import * as api from '../api.js';
import { el } from '../dom.js';
import { pager, table } from '../ui.js';
import { filterForm } from '../forms.js';

/**
 * filters: field specs whose names are the API's query parameters; columns: as for table().
 * Resolves with the element to show (filters, table, pager).
 */
export async function listing(ctx, { path, filters = [], columns, size = 25, empty, caption, rowClass }) {
  const query = Object.fromEntries(filters.map((f) => [f.name, ctx.params.get(f.name)]));
  const page = Number(ctx.params.get('page') ?? 1);
  const data = await api.get(path, { ...query, page, size });
  return el('div', { class: 'listing' },
    filters.length ? filterForm(filters, ctx.params, (values) => ctx.go(values)) : null,
    table(columns, data.items, { empty, caption, rowClass }),
    pager(data, (p) => ctx.go({ ...query, page: p })));
}
