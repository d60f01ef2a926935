/** Helpers for the federation tests (only imported by *.test.ts files). */
import { createAssociation, type AssociationView } from '../associations/association.fixtures.ts';
import { accountRow, createTestApp, loggedIn, type TestApp } from '../testing/test-app.ts';

export const AP_ACCEPT = 'application/activity+json';

/** A test app whose Fedify may reach 127.0.0.1 (the tiny remote servers of the tests). */
export const federationTestApp = (): Promise<TestApp> => createTestApp({ env: { BV_ALLOW_PRIVATE_ADDRESSES: 'true' } });

/** An association created (unmoderated, so public) by a fresh account; returns both. */
export async function publicAssociation(t: TestApp, name = 'Les Amis du Jardin', email = 'marie@exemple.fr') {
  const manager = await loggedIn(t, email);
  const association: AssociationView = await createAssociation(manager, {
    name,
    description: 'Un jardin partagé.\n\nOuvert à tous.',
    website: 'https://jardin.example/',
  });
  const account = await accountRow(t, email);
  return { manager, association, account };
}

/** GET as an ActivityPub client would. */
export async function getJson(t: TestApp, path: string, accept = AP_ACCEPT): Promise<{ status: number; body: Record<string, unknown>; res: Response }> {
  const res = await t.app.request(`${t.config.origin}${path}`, { headers: { Accept: accept } });
  const text = await res.text();
  return { status: res.status, body: text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : {}, res };
}
