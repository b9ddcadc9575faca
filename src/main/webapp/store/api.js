// The one way the store and the client area talk to /api/store: the session cookie, JSON in and
// out, the CSRF token on every change, problem+json as ApiError.

// Resolved against this module's URL, so the pages work under any context root.
const API_ROOT = new URL('../api/store/', import.meta.url);
const SIGN_IN_PAGE = new URL('signin.html', import.meta.url);

/** A refusal or failure, carrying the API's problem+json (detail for people, errors per field). */
export class ApiError extends Error {
  constructor(status, problem, response) {
    super(problem?.detail || problem?.title || `The server answered HTTP ${status}`);
    this.status = status;
    this.problem = problem ?? {};
    this.retryAfter = response?.headers.get('Retry-After') ?? null;
  }

  get detail() {
    return this.message;
  }

  /** The problem's type, by its last path segment ("email-not-verified"). */
  get kind() {
    return String(this.problem.type ?? '').split('/').pop();
  }

  /** [{field, message}] for invalid fields, else []. */
  get errors() {
    return Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }
}

let signInRequired = false;
let cachedSession; // undefined: not asked yet; null: signed out; else {customer, csrf_token}

/** Client-area pages: a 401 sends the customer to sign in, and back here afterwards. */
export function requireSignIn() {
  signInRequired = true;
}

/** The sign-in page's URL that comes back to `next` (this page by default). */
export function signInUrl(next = location.pathname + location.search) {
  const url = new URL(SIGN_IN_PAGE);
  url.searchParams.set('next', next);
  return url.href;
}

/** The signed-in customer's session ({customer, csrf_token}), or null; asked once per page. */
export async function session({ fresh = false } = {}) {
  if (cachedSession === undefined || fresh) {
    try {
      cachedSession = await request('GET', 'session');
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 401)) throw error;
      cachedSession = null;
    }
  }
  return cachedSession;
}

/** Signing up or in answers a new session: keep it (its csrf token) for the calls that follow. */
export function remember(sessionBody) {
  cachedSession = sessionBody ?? null;
}

/** Sends one call; resolves with the JSON body (null when empty), rejects with ApiError. */
export async function request(method, path, body, { retried = false } = {}) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && cachedSession?.csrf_token) headers['X-CSRF-Token'] = cachedSession.csrf_token;

  let response;
  try {
    response = await fetch(new URL(path, API_ROOT), {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin', cache: 'no-store',
    });
  } catch (e) {
    throw new ApiError(0, { title: 'Network error', detail: 'The server could not be reached. Check your connection and try again.' });
  }
  const data = await readBody(response);
  if (response.status === 401 && path !== 'session' && signInRequired) {
    location.assign(signInUrl());
    throw new ApiError(401, data, response);
  }
  // A token we hold may be stale (signed in again in another tab): ask for the session once more.
  if (response.status === 403 && method !== 'GET' && !retried && cachedSession && new ApiError(403, data).kind !== 'email-not-verified') {
    const before = cachedSession.csrf_token;
    await session({ fresh: true });
    if (cachedSession && cachedSession.csrf_token !== before) return request(method, path, body, { retried: true });
  }
  if (!response.ok) throw new ApiError(response.status, data, response);
  return data;
}

async function readBody(response) {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return { detail: `The server answered HTTP ${response.status} with something unexpected. Please try again later.` };
  }
}

export const get = (path) => request('GET', path);
export const post = (path, body = {}) => request('POST', path, body);
export const put = (path, body) => request('PUT', path, body);
export const del = (path) => request('DELETE', path);
