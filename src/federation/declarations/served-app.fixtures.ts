/**
 * A test app reachable over real HTTP (only imported by *.test.ts): a node http server on
 * an ephemeral port of 127.0.0.1 around `app.fetch`, the app's origin being that address,
 * so the ids it writes are the URLs another instance fetches. `override` answers chosen
 * paths in its place (bad JSON, outages); `requests` lists the paths asked.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

export type Override = (path: string) => { status: number; body: string; type?: string } | null;

export interface ServedApp {
  t: TestApp;
  origin: string;
  requests: string[];
  override: Override;
  close(): Promise<void>;
}

/** Starts the server, then the app with that origin (`env` added to the test app's). */
export async function serveTestApp(env: Record<string, string> = {}): Promise<ServedApp> {
  let app: TestApp | undefined;
  const server = createServer((req, res) => {
    served.requests.push(req.url ?? '');
    const canned = served.override(req.url ?? '');
    if (canned) {
      res.writeHead(canned.status, { 'Content-Type': canned.type ?? 'application/activity+json' }).end(canned.body);
      return;
    }
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
    void Promise.resolve(app!.app.fetch(new Request(`${served.origin}${req.url}`, { method: req.method, headers }))).then(async (answer) => {
      res.writeHead(answer.status, Object.fromEntries(answer.headers)).end(Buffer.from(await answer.arrayBuffer()));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const served: ServedApp = {
    t: undefined as never, // set just below, before any request can arrive
    origin,
    requests: [],
    override: () => null,
    async close() {
      await app!.services.jobs.stop();
      await app!.database.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  app = await createTestApp({ env: { BV_ORIGIN: origin, ...env } });
  served.t = app;
  return served;
}
