/**
 * The words of the summary's files (CSV and PDF) in French and English, picked by the
 * reader's language. The accounts 864 « Personnel bénévole » and 875 « Bénévolat » keep
 * their French names (they are the French chart of accounts) with an English gloss.
 */
import type { DocumentLanguage } from '../lib/format-en.ts';
import type { Territory } from './valuation.table.ts';

export const ROUNDING_RULE_FR =
  'Chaque action validée vaut sa durée validée × le taux horaire ÷ 60, arrondie une seule fois au centime le plus proche (un demi-centime arrondi au-dessus), au moment de sa validation ; les totaux sont des sommes de ces valeurs : aucun centime n’est perdu ni créé.';

export const REASON_FR: Record<string, string> = {
  no_rate: 'aucun taux en vigueur à la date de l’action',
  no_smic: 'aucune valeur du SMIC connue pour ce territoire à cette date',
  no_level: 'action sans niveau, alors que le taux dépend du niveau',
  level_without_rate: 'niveau sans taux horaire',
  category_without_rate: 'catégorie sans taux horaire',
  not_yet_valued: 'validée avant la mise en place de la valorisation, ou importée : pas encore valorisée',
};

const FR = {
  filename: 'valorisation',
  rounding: ROUNDING_RULE_FR,
  reasons: REASON_FR,
  territory: { metropole: 'métropole et la plupart des départements d’outre-mer', mayotte: 'Mayotte' } as Record<Territory, string>,
  method: {
    smic: 'SMIC horaire brut',
    smicCharged: (c: string) => `SMIC horaire brut avec charges patronales (× ${c})`,
    perLevel: 'Taux horaire par niveau',
    perCategory: 'Taux horaire par catégorie',
    custom: (rate: string) => `Taux horaire choisi par l’association : ${rate}`,
    pair: (name: string, rate: string) => `${name} : ${rate}`,
  },
  span: (from: string, to: string | null) => (to ? `du ${from} au ${to}` : `depuis le ${from}`),
  period: (from: string, to: string) => `du ${from} au ${to}`,
  csvPeriod: (from: string, to: string) => `${from} au ${to}`,
  csv: {
    headers: ['Rubrique', 'Libellé', 'Actions', 'Durée (minutes)', 'Durée (heures)', 'Valeur (euros)'],
    association: 'Association', rna: 'RNA', siren: 'SIREN', period: 'Période', method: 'Méthode', category: 'Catégorie', project: 'Projet', month: 'Mois',
    notValued: 'Non valorisée', totalValidated: 'Total validé', totalValued: 'Total valorisé', distance: 'Distance (km, non valorisée)',
    debit: 'Écriture débit', credit: 'Écriture crédit', rounding: 'Arrondi',
  },
  account: { '864': 'Personnel bénévole', '875': 'Bénévolat' },
  pdf: {
    title: (name: string) => `Valorisation du bénévolat — ${name}`,
    subject: (from: string, to: string) => `Du ${from} au ${to}`,
    heading: 'Valorisation du bénévolat',
    period: 'Période', territory: 'Territoire du SMIC', rna: 'Numéro RNA', siren: 'SIREN',
    method: 'Méthode', noRate: 'Aucun taux n’était en vigueur sur la période : rien n’est valorisé.',
    label: 'Libellé', actions: 'Actions', time: 'Durée', value: 'Valeur', total: 'Total', month: 'Mois',
    byCategory: 'Par catégorie', byProject: 'Par projet', byMonth: 'Par mois', noProject: 'Sans projet',
    notValued: 'Actions validées non valorisées', reason: 'Raison',
    entry: 'Écriture au pied du compte de résultat', account: 'Compte', debit: 'Débit', credit: 'Crédit',
    entryHint: 'Contributions volontaires en nature (règlement ANC 2018-06) : l’écriture est équilibrée et n’affecte pas le résultat.',
    distance: 'Distance parcourue',
    distanceText: (km: string) => `${km} km, non valorisés : les frais de déplacement auxquels un bénévole renonce sont un don (avec reçu), pas une contribution en nature.`,
  },
};

export type SummaryWords = typeof FR;

const EN: SummaryWords = {
  filename: 'valuation',
  rounding:
    'Each approved volunteering record is worth its approved duration × the hourly rate ÷ 60, rounded once to the nearest cent (half a cent rounded up) when it is approved; totals are sums of these values: no cent is lost or created.',
  reasons: {
    no_rate: 'no rate in force on the date of the action',
    no_smic: 'no SMIC value known for this territory on that date',
    no_level: 'no level given, while the rate depends on the level',
    level_without_rate: 'level without an hourly rate',
    category_without_rate: 'category without an hourly rate',
    not_yet_valued: 'approved before valuation was set up, or imported: not valued yet',
  },
  territory: { metropole: 'metropolitan France and most overseas departments', mayotte: 'Mayotte' },
  method: {
    smic: 'SMIC (French gross hourly minimum wage)',
    smicCharged: (c: string) => `SMIC (French gross hourly minimum wage) with employer charges (× ${c})`,
    perLevel: 'Hourly rate per level',
    perCategory: 'Hourly rate per category',
    custom: (rate: string) => `Hourly rate chosen by the association: ${rate}`,
    pair: (name: string, rate: string) => `${name}: ${rate}`,
  },
  span: (from: string, to: string | null) => (to ? `from ${from} to ${to}` : `since ${from}`),
  period: (from: string, to: string) => `from ${from} to ${to}`,
  csvPeriod: (from: string, to: string) => `${from} to ${to}`,
  csv: {
    headers: ['Section', 'Label', 'Records', 'Duration (minutes)', 'Duration (hours)', 'Value (euros)'],
    association: 'Association', rna: 'RNA', siren: 'SIREN', period: 'Period', method: 'Method', category: 'Category', project: 'Project', month: 'Month',
    notValued: 'Not valued', totalValidated: 'Total approved', totalValued: 'Total valued', distance: 'Distance (km, not valued)',
    debit: 'Entry debit', credit: 'Entry credit', rounding: 'Rounding',
  },
  account: { '864': 'Personnel bénévole (volunteer staff)', '875': 'Bénévolat (volunteering)' },
  pdf: {
    title: (name: string) => `Valuation of volunteering — ${name}`,
    subject: (from: string, to: string) => `From ${from} to ${to}`,
    heading: 'Valuation of volunteering',
    period: 'Period', territory: 'SMIC territory', rna: 'RNA number', siren: 'SIREN',
    method: 'Method', noRate: 'No rate was in force over the period: nothing is valued.',
    label: 'Label', actions: 'Records', time: 'Duration', value: 'Value', total: 'Total', month: 'Month',
    byCategory: 'By category', byProject: 'By project', byMonth: 'By month', noProject: 'No project',
    notValued: 'Approved records not valued', reason: 'Reason',
    entry: 'Entry below the income statement', account: 'Account', debit: 'Debit', credit: 'Credit',
    entryHint: 'Voluntary contributions in kind (French accounting regulation ANC 2018-06): the entry is balanced and does not change the result.',
    distance: 'Distance travelled',
    distanceText: (km: string) => `${km} km, not valued: travel costs a volunteer waives are a donation (with a receipt), not a contribution in kind.`,
  },
};

export const summaryWords = (lang: DocumentLanguage = 'fr'): SummaryWords => (lang === 'en' ? EN : FR);
