// The one way the console talks to the API: bearer token, JSON in and out, problem+json as ApiError.

// Resolved against this module's own URL, so the console works under any context root.
const API_ROOT = new URL('../api/v1/', import.meta.url);

// sessionStorage only: the token dies with the tab, and never sits in localStorage or a cookie.
const TOKEN_KEY = 'nextpanel-billing.operator-token';

export const token = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  set: (value) => sessionStorage.setItem(TOKEN_KEY, value),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

/** A refusal or failure, carrying the API's problem+json (detail for people, errors per field). */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem ?? {};
  }

  get detail() {
    return this.message;
  }

  /** [{field, message}] for invalid fields, else []. */
  get errors() {
    return Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }
}

let unauthorized = () => {};

/** Called with the API's reason whenever a call answers 401: the session is over. */
export function onUnauthorized(handler) {
  unauthorized = handler;
}

/** Sends one call; resolves with the JSON body (null when empty), rejects with ApiError. */
export async function request(method, path, { body, query, contentType } = {}) {
  const url = new URL(path, API_ROOT);
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(name, value);
  }
  const headers = { Accept: 'application/json, application/problem+json' };
  const current = token.get();
  if (current) headers.Authorization = `Bearer ${current}`;
  if (body !== undefined) headers['Content-Type'] = contentType ?? 'application/json';

  let response;
  try {
    response = await fetch(url, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store', credentials: 'omit',
    });
  } catch (e) {
    throw new ApiError(0, { title: 'Network error', detail: `The server could not be reached (${e.message})` });
  }
  const text = await response.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = { detail: `The server answered HTTP ${response.status} with a body that is not JSON` };
    }
  }
  if (response.status === 401) {
    token.clear();
    const error = new ApiError(401, data);
    unauthorized(error.detail);
    throw error;
  }
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

export const get = (path, query) => request('GET', path, { query });
export const post = (path, body) => request('POST', path, { body });
export const put = (path, body) => request('PUT', path, { body });
export const patch = (path, body) => request('PATCH', path, { body, contentType: 'application/merge-patch+json' });
export const del = (path) => request('DELETE', path);
