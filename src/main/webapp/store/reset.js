// The link from the password-reset email: a new password, typed twice.
import * as api from './api.js';
import { el, param, say } from './ui.js';
import { onSubmit } from './forms.js';

const form = document.getElementById('reset-form');
const done = document.getElementById('reset-done');
const token = param('token');

if (!token) {
  form.hidden = true;
  say(done, 'This link has no reset code. Open the link from the email again, or ask for a new one.', 'error');
  done.append(' ', el('a', { href: 'forgot.html' }, 'Ask for a new link'));
}

onSubmit(form, async ({ password }) => {
  await api.post('password-reset/complete', { token, password });
  form.hidden = true;
  say(done, 'Your password has been changed. ', 'ok');
  done.append(el('a', { href: 'signin.html', id: 'reset-signin' }, 'Sign in with it'));
}, {
  check: ({ password, password_again: again }) => (password && again && password !== again
    ? [{ field: 'password_again', message: 'The two passwords are not the same.' }] : []),
});
