// Sign in, then back to the page that asked for it (?next=, on this site only).
import * as api from './api.js';
import { param, sameSiteNext, say } from './ui.js';
import { onSubmit } from './forms.js';
import { ApiError } from './api.js';

const next = sameSiteNext('../client/index.html');
document.getElementById('signup-link').href = `signup.html?next=${encodeURIComponent(next)}`;
const status = document.getElementById('signin-status');
if (param('signed_out') === 'everywhere') say(status, 'You have signed out on every device.', 'ok');
else if (param('signed_out') !== null) say(status, 'You have signed out.', 'ok');
else if (param('next')) say(status, 'Please sign in to continue.');

onSubmit(document.getElementById('signin-form'), async ({ email, password }) => {
  try {
    api.remember(await api.post('session', { email, password }));
  } catch (error) {
    if (error instanceof ApiError && error.status === 429 && error.retryAfter) {
      const minutes = Math.max(1, Math.ceil(Number(error.retryAfter) / 60));
      throw new ApiError(429, { detail: `${error.detail} Try again in about ${minutes} minute${minutes === 1 ? '' : 's'}.` });
    }
    throw error;
  }
  location.assign(next);
});
