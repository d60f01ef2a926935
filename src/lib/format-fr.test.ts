import { describe, expect, it } from 'vitest';
import { csvDocument, csvLine, formatCents, formatDateFr, formatDecimalHours, formatMinutes, formatMonthFr, formatNumberFr } from './format-fr.ts';

// Spaces shown as they are: U+202F between thousands, U+00A0 before « € » and around « h ».
const plain = (s: string) => s.replaceAll('\u202F', '_').replaceAll('\u00A0', '~');

describe('format-fr', () => {
  it('writes durations as « 12 h 30 », minutes always on two digits', () => {
    expect(plain(formatMinutes(750))).toBe('12~h~30');
    expect(plain(formatMinutes(45))).toBe('0~h~45');
    expect(plain(formatMinutes(120))).toBe('2~h');
    expect(plain(formatMinutes(0))).toBe('0~h');
    expect(plain(formatMinutes(1234 * 60 + 5))).toBe('1_234~h~05');
    expect(plain(formatMinutes(-150))).toBe('-2~h~30');
  });

  it('writes money from integer cents as « 1 234,56 € », exactly', () => {
    expect(plain(formatCents(123456))).toBe('1_234,56~€');
    expect(plain(formatCents(5))).toBe('0,05~€');
    expect(plain(formatCents(0))).toBe('0,00~€');
    expect(plain(formatCents(-1999))).toBe('-19,99~€');
    expect(plain(formatCents(100_000_000_01))).toBe('100_000_000,01~€');
    // Same as the browser's Intl for ordinary amounts.
    expect(formatCents(123456)).toBe(new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(1234.56));
  });

  it('writes numbers and decimal hours with a decimal comma', () => {
    expect(plain(formatNumberFr(1234.5, 2))).toBe('1_234,5');
    expect(formatDecimalHours(150)).toBe('2,50');
    expect(formatDecimalHours(1)).toBe('0,02');
    expect(formatDecimalHours(59)).toBe('0,98');
  });

  it('writes dates and months in French, « 1er » for the first', () => {
    expect(formatDateFr('2026-03-05')).toBe('5 mars 2026');
    expect(formatDateFr('2026-01-01')).toBe('1er janvier 2026');
    expect(formatDateFr('2026-08-31')).toBe('31 août 2026');
    expect(formatMonthFr('2026-12')).toBe('décembre 2026');
    expect(formatMonthFr('2026-02-14')).toBe('février 2026');
    expect(() => formatDateFr('05/03/2026')).toThrow(RangeError);
    expect(() => formatMonthFr('2026-13')).toThrow(RangeError);
  });

  it('writes CSV for French spreadsheets: `;`, quotes when needed, CRLF, BOM', () => {
    expect(csvLine(['a', 'b;c', 'd "e"', 12])).toBe('a;"b;c";"d ""e""";12\r\n');
    expect(csvLine([' lead', 'two\nlines'])).toBe('" lead";"two\nlines"\r\n');
    expect(csvDocument([['Mois', 'Heures'], ['mars 2026', '2,50']])).toBe('\uFEFFMois;Heures\r\nmars 2026;2,50\r\n');
  });
});
