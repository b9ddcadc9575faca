// Profile: name, phone and company; the password; signing out here or everywhere.
import * as api from '../store/api.js';
import { fill, say } from '../store/ui.js';
import { onSubmit, clearErrors } from '../store/forms.js';
import { startClientPage, signOut } from './client.js';

const $ = (id) => document.getElementById(id);

function showCustomer(customer) {
  fill($('profile-email'), customer.email);
  const form = $('profile-form');
  for (const name of ['full_name', 'phone', 'company']) form.elements.namedItem(name).value = customer[name] ?? '';
  const who = document.querySelector('[data-test="customer-name"]');
  if (who) fill(who, customer.full_name);
}

onSubmit($('profile-form'), async ({ full_name, phone, company }) => {
  $('profile-saved').replaceChildren();
  const customer = await api.put('profile', { full_name, phone: phone || null, company: company || null });
  showCustomer(customer);
  say($('profile-saved'), 'Your details are saved.', 'ok');
});

const passwordForm = $('password-form');
onSubmit(passwordForm, async ({ current_password, new_password }) => {
  $('password-saved').replaceChildren();
  await api.post('password', { current_password, new_password });
  passwordForm.reset();
  clearErrors(passwordForm);
  say($('password-saved'), 'Your password is changed.', 'ok');
}, {
  check: ({ new_password: first, new_password_again: again }) => (first && again && first !== again
    ? [{ field: 'new_password_again', message: 'The two new passwords are not the same.' }] : []),
});

$('sign-out-here').addEventListener('click', () => signOut('session', '?signed_out'));
$('sign-out-everywhere').addEventListener('click', () => signOut('sessions', '?signed_out=everywhere'));

const session = await startClientPage();
showCustomer(session.customer);
