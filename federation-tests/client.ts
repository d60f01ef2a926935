/**
 * A browser-like API client of one instance over real HTTPS: keeps the session cookie
 * (`__Host-bv_session` on https) and sends the CSRF token (`X-CSRF-Token`) on changes.
 */
export class WebClient {
  readonly origin: string;
  cookie = '';
  csrfToken = '';

  constructor(origin: string) {
    this.origin = origin;
  }

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const h: Record<string, string> = { 'Accept-Language': 'fr', Origin: this.origin, Accept: 'application/json', ...headers };
    if (this.cookie) h.Cookie = this.cookie;
    if (this.csrfToken && method !== 'GET') h['X-CSRF-Token'] = this.csrfToken;
    let payload: string | undefined;
    if (body !== undefined) {
      payload = JSON.stringify(body);
      h['Content-Type'] ??= 'application/json';
    }
    const res = await fetch(this.origin + path, { method, headers: h, redirect: 'manual', ...(payload !== undefined ? { body: payload } : {}) });
    for (const setCookie of res.headers.getSetCookie()) {
      const [pair = ''] = setCookie.split(';');
      if (!pair.includes('bv_session')) continue;
      this.cookie = /=$/.test(pair) || /Max-Age=0/i.test(setCookie) ? '' : pair;
    }
    return res;
  }

  /** Sends and returns the JSON answer, failing with the body when the status is not the one expected. */
  async json<T>(method: string, path: string, body?: unknown, expected: number | number[] = [200, 201]): Promise<T> {
    const res = await this.request(method, path, body);
    const ok = Array.isArray(expected) ? expected.includes(res.status) : res.status === expected;
    const text = await res.text();
    if (!ok) throw new Error(`${method} ${this.origin}${path} → ${res.status}: ${text.slice(0, 2000)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  async login(email: string, password: string): Promise<this> {
    const answer = await this.json<{ csrfToken: string }>('POST', '/api/v1/session', { email, password }, 200);
    this.csrfToken = answer.csrfToken;
    return this;
  }
}

/** ActivityPub's media type, as Mastodon and Fedify ask for it. */
export const AP_ACCEPT = 'application/activity+json';

/** GETs an ActivityPub document (unsigned) and returns it parsed; fails on a non-2xx answer. */
export async function getActivityJson<T = Record<string, unknown>>(url: string): Promise<T> {
  const res = await fetch(url, { headers: { Accept: AP_ACCEPT } });
  const text = await res.text();
  if (!res.ok) throw new Error(`GET ${url} → ${res.status}: ${text.slice(0, 1000)}`);
  return JSON.parse(text) as T;
}
