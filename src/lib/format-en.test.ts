import { describe, expect, it } from 'vitest';
import {
  formatCentsEn, formatDateEn, formatDecimalHoursEn, formatMinutesEn, formatMonthEn, formatNumberEn, formatsFor,
} from './format-en.ts';
import { formatCents, formatMinutes } from './format-fr.ts';

const plain = (s: string) => s.replaceAll('\u202F', '_').replaceAll('\u00A0', '~');

describe('format-en', () => {
  it('writes durations in the site’s shape with English grouping', () => {
    expect(plain(formatMinutesEn(750))).toBe('12~h~30');
    expect(plain(formatMinutesEn(45))).toBe('0~h~45');
    expect(plain(formatMinutesEn(120))).toBe('2~h');
    expect(plain(formatMinutesEn(1234 * 60 + 5))).toBe('1,234~h~05');
    expect(plain(formatMinutesEn(-150))).toBe('-2~h~30');
  });

  it('writes money from integer cents as « €1,234.56 », exactly', () => {
    expect(formatCentsEn(123456)).toBe('€1,234.56');
    expect(formatCentsEn(5)).toBe('€0.05');
    expect(formatCentsEn(-1999)).toBe('-€19.99');
    expect(formatCentsEn(100_000_000_01)).toBe('€100,000,000.01');
    expect(formatCentsEn(123456)).toBe(new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }).format(1234.56));
  });

  it('writes numbers and decimal hours with a decimal point', () => {
    expect(formatNumberEn(1234.5, 2)).toBe('1,234.5');
    expect(formatDecimalHoursEn(150)).toBe('2.50');
    expect(formatDecimalHoursEn(59)).toBe('0.98');
  });

  it('writes dates and months in English', () => {
    expect(formatDateEn('2026-03-05')).toBe('5 March 2026');
    expect(formatDateEn('2026-01-01')).toBe('1 January 2026');
    expect(formatMonthEn('2026-12')).toBe('December 2026');
    expect(() => formatDateEn('05/03/2026')).toThrow(RangeError);
    expect(() => formatMonthEn('2026-13')).toThrow(RangeError);
  });

  it('gives one set of functions per language, French by default (format-fr unchanged)', () => {
    expect(formatsFor().cents).toBe(formatCents);
    expect(formatsFor('fr').minutes).toBe(formatMinutes);
    expect(formatsFor('fr').decimalEuros(123456)).toBe('1234,56');
    expect(formatsFor('en').decimalEuros(-5)).toBe('-0.05');
    expect(formatsFor('en').date('2026-08-31')).toBe('31 August 2026');
    expect(formatsFor('en').tag).toBe('en-GB');
  });
});
