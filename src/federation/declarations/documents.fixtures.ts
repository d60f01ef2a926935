/** Shared values of the declaration and validation document tests (only imported by *.test.ts). */
import type { ProofKeyResolver } from '../proof.ts';
import type { DeclarationDocumentInput } from './declaration-document.ts';

/** The volunteer's instance (A) and the association's (B). */
export const A = 'https://a.example';
export const B = 'https://b.example';
export const GROUP = `${B}/ap/actors/group-1`;
export const RECORDS = `${GROUP}/records`;
export const CATEGORY = `${B}/ap/categories/cat-1`;
export const PROJECT = `${B}/ap/projects/proj-1`;
export const LEVEL = `${B}/ap/levels/lvl-1`;

/** A full declaration of acc-1 on A for B's association; `extra` overrides. */
export const declarationInput = (extra: Partial<DeclarationDocumentInput> = {}): DeclarationDocumentInput => ({
  origin: A,
  declarationId: 'decl-1',
  authorAccountId: 'acc-1',
  association: { id: GROUP, records: RECORDS },
  title: 'Atelier vélo',
  description: 'Réparé 4 vélos.\n\nMerci !',
  date: '2026-11-20',
  endDate: '2026-11-21',
  durationMinutes: 150,
  distanceHundredths: 1230,
  categoryIri: CATEGORY,
  projectIri: PROJECT,
  levelIri: LEVEL,
  defaultCategory: 'ENV',
  published: '2026-11-25T10:00:00.000Z',
  updated: new Date('2026-11-26T08:30:00.250Z'),
  ...extra,
});

/** A key resolver over a fixed map of Multikey ids. */
export const keysOf = (keys: Record<string, CryptoKey>): ProofKeyResolver => async (method) => keys[method] ?? null;
