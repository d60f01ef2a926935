/**
 * Closing the migration at the origin (spec §A11): its endpoint answers `GET` with
 * `{"is_done": false}` while the migration is open and takes `POST` (form fields `token`,
 * `destination_url`) to close it. Only over https, with a short timeout; an unreachable
 * origin never blocks the import: the outcome says what happened.
 */
export type OriginFetch = (url: string, init: RequestInit) => Promise<Response>;
export type OriginOutcome = 'open' | 'closed' | 'already_done' | 'not_https' | 'unreachable' | 'refused' | 'skipped';

const TIMEOUT_MS = 5000;

export const closeOrigin = {
  async check(endpoint: string, fetcher: OriginFetch = fetch): Promise<OriginOutcome> {
    if (!endpoint.startsWith('https://')) return 'not_https';
    try {
      const res = await fetcher(endpoint, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(TIMEOUT_MS) });
      if (!res.ok) return res.status === 410 ? 'already_done' : 'refused';
      const body: unknown = await res.json();
      const done = typeof body === 'object' && body !== null && 'is_done' in body ? body.is_done : undefined;
      return done === false ? 'open' : 'already_done';
    } catch {
      return 'unreachable';
    }
  },

  async close(endpoint: string, token: string, destinationUrl: string, fetcher: OriginFetch = fetch): Promise<OriginOutcome> {
    try {
      const res = await fetcher(endpoint, {
        method: 'POST',
        body: new URLSearchParams({ token, destination_url: destinationUrl }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      return res.status === 204 || res.ok ? 'closed' : res.status === 410 ? 'already_done' : 'refused';
    } catch {
      return 'unreachable';
    }
  },
};
