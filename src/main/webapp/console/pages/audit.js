// Audit: who did what to which target, when, and how it went — newest first.
import { el, time, orDash } from '../dom.js';
import { badge, header } from '../ui.js';
import { listing } from './listing.js';

const OUTCOMES = ['success', 'refused', 'failed'];

export default async function audit(view, ctx) {
  view.append(header('Audit'), await listing(ctx, {
    path: 'audit',
    size: 50,
    filters: [
      { name: 'actor', label: 'Operator', type: 'search' },
      { name: 'action', label: 'Action', type: 'search', placeholder: 'account.suspend' },
      { name: 'target_type', label: 'Target type', type: 'search', placeholder: 'account' },
      { name: 'target_id', label: 'Target ID', type: 'search' },
      { name: 'outcome', label: 'Outcome', type: 'select', options: [['', 'Any outcome'], ...OUTCOMES.map((o) => [o, o])] },
      { name: 'from', label: 'From', type: 'datetime-local', as: 'instant' },
      { name: 'to', label: 'To', type: 'datetime-local', as: 'instant' },
    ],
    columns: [
      { label: 'When', cell: (e) => time(e.at, { style: 'absolute' }) },
      { label: 'Operator', cell: (e) => e.actor_token_id == null ? orDash(e.actor) : `${e.actor} (token ${e.actor_token_id})` },
      { label: 'Action', cell: (e) => el('code', {}, e.action) },
      { label: 'Target', cell: (e) => orDash(e.target_type && `${e.target_type} ${e.target_id ?? ''}`.trim()) },
      { label: 'Outcome', cell: (e) => badge(e.outcome) },
      { label: 'Detail', cell: (e) => orDash(e.detail) },
      { label: 'Request', cell: (e) => el('small', { class: 'muted mono' }, orDash(e.request_id)) },
    ],
    empty: 'No audit entry matches.',
    caption: 'Audit log',
  }));
}
