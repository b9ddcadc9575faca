// Forgotten password: the same answer whether or not the address has an account.
import * as api from './api.js';
import { say } from './ui.js';
import { onSubmit } from './forms.js';

const form = document.getElementById('forgot-form');
const done = document.getElementById('forgot-done');

onSubmit(form, async ({ email }) => {
  await api.post('password-reset', { email });
  form.hidden = true;
  say(done, `If ${email} belongs to an account, we have sent it a link to choose a new password. `
    + 'The link works once and for a short time. Check your spam folder if nothing arrives in a few minutes.', 'ok');
});
