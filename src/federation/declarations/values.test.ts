/** Exact conversions between our integer units and the documents' ISO durations and decimals. */
import { describe, expect, it } from 'vitest';
import { decimalToHundredths, durationToMinutes, hasOurVocabulary, hundredthsToDecimal, instant, minutesToDuration, withoutFragment } from './values.ts';
import { BV_DOCUMENT_CONTEXT } from '../vocabulary.ts';

describe('durations', () => {
  it.each([
    [0, 'PT0S'],
    [1, 'PT1M'],
    [30, 'PT30M'],
    [60, 'PT1H'],
    [150, 'PT2H30M'],
    [420, 'PT7H'],
    [1440, 'PT24H'],
    [3000, 'PT50H'], // more than a day stays in hours: no calendar meaning
  ])('%i minutes ↔ %s', (minutes, text) => {
    expect(minutesToDuration(minutes)).toBe(text);
    expect(durationToMinutes(text)).toBe(minutes);
  });

  it('reads the other spellings of a whole number of minutes', () => {
    expect(durationToMinutes('P1DT2H')).toBe(1560);
    expect(durationToMinutes('P2D')).toBe(2880);
    expect(durationToMinutes('PT90M')).toBe(90);
    expect(durationToMinutes('PT3600S')).toBe(60);
    expect(durationToMinutes('PT0M')).toBe(0);
  });

  it.each(['', 'P', 'PT', 'P1DT', 'PT30S', 'PT1.5H', 'P1M', 'P1Y', '-PT1H', 'PT1H ', '2h30', 'PT2H30M30S'])('refuses %j', (text) => {
    expect(durationToMinutes(text)).toBeNull();
  });

  it('refuses to write a negative or fractional number of minutes', () => {
    expect(() => minutesToDuration(-1)).toThrow(RangeError);
    expect(() => minutesToDuration(1.5)).toThrow(RangeError);
  });
});

describe('distances', () => {
  it.each([
    [0, '0'],
    [5, '0.05'],
    [50, '0.5'],
    [1230, '12.3'],
    [1234, '12.34'],
    [1200, '12'],
    [10_000_000, '100000'],
  ])('%i hundredths ↔ %s', (hundredths, text) => {
    expect(hundredthsToDecimal(hundredths)).toBe(text);
    expect(decimalToHundredths(text)).toBe(hundredths);
  });

  it('reads trailing zeros exactly', () => {
    expect(decimalToHundredths('12.30')).toBe(1230);
    expect(decimalToHundredths('0.10')).toBe(10);
  });

  it.each(['', '12,3', '1.234', '-1', '1e3', '.5', '5.', ' 5', '0x10'])('refuses %j', (text) => {
    expect(decimalToHundredths(text)).toBeNull();
  });
});

describe('instants and key ids', () => {
  it('writes instants to the second without a fraction', () => {
    expect(instant(new Date('2026-11-27T10:00:00.123Z'))).toBe('2026-11-27T10:00:00Z');
    expect(instant('2026-11-27T11:00:00+01:00')).toBe('2026-11-27T10:00:00Z');
    expect(() => instant('hier')).toThrow(RangeError);
  });

  it('names the actor behind a key id', () => {
    expect(withoutFragment('https://a.example/ap/actors/1#multikey-2')).toBe('https://a.example/ap/actors/1');
    expect(withoutFragment('pas une IRI')).toBe('');
  });

  it('recognises our inline vocabulary in a context', () => {
    expect(hasOurVocabulary([...BV_DOCUMENT_CONTEXT, 'https://w3id.org/security/data-integrity/v1'])).toBe(true);
    expect(hasOurVocabulary('https://www.w3.org/ns/activitystreams')).toBe(false);
    expect(hasOurVocabulary(['https://www.w3.org/ns/activitystreams', 'https://benevalibre.org/ns#'])).toBe(false);
    expect(hasOurVocabulary(undefined)).toBe(false);
  });
});
