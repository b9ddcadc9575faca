// The link from the verification email: confirms the address with its token, says how it went.
import * as api from './api.js';
import { param, say, describe } from './ui.js';
import { pendingPlan } from './checkout-plan.js';

const result = document.getElementById('verify-result');
const token = param('token');

async function verify() {
  if (!token) {
    say(result, 'This link has no confirmation code. Open the link from the email again, or ask for a new email on the checkout page.', 'error');
    return;
  }
  try {
    await api.post('email-verification', { token });
    say(result, 'Thank you: your email address is confirmed.', 'ok');
    const plan = pendingPlan();
    if (plan) {
      const link = document.getElementById('continue-order');
      link.href = `checkout.html?plan=${encodeURIComponent(plan)}`;
      link.hidden = false;
    }
  } catch (error) {
    say(result, `Your email address could not be confirmed. ${describe(error)}`, 'error');
  }
  document.getElementById('verify-next').hidden = false;
}

await verify();
