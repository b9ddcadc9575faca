// The plan a visitor chose, kept while they sign up and confirm their email (possibly in another tab).
const KEY = 'nextpanel-store.plan';

export function rememberPlan(id) {
  try {
    localStorage.setItem(KEY, String(id));
  } catch {
    // storage refused (private mode): the ?next= link still carries the plan
  }
}

/** The remembered plan id (digits only), or null. */
export function pendingPlan() {
  try {
    const id = localStorage.getItem(KEY);
    return id && /^\d+$/.test(id) ? id : null;
  } catch {
    return null;
  }
}

export function forgetPlan() {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // nothing to forget
  }
}
