import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { actorUris, sharedInboxIri } from './uris.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.services.jobs.stop();
  await t.database.close();
});

describe('the shared URL layout', () => {
  it('is the one Fedify routes (a real createContext)', () => {
    const ctx = t.services.federationContext();
    const id = '01a21ce7-18f8-755b-8e09-d1ac0d8d9b71';
    const uris = actorUris(t.config.origin, id);
    expect(ctx.getActorUri(id).href).toBe(uris.id);
    expect(ctx.getInboxUri(id).href).toBe(uris.inbox);
    expect(ctx.getInboxUri().href).toBe(sharedInboxIri(t.config.origin));
    expect(ctx.getFollowersUri(id).href).toBe(uris.followers);
    expect(ctx.getOutboxUri(id).href).toBe(uris.outbox);
    expect(ctx.parseUri(new URL(uris.id))).toEqual({ type: 'actor', identifier: id });
  });
});
