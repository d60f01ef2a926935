/**
 * RNA and SIREN numbers of an association of another site, read from the `PropertyValue`
 * attachments of its Group actor as we keep it (`remote_actors.document`, compacted
 * JSON-LD: `attachment` is an object or a list). A remote document is never trusted: any
 * shape we do not expect gives null, never an exception, and only well-formed numbers are
 * returned (they end up in text the volunteer copies into a State service).
 */
import { isRna, isSiren } from './cec.rules.ts';

/** The names under which a Group publishes them (src/federation/actors.ts). */
export const RNA_PROPERTY = 'RNA';
export const SIREN_PROPERTY = 'SIREN';

const stripTags = (s: string) => s.replace(/<[^>]*>/g, '').trim();

function propertyValues(document: string | null): Map<string, string> {
  const found = new Map<string, string>();
  if (!document) return found;
  let parsed: unknown;
  try {
    parsed = JSON.parse(document);
  } catch {
    return found;
  }
  if (typeof parsed !== 'object' || parsed === null) return found;
  const raw = (parsed as Record<string, unknown>).attachment;
  const list: unknown[] = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  for (const item of list) {
    if (typeof item !== 'object' || item === null) continue;
    const { type, name, value } = item as Record<string, unknown>;
    const types = Array.isArray(type) ? type : [type];
    if (!types.some((t) => typeof t === 'string' && t.endsWith('PropertyValue'))) continue;
    if (typeof name !== 'string' || typeof value !== 'string') continue;
    found.set(name.trim().toUpperCase(), stripTags(value).replace(/\s+/g, ''));
  }
  return found;
}

/** The RNA and SIREN a remote Group publishes, when well formed. */
export function remoteIdentifiers(document: string | null): { rna: string | null; siren: string | null } {
  const values = propertyValues(document);
  const rna = values.get(RNA_PROPERTY);
  const siren = values.get(SIREN_PROPERTY);
  return { rna: isRna(rna) ? rna : null, siren: isSiren(siren) ? siren : null };
}
