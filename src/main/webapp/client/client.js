// Every client-area page: signed in or sent to sign in, the customer's name in the header,
// sign out, and a reminder while the email address is not confirmed.
import * as api from '../store/api.js';
import { el, fill, say, describe } from '../store/ui.js';

const signInPage = (query) => new URL(`../store/signin.html${query}`, import.meta.url).href;

/** Resolves with the session ({customer, csrf_token}); never resolves when the visitor must sign in. */
export async function startClientPage() {
  api.requireSignIn();
  let session;
  try {
    session = await api.session();
  } catch (error) {
    alertLine(`Your account could not be loaded. ${describe(error)} Please try again in a few minutes.`);
    return new Promise(() => {});
  }
  if (!session) {
    location.assign(api.signInUrl());
    return new Promise(() => {});
  }
  const who = document.getElementById('who');
  fill(who, 'Signed in as ', el('strong', { dataset: { test: 'customer-name' } }, session.customer.full_name));
  who.hidden = false;
  document.getElementById('sign-out').addEventListener('click', () => signOut('session', '?signed_out'));
  const banner = document.getElementById('verify-banner');
  if (banner && !session.customer.email_verified) showVerifyBanner(banner, session.customer.email);
  return session;
}

/** DELETE session (this browser) or sessions (everywhere), then the sign-in page. */
export async function signOut(which, query) {
  try {
    await api.del(which);
  } catch (error) {
    if (!(error instanceof api.ApiError && error.status === 401)) {
      alertLine(`You could not be signed out. ${describe(error)}`);
      return;
    }
  }
  api.remember(null);
  location.assign(signInPage(query));
}

function showVerifyBanner(banner, email) {
  const resend = el('button', { type: 'button', id: 'banner-resend', dataset: { test: 'resend-verification' } }, 'Resend the email');
  const line = el('span', { role: 'status' });
  fill(banner, el('p', {}, 'Please confirm your email address: we sent a link to ', el('strong', {}, email),
    '. You can order once it is confirmed.'), el('p', { class: 'actions' }, resend, line));
  banner.hidden = false;
  resend.addEventListener('click', async () => {
    resend.disabled = true;
    try {
      await api.post('email-verification/resend');
      fill(line, 'Sent. It may take a minute to arrive.');
    } catch (error) {
      fill(line, `Not sent: ${describe(error)}`);
    } finally {
      resend.disabled = false;
    }
  });
}

function alertLine(text) {
  let line = document.getElementById('page-alert');
  if (!line) {
    line = el('div', { id: 'page-alert', role: 'alert' });
    document.querySelector('main').prepend(line);
  }
  say(line, text, 'error');
}
