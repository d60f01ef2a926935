/** The test bed itself: three instances over HTTPS from the throw-away CA, accounts through the real emails, restarts keeping the database. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeAccount, adminAccount, createAssociation, startBed, type Bed } from './harness.ts';

let bed: Bed;
beforeAll(async () => {
  bed = await startBed();
}, 120_000);
afterAll(async () => {
  await bed?.stop();
});

describe('the federation test bed', () => {
  it('serves three instances over HTTPS on their own addresses, port 443 when possible', async () => {
    for (const instance of bed.instances) {
      const res = await fetch(`${instance.origin}/health`);
      expect(res.status).toBe(200);
      expect(instance.origin).toMatch(/^https:\/\/127\.0\.0\.\d+(:\d+)?$/);
    }
    expect(new Set(bed.instances.map((i) => i.ip)).size).toBe(3);
  });

  it('makes accounts through the emails, admins through the command line, associations through the API', async () => {
    const marie = await activeAccount(bed, bed.a, 'marie@a.test', 'Marie');
    expect(marie.handle).toMatch(/^[a-z0-9_]+$/);
    const admin = await adminAccount(bed.a, 'admin@a.test');
    const me = await admin.client.json<{ isAdmin?: boolean }>('GET', '/api/v1/me', undefined, 200);
    expect(me).toMatchObject({ isAdmin: true });
    const association = await createAssociation(marie, 'Les Amis du Port');
    expect(association.handle).toBe('les_amis_du_port');
  }, 60_000);

  it('keeps the database across kill -9 and restart', async () => {
    const before = await activeAccount(bed, bed.c, 'jean@c.test', 'Jean');
    await bed.c.kill9();
    await expect(fetch(`${bed.c.origin}/health`)).rejects.toThrow();
    await bed.c.start();
    const again = await before.client.json<{ id: string }>('GET', '/api/v1/me', undefined, 200);
    expect(again.id).toBe(before.id);
  }, 90_000);
});
