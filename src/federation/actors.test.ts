import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../testing/test-app.ts';
import { federationTestApp, getJson, publicAssociation } from './federation.fixtures.ts';

let t: TestApp;
beforeEach(async () => {
  t = await federationTestApp();
});
afterEach(async () => {
  await t.services.jobs.stop();
  await t.database.close();
});

describe('actors', () => {
  it('serves an association as a Group', async () => {
    const { association } = await publicAssociation(t);
    const { status, body } = await getJson(t, `/ap/actors/${association.id}`);
    expect(status).toBe(200);
    console.log(JSON.stringify(body, null, 1));
  });
});
