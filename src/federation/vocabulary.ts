/**
 * Our small vocabulary (federation.md, Vocabulary), inline in every document that uses
 * it: the ActivityStreams and security contexts stay as URLs (Fedify has them
 * preloaded), ours would have to be fetched — and fail — if it were a URL.
 */
export const BV_NAMESPACE = 'https://benevalibre.org/ns#';

export const BV_CONTEXT = {
  bv: BV_NAMESPACE,
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  Declaration: 'bv:Declaration',
  Validation: 'bv:Validation',
  Report: 'bv:Report',
  ReportLine: 'bv:ReportLine',
  Category: 'bv:Category',
  Project: 'bv:Project',
  Level: 'bv:Level',
  category: { '@id': 'bv:category', '@type': '@id' },
  level: { '@id': 'bv:level', '@type': '@id' },
  defaultCategory: 'bv:defaultCategory',
  activityField: 'bv:activityField',
  distance: { '@id': 'bv:distance', '@type': 'xsd:decimal' },
  validates: { '@id': 'bv:validates', '@type': '@id' },
  validatedDuration: { '@id': 'bv:validatedDuration', '@type': 'xsd:duration' },
  validatedBy: { '@id': 'bv:validatedBy', '@type': '@id' },
  Membership: 'bv:Membership',
  date: { '@id': 'bv:date', '@type': 'xsd:date' },
  endDate: { '@id': 'bv:endDate', '@type': 'xsd:date' },
  digest: 'bv:digest',
  function: 'bv:function',
  month: 'bv:month',
  minutes: { '@id': 'bv:minutes', '@type': 'xsd:nonNegativeInteger' },
  entries: { '@id': 'bv:entries', '@type': 'xsd:nonNegativeInteger' },
  volunteers: { '@id': 'bv:volunteers', '@type': 'xsd:nonNegativeInteger' },
  lines: { '@id': 'bv:lines', '@container': '@list' },
  aggregates: { '@id': 'bv:aggregates', '@type': '@id' },
} as const;

/** The `@context` of a document carrying our terms. */
export const BV_DOCUMENT_CONTEXT = ['https://www.w3.org/ns/activitystreams', BV_CONTEXT] as const;
