/**
 * The printable attestation, in the reader's language (French by default: it is shown to
 * French employers, schools and the State's services; English for those who read it).
 * Everything it says comes from the signed claims — the language changes the printed
 * words only, never what is signed — and the JWS itself rides in the document info
 * (`BenevalibreAttestation`), so the file alone is verifiable.
 */
import { formatsFor, type DocumentLanguage } from '../lib/format-en.ts';
import { PdfDoc } from '../pdf/pdf-kit.ts';
import { PDF_INFO_KEY, type AttestationClaims } from './attestation.jws.ts';

export interface AttestationPdfInput {
  claims: AttestationClaims;
  jws: string;
  /** The verification page, e.g. https://site/verifier. */
  verifierUrl: string;
  /** The JWKS the signature is checked against (header `jku`). */
  jku: string;
  /** The reader's language (French by default). */
  lang?: DocumentLanguage;
}

const hostOf = (iri: string) => {
  try {
    return new URL(iri).host;
  } catch {
    return iri;
  }
};

/** Hours per category over the whole period, biggest first then by name. */
function byCategory(claims: AttestationClaims, lang: DocumentLanguage): [string, number, number][] {
  const totals = new Map<string, [number, number]>();
  for (const l of claims.hours) {
    const [m, a] = totals.get(l.category) ?? [0, 0];
    totals.set(l.category, [m + l.minutes, a + l.actions]);
  }
  return [...totals].map(([c, [m, a]]) => [c, m, a] as [string, number, number]).sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0], lang));
}

const FR = {
  title: (volunteer: string, association: string) => `Attestation de bénévolat — ${volunteer} — ${association}`,
  subject: (from: string, to: string) => `Heures de bénévolat validées du ${from} au ${to}`,
  keywords: ['attestation', 'bénévolat'],
  footer: (code: string, url: string) => `Attestation ${code} — vérifiable sur ${url}`,
  heading: 'Attestation de bénévolat',
  claim: (association: string, volunteer: string, from: string, to: string, total: string, actions: number) =>
    `${association} atteste que ${volunteer} a donné de son temps bénévolement du ${from} au ${to} : ${total} validées par l’association` +
    ` (${actions} ${actions > 1 ? 'actions' : 'action'}).`,
  volunteer: 'Bénévole', association: 'Association', period: 'Période', hours: 'Heures validées', issued: 'Émise le', code: 'Code de vérification',
  span: (from: string, to: string) => `du ${from} au ${to}`,
  none: 'Aucune heure validée sur cette période.',
  byMonthCategory: 'Heures validées par mois et par catégorie', byCategory: 'Par catégorie',
  month: 'Mois', category: 'Catégorie', actions: 'Actions', time: 'Durée', total: 'Total',
  verify: 'Vérifier cette attestation',
  verifyText: (url: string, code: string) =>
    `Tout le monde peut la vérifier, gratuitement et sans compte : sur ${url}, saisissez le code ` +
    `${code} ou déposez ce fichier PDF. La page dit si elle est valable, modifiée ou révoquée, et ce qu’elle atteste.`,
  bundle: (association: string, host: string, issuer: string, n: number) =>
    `${association} est une association d’un autre site Bénévalibre (${host}). ` +
    `Le site ${issuer} a vérifié les ${n} validation${n > 1 ? 's' : ''} signée${n > 1 ? 's' : ''} par l’association ` +
    `et les joint à cette attestation, qu’il signe ; la page de vérification contrôle aussi chacune d’elles.`,
  signature: (jku: string) => `Signature électronique incluse dans ce fichier (JWS, EdDSA), vérifiable hors ligne avec la clé publiée à ${jku}.`,
};

const EN: typeof FR = {
  title: (volunteer, association) => `Volunteering certificate — ${volunteer} — ${association}`,
  subject: (from, to) => `Approved volunteering hours from ${from} to ${to}`,
  keywords: ['certificate', 'volunteering'],
  footer: (code, url) => `Certificate ${code} — check it at ${url}`,
  heading: 'Volunteering certificate',
  claim: (association, volunteer, from, to, total, actions) =>
    `${association} certifies that ${volunteer} gave their time as a volunteer from ${from} to ${to}: ${total} approved by the association` +
    ` (${actions} ${actions > 1 ? 'records' : 'record'}).`,
  volunteer: 'Volunteer', association: 'Association', period: 'Period', hours: 'Approved hours', issued: 'Issued on', code: 'Verification code',
  span: (from, to) => `from ${from} to ${to}`,
  none: 'No approved hours over this period.',
  byMonthCategory: 'Approved hours by month and category', byCategory: 'By category',
  month: 'Month', category: 'Category', actions: 'Records', time: 'Duration', total: 'Total',
  verify: 'Checking this certificate',
  verifyText: (url, code) =>
    `Anyone can check it, free and without an account: at ${url}, enter the code ` +
    `${code} or drop this PDF file. The page says whether it is valid, altered or revoked, and what it certifies.`,
  bundle: (association, host, issuer, n) =>
    `${association} is an association of another Bénévalibre site (${host}). ` +
    `The site ${issuer} checked the ${n} approval${n > 1 ? 's' : ''} signed by the association ` +
    `and attaches ${n > 1 ? 'them' : 'it'} to this certificate, which it signs; the verification page checks each of them too.`,
  signature: (jku) => `Electronic signature included in this file (JWS, EdDSA), verifiable offline with the key published at ${jku}.`,
};

export async function attestationPdf(input: AttestationPdfInput): Promise<Uint8Array> {
  const { claims } = input;
  const lang = input.lang ?? 'fr';
  const w = lang === 'en' ? EN : FR;
  const f = formatsFor(lang);
  const issued = new Date(claims.iat * 1000);
  // Dates are shown in Europe/Paris (product §C); en-CA writes YYYY-MM-DD.
  const issuedDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(issued);
  const total = f.minutes(claims.totalMinutes);
  const actions = claims.hours.reduce((s, l) => s + l.actions, 0);
  const bundle = claims.type === 'BenevalibreAttestationBundle';
  const [from, to] = [f.date(claims.period.from), f.date(claims.period.to)];
  const doc = await PdfDoc.create({
    title: w.title(claims.volunteer.name, claims.association.name),
    author: bundle ? hostOf(claims.iss) : claims.association.name,
    subject: w.subject(from, to),
    keywords: [...w.keywords, claims.code],
    lang: f.tag,
    footer: w.footer(claims.code, input.verifierUrl),
    custom: { [PDF_INFO_KEY]: input.jws },
    createdAt: issued,
  });

  doc.heading(w.heading);
  doc.paragraph(w.claim(claims.association.name, claims.volunteer.name, from, to, total, actions));
  doc.keyValues([
    [w.volunteer, claims.volunteer.name],
    [w.association, claims.association.url ? `${claims.association.name}\n${claims.association.url}` : claims.association.name],
    [w.period, w.span(from, to)],
    [w.hours, total],
    [w.issued, f.date(issuedDate)],
    [w.code, claims.code],
  ]);

  if (claims.hours.length === 0) {
    doc.paragraph(w.none);
  } else {
    doc.heading(w.byMonthCategory, 2);
    doc.table({
      columns: [{ header: w.month, width: 1.3 }, { header: w.category, width: 2.4 }, { header: w.actions, width: 0.8, align: 'right' }, { header: w.time, width: 1.1, align: 'right' }],
      rows: claims.hours.map((l) => [f.month(l.month), l.category, String(l.actions), f.minutes(l.minutes)]),
      totalRow: [w.total, '', String(actions), total],
    });
    doc.heading(w.byCategory, 2);
    doc.table({
      columns: [{ header: w.category, width: 3.7 }, { header: w.actions, width: 0.8, align: 'right' }, { header: w.time, width: 1.1, align: 'right' }],
      rows: byCategory(claims, lang).map(([c, m, a]) => [c, String(a), f.minutes(m)]),
    });
  }

  doc.heading(w.verify, 2);
  doc.paragraph(w.verifyText(input.verifierUrl, claims.code));
  if (bundle) {
    doc.paragraph(w.bundle(claims.association.name, hostOf(claims.association.id), hostOf(claims.iss), claims.evidence?.length ?? 0), { color: 'muted', size: 9 });
  }
  doc.paragraph(w.signature(input.jku), { color: 'muted', size: 9 });
  return doc.save();
}
