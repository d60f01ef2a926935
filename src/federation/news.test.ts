/**
 * News on the federation (flow 6): the JSON of the `Note` and of its `Create`, as
 * Mastodon reads them — title as `name` and in bold atop the content, text escaped into
 * paragraphs, the web page as `url`, public with the followers in copy, stable ids.
 */
import { describe, expect, it } from 'vitest';
import type { NewsRow } from '../news/news.repository.ts';
import { toNewsCreate, toNewsNote } from './news.ts';

const origin = 'https://benevoles.exemple';
const row: NewsRow = {
  id: '019ac4a0-0000-7000-8000-000000000001',
  association_id: '019ac4a0-0000-7000-8000-0000000000aa',
  title: 'Assemblée générale <2026>',
  body: 'Le 12 décembre à 18 h.\nSalle des fêtes.\n\nVenez « nombreux » & à l’heure.',
  visibility: 'public',
  author_account_id: null,
  published_at: '2026-11-27T10:00:00.000Z',
  updated_at: '2026-11-27T10:05:00.000Z',
  deleted_at: null,
};
const actor = `${origin}/ap/actors/${row.association_id}`;

describe('toNewsNote', () => {
  it('is a public Note of the association, its text as escaped HTML paragraphs', async () => {
    const json = (await toNewsNote(origin, row).toJsonLd()) as Record<string, unknown>;
    expect(json).toMatchObject({
      type: 'Note',
      id: `${origin}/ap/news/${row.id}`,
      attributedTo: actor,
      name: 'Assemblée générale <2026>',
      content:
        '<p><strong>Assemblée générale &lt;2026&gt;</strong></p><p>Le 12 décembre à 18 h.<br>Salle des fêtes.</p><p>Venez « nombreux » &amp; à l’heure.</p>',
      mediaType: 'text/html',
      url: `${origin}/associations/${row.association_id}/actualites/${row.id}`,
      published: '2026-11-27T10:00:00Z',
      updated: '2026-11-27T10:05:00Z',
      to: 'as:Public',
      cc: `${actor}/followers`,
    });
    // No summary: Mastodon would show it as a content warning hiding the text.
    expect(json).not.toHaveProperty('summary');
    expect(json['@context']).toEqual(expect.arrayContaining(['https://www.w3.org/ns/activitystreams']));
  });

  it('has no `updated` until the item is edited', async () => {
    const json = (await toNewsNote(origin, { ...row, updated_at: row.published_at }).toJsonLd()) as Record<string, unknown>;
    expect(json).not.toHaveProperty('updated');
  });
});

describe('toNewsCreate', () => {
  it('wraps the Note with a stable activity id from the outbox event', async () => {
    const json = (await toNewsCreate(origin, row, '019ac4a0-0000-7000-8000-0000000000ee').toJsonLd()) as Record<string, unknown>;
    expect(json).toMatchObject({
      type: 'Create',
      id: `${origin}/ap/activities/019ac4a0-0000-7000-8000-0000000000ee`,
      actor,
      to: 'as:Public',
      cc: `${actor}/followers`,
      object: { type: 'Note', id: `${origin}/ap/news/${row.id}`, attributedTo: actor },
    });
  });
});
