// Sign up: the account is created and signed in at once; the address is confirmed by email.
import * as api from './api.js';
import { sameSiteNext } from './ui.js';
import { onSubmit } from './forms.js';

const next = sameSiteNext('../client/index.html');
document.getElementById('signin-link').href = `signin.html?next=${encodeURIComponent(next)}`;

onSubmit(document.getElementById('signup-form'), async ({ full_name, email, password }) => {
  api.remember(await api.post('signup', { full_name, email, password }));
  location.assign(next);
});
