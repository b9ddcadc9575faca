// Provisioning a hosting account: on the best server, or on one the operator chooses.
import * as api from '../api.js';
import { formDialog } from '../forms.js';

/** Resolves with the API's answer (200 created, or 202 pending), or undefined when cancelled. */
export function provisionAccount(servers) {
  const choices = servers.filter((s) => s.is_active)
    .map((s) => [s.id, `${s.name} — ${s.current_accounts}/${s.capacity}${s.is_online ? '' : ` (${s.health})`}`]);
  return formDialog({
    title: 'Provision an account',
    fields: [
      { name: 'username', label: 'Username', required: true, autocomplete: 'off',
        hint: 'A lowercase letter, then 2–31 lowercase letters, digits or underscores' },
      { name: 'email', label: 'Email', type: 'email', required: true },
      { name: 'password', label: 'Password', type: 'password', required: true, autocomplete: 'new-password',
        hint: 'At least 10 characters mixing three of: lower case, upper case, digits, symbols' },
      { name: 'full_name', label: 'Full name' },
      { name: 'phone', label: 'Phone', type: 'tel', placeholder: '+1234567890' },
      { name: 'company', label: 'Company' },
      { name: 'customer_id', label: 'Customer ID', type: 'number', as: 'number', min: 1 },
      { name: 'order_id', label: 'Order ID', type: 'number', as: 'number', min: 1 },
      { name: 'package_id', label: 'Package ID', type: 'number', as: 'number', min: 1, value: 1 },
      { name: 'server_id', label: 'Server', type: 'select', as: 'number',
        options: [['', 'Best server (chosen automatically)'], ...choices] },
    ],
    submitLabel: 'Provision',
    onSubmit: (values) => api.post('nextpanel/provision', values),
  });
}
