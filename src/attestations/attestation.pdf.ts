/**
 * The printable attestation (French: it is shown to French employers, schools and the
 * State's services). Everything it says comes from the signed claims, and the JWS itself
 * rides in the document info (`BenevalibreAttestation`), so the file alone is verifiable.
 */
import { formatDateFr, formatMinutes, formatMonthFr } from '../lib/format-fr.ts';
import { PdfDoc } from '../pdf/pdf-kit.ts';
import { PDF_INFO_KEY, type AttestationClaims } from './attestation.jws.ts';

export interface AttestationPdfInput {
  claims: AttestationClaims;
  jws: string;
  /** The verification page, e.g. https://site/verifier. */
  verifierUrl: string;
  /** The JWKS the signature is checked against (header `jku`). */
  jku: string;
}

const hostOf = (iri: string) => {
  try {
    return new URL(iri).host;
  } catch {
    return iri;
  }
};

/** Hours per category over the whole period, biggest first then by name. */
function byCategory(claims: AttestationClaims): [string, number, number][] {
  const totals = new Map<string, [number, number]>();
  for (const l of claims.hours) {
    const [m, a] = totals.get(l.category) ?? [0, 0];
    totals.set(l.category, [m + l.minutes, a + l.actions]);
  }
  return [...totals].map(([c, [m, a]]) => [c, m, a] as [string, number, number]).sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0], 'fr'));
}

export async function attestationPdf(input: AttestationPdfInput): Promise<Uint8Array> {
  const { claims } = input;
  const issued = new Date(claims.iat * 1000);
  // Dates are shown in Europe/Paris (product §C); en-CA writes YYYY-MM-DD.
  const issuedDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(issued);
  const total = formatMinutes(claims.totalMinutes);
  const actions = claims.hours.reduce((s, l) => s + l.actions, 0);
  const bundle = claims.type === 'BenevalibreAttestationBundle';
  const doc = await PdfDoc.create({
    title: `Attestation de bénévolat — ${claims.volunteer.name} — ${claims.association.name}`,
    author: bundle ? hostOf(claims.iss) : claims.association.name,
    subject: `Heures de bénévolat validées du ${formatDateFr(claims.period.from)} au ${formatDateFr(claims.period.to)}`,
    keywords: ['attestation', 'bénévolat', claims.code],
    footer: `Attestation ${claims.code} — vérifiable sur ${input.verifierUrl}`,
    custom: { [PDF_INFO_KEY]: input.jws },
    createdAt: issued,
  });

  doc.heading('Attestation de bénévolat');
  doc.paragraph(
    `${claims.association.name} atteste que ${claims.volunteer.name} a donné de son temps bénévolement ` +
      `du ${formatDateFr(claims.period.from)} au ${formatDateFr(claims.period.to)} : ${total} validées par l’association` +
      ` (${actions} ${actions > 1 ? 'actions' : 'action'}).`,
  );
  doc.keyValues([
    ['Bénévole', claims.volunteer.name],
    ['Association', claims.association.url ? `${claims.association.name}\n${claims.association.url}` : claims.association.name],
    ['Période', `du ${formatDateFr(claims.period.from)} au ${formatDateFr(claims.period.to)}`],
    ['Heures validées', total],
    ['Émise le', formatDateFr(issuedDate)],
    ['Code de vérification', claims.code],
  ]);

  if (claims.hours.length === 0) {
    doc.paragraph('Aucune heure validée sur cette période.');
  } else {
    doc.heading('Heures validées par mois et par catégorie', 2);
    doc.table({
      columns: [{ header: 'Mois', width: 1.3 }, { header: 'Catégorie', width: 2.4 }, { header: 'Actions', width: 0.8, align: 'right' }, { header: 'Durée', width: 1.1, align: 'right' }],
      rows: claims.hours.map((l) => [formatMonthFr(l.month), l.category, String(l.actions), formatMinutes(l.minutes)]),
      totalRow: ['Total', '', String(actions), total],
    });
    doc.heading('Par catégorie', 2);
    doc.table({
      columns: [{ header: 'Catégorie', width: 3.7 }, { header: 'Actions', width: 0.8, align: 'right' }, { header: 'Durée', width: 1.1, align: 'right' }],
      rows: byCategory(claims).map(([c, m, a]) => [c, String(a), formatMinutes(m)]),
    });
  }

  doc.heading('Vérifier cette attestation', 2);
  doc.paragraph(
    `Tout le monde peut la vérifier, gratuitement et sans compte : sur ${input.verifierUrl}, saisissez le code ` +
      `${claims.code} ou déposez ce fichier PDF. La page dit si elle est valable, modifiée ou révoquée, et ce qu’elle atteste.`,
  );
  if (bundle) {
    const n = claims.evidence?.length ?? 0;
    doc.paragraph(
      `${claims.association.name} est une association d’un autre site Bénévalibre (${hostOf(claims.association.id)}). ` +
        `Le site ${hostOf(claims.iss)} a vérifié les ${n} validation${n > 1 ? 's' : ''} signée${n > 1 ? 's' : ''} par l’association ` +
        `et les joint à cette attestation, qu’il signe ; la page de vérification contrôle aussi chacune d’elles.`,
      { color: 'muted', size: 9 },
    );
  }
  doc.paragraph(
    `Signature électronique incluse dans ce fichier (JWS, EdDSA), vérifiable hors ligne avec la clé publiée à ${input.jku}.`,
    { color: 'muted', size: 9 },
  );
  return doc.save();
}
