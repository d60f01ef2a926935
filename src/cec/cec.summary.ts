/**
 * The text a volunteer copies into « Le Compte Bénévole » (the State's service is in
 * French, so is this text whatever the page's language): per association where the
 * hours count, its name, RNA and SIREN numbers, the function and the validated hours,
 * then the totals and the deadlines. Associations where the volunteer has no function
 * that counts are listed apart, so nobody declares them by mistake.
 */
import { formatDateFr, formatMinutes } from '../lib/format-fr.ts';
import type { MemberFunction } from '../memberships/membership.table.ts';
import type { CecDeadlines, CecHints } from './cec.rules.ts';

export const FUNCTION_LABELS_FR: Record<MemberFunction, string> = {
  governance: 'membre de l’instance de direction (conseil d’administration, bureau)',
  supervision: 'encadrement d’autres bénévoles',
  none: 'aucune fonction de direction ni d’encadrement',
};

export interface SummaryAssociation {
  name: string;
  site: string | null;
  rna: string | null;
  siren: string | null;
  function: MemberFunction;
  counts: boolean;
  minutes: number;
}

export function cecSummary(input: { year: number; volunteer: string; associations: readonly SummaryAssociation[]; hints: CecHints; deadlines: CecDeadlines }): string {
  const { year, volunteer, associations, hints, deadlines } = input;
  const lines = [`Compte d’engagement citoyen — activités bénévoles de l’année ${year}`, `Bénévole : ${volunteer}`, ''];
  const counted = associations.filter((a) => a.counts);
  if (counted.length === 0) lines.push('Aucune association où vous siégez à l’instance de direction ou encadrez d’autres bénévoles n’a validé d’heures cette année-là.', '');
  for (const a of counted) {
    lines.push(
      `Association : ${a.name}${a.site ? ` (site ${a.site})` : ''}`,
      `Numéro RNA : ${a.rna ?? 'non renseigné'}`,
      `Numéro SIREN : ${a.siren ?? 'non renseigné'}`,
      `Fonction : ${FUNCTION_LABELS_FR[a.function]}`,
      `Heures validées en ${year} : ${formatMinutes(a.minutes)}`,
      '',
    );
  }
  const others = associations.filter((a) => !a.counts);
  if (others.length > 0) {
    lines.push('Heures qui ne comptent pas pour le CEC (aucune fonction de direction ni d’encadrement) :');
    for (const a of others) lines.push(`- ${a.name}${a.site ? ` (site ${a.site})` : ''} : ${formatMinutes(a.minutes)}`);
    lines.push('');
  }
  lines.push(
    `Total des heures qui comptent : ${formatMinutes(hints.countedMinutes)} (dont ${formatMinutes(hints.bestAssociationMinutes)} dans une même association)`,
    `À déclarer du ${formatDateFr(deadlines.declareFrom)} au ${formatDateFr(deadlines.declareBy)} ; validation par le valideur CEC de chaque association jusqu’au ${formatDateFr(deadlines.validateBy)}.`,
  );
  return lines.join('\n');
}
