/**
 * The offline conformance tool `activitypub-testing` (devDependency, run as its own
 * command line in a child process that trusts the test CA) checks a Group and a Person
 * of a running instance: no check may fail; inapplicable ones (client-to-server outbox
 * POSTs, which we do not offer) are fine.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeAccount, createAssociation, startBed, type Bed } from './harness.ts';
import { artifacts, root } from './instance.ts';

interface Assertion {
  type: string[];
  result: { outcome: 'passed' | 'failed' | 'inapplicable' | 'cantTell' | 'untested'; pointer?: unknown; info?: string };
  test: { slug: string; name: string };
}

let bed: Bed;
beforeAll(async () => {
  bed = await startBed({ instances: 1 });
}, 120_000);
afterAll(async () => {
  await bed?.stop();
});

/** `activitypub-testing test actor <url> --output json-seq` (json-seq: the plain output needs no remote JSON-LD context). */
async function conformance(actorUrl: string): Promise<Assertion[]> {
  const cli = path.join(root, 'node_modules/activitypub-testing/src/cli.js');
  const child = spawn(process.execPath, [cli, 'test', 'actor', actorUrl, '--output', 'json-seq'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', NODE_EXTRA_CA_CERTS: bed.ca.certFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number>((r) => child.once('exit', (c) => r(c ?? -1)));
  if (code !== 0) throw new Error(`activitypub-testing exited ${code}: ${err}`);
  return out
    .split(String.fromCharCode(30))
    .map((record) => record.trim())
    .filter(Boolean)
    .map((record) => JSON.parse(record) as Assertion);
}

/** Keeps every outcome in test-artifacts/federation/ (CI artifact), returns the passed and failed ones. */
function summary(name: string, assertions: Assertion[]) {
  mkdirSync(artifacts, { recursive: true });
  writeFileSync(path.join(artifacts, `conformance-${name}.json`), JSON.stringify(assertions.map((a) => ({ test: a.test.slug, ...a.result })), null, 2));
  const by = (outcome: string) => assertions.filter((a) => a.result.outcome === outcome).map((a) => a.test.slug).sort();
  return { passed: by('passed'), failed: assertions.filter((a) => a.result.outcome === 'failed').map((a) => `${a.test.slug}: ${JSON.stringify(a.result)}`) };
}

describe('activitypub-testing conformance', () => {
  it('finds no failed check on an association (Group)', async () => {
    const marie = await activeAccount(bed, bed.a, 'marie@a.test', 'Marie');
    const association = await createAssociation(marie, 'Les Amis du Canal');
    const result = summary('group', await conformance(`${bed.a.origin}/ap/actors/${association.id}`));
    expect(result.failed).toEqual([]);
    expect(result.passed).toEqual(expect.arrayContaining(['actor-must-serve-as2-object-to-get', 'actor-objects-must-have-inbox-outbox-properties', 'outbox-must-be-an-orderedcollection', 'followers-collection-must-be-a-collection']));
  }, 120_000);

  it('finds no failed check on an account (Person)', async () => {
    const paul = await activeAccount(bed, bed.a, 'paul@a.test', 'Paul');
    const result = summary('person', await conformance(`${bed.a.origin}/ap/actors/${paul.id}`));
    expect(result.failed).toEqual([]);
    expect(result.passed).toEqual(expect.arrayContaining(['actor-must-serve-as2-object-to-get', 'actor-objects-must-have-inbox-outbox-properties']));
  }, 120_000);
});
