// The only place that talks to the JSON API (/api/v1). Every page goes through it so
// that language, CSRF protection and error handling stay the same everywhere.
import { getState, setAccount } from './store.js';
import { t } from './i18n.js';

const BASE = '/api/v1';

// Kept in memory only (never in localStorage): a script injected elsewhere must not
// be able to read it back later. It is re-obtained from GET /session on every load.
let csrfToken = null;

export function setCsrfToken(token) {
  csrfToken = token || null;
}

/** Error thrown for any non-2xx answer; `problem` is the RFC 9457 problem document. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }

  /** True when the problem `type` URI ends with the given name, e.g. "account-inactive". */
  is(typeName) {
    return typeof this.problem.type === 'string' && this.problem.type.endsWith(`/${typeName}`);
  }
}

/** A download link (a plain navigation) asking for the file in the language chosen on the site. */
export function inLanguage(path) {
  return `${path}${path.includes('?') ? '&' : '?'}lang=${encodeURIComponent(getState().lang)}`;
}

/**
 * Sends a request and returns the parsed JSON body (or null for 204).
 * `body` is sent as JSON unless `contentType` is given (raw upload, e.g. an avatar).
 */
export async function request(method, path, body, { contentType } = {}) {
  const headers = { Accept: 'application/json, application/problem+json', 'Accept-Language': getState().lang };
  let payload;
  if (body !== undefined) {
    headers['Content-Type'] = contentType || 'application/json';
    payload = contentType ? body : JSON.stringify(body);
  }
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let response;
  try {
    response = await fetch(BASE + path, { method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    // fetch only rejects when the network is down or the server unreachable.
    throw new ApiError(0, { title: t('error.network') });
  }

  const type = response.headers.get('Content-Type') || '';
  let data = null;
  if (response.status !== 204 && type.includes('json')) {
    try {
      data = await response.json();
    } catch {
      data = null;
    }
  }
  if (response.ok) return data;

  const fallback = response.status === 429 ? t('error.tooMany') : t('error.server');
  const problem = data && typeof data === 'object' ? data : { title: fallback };
  // Maybe the session ended elsewhere (logout everywhere, password change on another
  // device). Ask the server before forgetting the account: a 401 can also mean a
  // wrong current password, which must not log the person out.
  if (response.status === 401 && path !== '/session' && getState().account) recheckSession();
  throw new ApiError(response.status, problem);
}

/**
 * Plain-words text of an error for the person. Field messages are preferred to
 * `detail`, which may repeat them prefixed with technical field names.
 */
export function problemMessage(error) {
  if (!(error instanceof ApiError)) {
    console.error(error);
    return t('error.unexpected');
  }
  const { errors, detail, title } = error.problem;
  const messages = Array.isArray(errors) ? errors.map((item) => item?.message).filter(Boolean) : [];
  if (messages.length > 0) return messages.join(' ');
  return detail || title || t('error.unexpected');
}

export const api = {
  get: (path) => request('GET', path),
  post: (path, body = {}) => request('POST', path, body),
  patch: (path, body) => request('PATCH', path, body),
  put: (path, body, options) => request('PUT', path, body, options),
  del: (path) => request('DELETE', path),
};

let rechecking = null;

function recheckSession() {
  if (!rechecking) {
    rechecking = request('GET', '/session')
      .then((data) => setCsrfToken(data.csrfToken))
      .catch((error) => {
        // Logged-in pages then redirect to the login page, which brings the person back.
        if (error instanceof ApiError && error.status === 401) forgetSession();
      })
      .finally(() => {
        rechecking = null;
      });
  }
  return rechecking;
}

/** Asks the server who is logged in; called once at boot. */
export async function loadSession() {
  try {
    const data = await api.get('/session');
    setCsrfToken(data.csrfToken);
    setAccount(data.account);
  } catch (error) {
    setCsrfToken(null);
    setAccount(null);
    if (!(error instanceof ApiError) || (error.status !== 401 && error.status !== 0)) throw error;
  }
}

/** Keeps the answer of POST /session (login): the account and its CSRF token. */
export function startSession(data) {
  setCsrfToken(data.csrfToken);
  setAccount(data.account);
}

/** Forgets the account in this tab (after logout, deletion, or a session ended elsewhere). */
export function forgetSession() {
  setCsrfToken(null);
  setAccount(null);
}

/**
 * Ends the session on the server. The caller navigates away and then calls
 * forgetSession() in the same tick, so no logged-in page ever renders without an
 * account (it would bounce to the login page first).
 */
export async function endSession() {
  try {
    await api.del('/session');
  } catch (error) {
    // Even if the server could not be reached, the screen must not stay logged in;
    // the server-side session then simply expires.
    console.warn('Logout request failed', error);
  }
}
