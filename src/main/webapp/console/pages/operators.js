// Operators (ADMIN only): issue tokens — each shown once — and revoke them.
import * as api from '../api.js';
import { el, fill, time } from '../dom.js';
import { badge, button, header, notice, rowActions, table } from '../ui.js';
import { confirmDialog, formDialog } from '../forms.js';

/** The new token, shown this once in a read-only field the operator can select and copy. */
function issuedToken(issued) {
  const field = el('input', { id: 'issued-token', type: 'text', readonly: true, value: issued.token, class: 'mono', spellcheck: 'false' });
  field.addEventListener('focus', () => field.select());
  return el('div', { class: 'issued', role: 'status' },
    el('p', {}, el('strong', {}, `Token for ${issued.name} (${issued.role}). `),
      'Copy it now: it is not shown again, and only its hash is kept.'),
    el('label', { for: 'issued-token' }, 'Token'), field);
}

export default async function operators(view, ctx) {
  const status = notice();
  const issuedBox = el('div', {});
  const list = el('div', {});

  function revoke(t) {
    return rowActions((report) => [
      t.revoked_at ? null : button('Revoke', async () => {
        const sure = await confirmDialog({
          title: `Revoke the token of ${t.name}?`, confirmLabel: 'Revoke',
          message: 'Whoever uses it is refused from the next call on. This cannot be undone.',
        });
        if (!sure) return;
        await api.del(`operators/tokens/${t.id}`);
        status.show(`Token of ${t.name} revoked.`, 'ok');
        await draw();
      }, { report, kind: 'danger' }),
    ]);
  }

  async function draw() {
    const tokens = await api.get('operators/tokens');
    fill(list, table([
      { label: 'Name', cell: (t) => el('strong', {}, t.name) },
      { label: 'Role', cell: (t) => badge(t.role, t.role.toLowerCase()) },
      { label: 'Created', cell: (t) => time(t.created_at) },
      { label: 'Last used', cell: (t) => time(t.last_used_at) },
      { label: 'State', cell: (t) => (t.revoked_at ? el('span', {}, badge('revoked'), ' ', time(t.revoked_at)) : badge('active')) },
      { label: 'Actions', class: 'actions-cell', cell: revoke },
    ], tokens, { empty: 'No tokens issued yet (the bootstrap admin token is configured, not listed).', caption: 'Operator tokens' }));
  }

  view.append(header('Operators', button('Issue token', async () => {
    const issued = await formDialog({
      title: 'Issue an operator token',
      fields: [
        { name: 'name', label: 'Operator name', required: true, placeholder: 'ops-viewer' },
        { name: 'role', label: 'Role', type: 'select', options: [['VIEWER', 'VIEWER — reads only'], ['ADMIN', 'ADMIN — everything']] },
      ],
      submitLabel: 'Issue token',
      onSubmit: (values) => api.post('operators/tokens', values),
    });
    if (issued) {
      fill(issuedBox, issuedToken(issued));
      await draw();
    }
  }, { kind: 'primary', report: status, name: 'issue-token' })),
  status, issuedBox, list);
  await draw();
}
