/**
 * The columns of an export (spec §A7) and how each declaration fills them, as typed
 * cells that the CSV, ODS and JSON writers each render in their own way.
 */
import type { Language } from '../i18n/messages.ts';
import { formatDecimalHoursEn } from '../lib/format-en.ts';
import type { DeclarationStatus } from '../declarations/declaration.table.ts';

/** What a page of the export reads for each declaration. */
export interface ExportRow {
  id: string;
  date: string;
  end_date: string | null;
  created_at: string;
  status: DeclarationStatus;
  title: string;
  description: string;
  duration_minutes: number;
  distance_hundredths: number;
  author_type: string;
  first_name: string | null;
  last_name: string | null;
  pseudo: string | null;
  former_member_number: number | null;
  anonymous_name: string | null;
  association_name: string;
  category_name: string;
  project_name: string | null;
  level_name: string | null;
  validated_minutes: number | null;
}

/** A cell: text, a calendar date, a number (with its localised text), or nothing. */
export type Cell = { kind: 'text'; value: string } | { kind: 'date'; value: string } | { kind: 'number'; value: number; text: string } | { kind: 'empty' };

export const HEADERS: Record<Language, readonly string[]> = {
  fr: [
    'Prénom', 'Nom', 'Pseudo', 'Association', 'Titre', 'Description', 'Date', 'Date de fin', 'Durée', 'Durée (heures décimales)',
    'En attente', 'Statut', 'Durée validée', 'Distance (km)', 'Catégorie', 'Projet', 'Niveau',
  ],
  en: [
    'First name', 'Last name', 'Pseudo', 'Association', 'Title', 'Description', 'Date', 'End date', 'Duration', 'Duration (decimal hours)',
    'Pending', 'Status', 'Validated duration', 'Distance (km)', 'Category', 'Project', 'Level',
  ],
};

const STATUS: Record<Language, Record<DeclarationStatus, string>> = {
  fr: { pending: 'En attente de validation', validated: 'Validée', rejected: 'Refusée' },
  en: { pending: 'Awaiting approval', validated: 'Approved', rejected: 'Rejected' },
};
const YES_NO: Record<Language, [string, string]> = { fr: ['Oui', 'Non'], en: ['Yes', 'No'] };

/** « 12 h 30 », « 2 h », « 0 h 05 » (ux.md: durations as « 12 h 30 »). */
export function formatDuration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} h` : `${h} h ${String(m).padStart(2, '0')}`;
}

/** Two decimals, rounded half up from integers: 150 min → "2.50", 1 min → "0.02", 59 min → "0.98". */
export const decimalHours = formatDecimalHoursEn;

/** Hundredths of a kilometre as "12.50". */
export function kilometres(hundredths: number): string {
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}

/** French writes decimals with a comma (and so does French Excel when it reads a CSV). */
export const localDecimal = (s: string, lang: Language): string => (lang === 'fr' ? s.replace('.', ',') : s);

/**
 * A spreadsheet evaluates a cell that starts with = + - @ (or a tab / carriage return
 * that some strip first) as a formula: OWASP's « CSV injection ». A leading apostrophe
 * makes it text.
 */
export function neutralise(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/** Who the author columns show: an account's names, a former member's number, an anonymous member's name. */
function author(row: ExportRow): [string | null, string | null, string | null] {
  if (row.author_type === 'account') {
    if (row.former_member_number != null) return [null, null, `Ancien membre n° ${row.former_member_number}`];
    return [row.first_name, row.last_name, row.pseudo];
  }
  if (row.author_type === 'anonymous') return [null, null, row.anonymous_name];
  return [null, null, null];
}

const text = (value: string | null): Cell => (value == null || value === '' ? { kind: 'empty' } : { kind: 'text', value });
const number = (value: number, plain: string, lang: Language): Cell => ({ kind: 'number', value, text: localDecimal(plain, lang) });

/** The row's cells, in the order of HEADERS. */
export function cellsOf(row: ExportRow, lang: Language): Cell[] {
  const [first, last, pseudo] = author(row);
  const validated = row.status === 'validated' && row.validated_minutes !== null;
  return [
    text(first),
    text(last),
    text(pseudo),
    text(row.association_name),
    text(row.title),
    text(row.description),
    { kind: 'date', value: row.date },
    row.end_date ? { kind: 'date', value: row.end_date } : { kind: 'empty' },
    text(formatDuration(row.duration_minutes)),
    // The spreadsheet keeps the exact value (sums lose no minute); the text shows two decimals.
    number(row.duration_minutes / 60, decimalHours(row.duration_minutes), lang),
    text(YES_NO[lang][row.status === 'pending' ? 0 : 1]),
    text(STATUS[lang][row.status]),
    validated ? text(formatDuration(row.validated_minutes!)) : { kind: 'empty' },
    number(row.distance_hundredths / 100, kilometres(row.distance_hundredths), lang),
    text(row.category_name),
    text(row.project_name),
    text(row.level_name),
  ];
}

/** One JSON object per declaration: the same columns, typed, with exact integers beside the texts. */
export function jsonOf(row: ExportRow, lang: Language) {
  const [firstName, lastName, pseudo] = author(row);
  const validated = row.status === 'validated' && row.validated_minutes !== null;
  return {
    id: row.id,
    firstName,
    lastName,
    pseudo,
    association: row.association_name,
    title: row.title,
    description: row.description,
    date: row.date,
    endDate: row.end_date,
    duration: formatDuration(row.duration_minutes),
    durationMinutes: row.duration_minutes,
    durationHours: decimalHours(row.duration_minutes),
    pending: row.status === 'pending',
    status: row.status,
    statusLabel: STATUS[lang][row.status],
    validatedDuration: validated ? formatDuration(row.validated_minutes!) : null,
    validatedMinutes: validated ? row.validated_minutes : null,
    distanceKm: kilometres(row.distance_hundredths),
    category: row.category_name,
    project: row.project_name,
    level: row.level_name,
  };
}
