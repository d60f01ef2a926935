import { describe, expect, it } from 'vitest';
import { cecDeadlines, cecHints, functionOf } from './cec.rules.ts';
import { defaultYear } from './cec.service.ts';
import { remoteIdentifiers } from './remote-identifiers.ts';

const h = (hours: number, minutes = 0) => hours * 60 + minutes;

describe('CEC thresholds', () => {
  it('199 h 59 counted in the year is not enough, 200 h is', () => {
    const below = cecHints([{ minutes: h(100), function: 'governance' }, { minutes: h(99, 59), function: 'supervision' }]);
    expect(below).toMatchObject({ countedMinutes: h(199, 59), yearReached: false, oneAssociationReached: true, likelyEligible: false, missingYearMinutes: 1 });
    const at = cecHints([{ minutes: h(100), function: 'governance' }, { minutes: h(100), function: 'supervision' }]);
    expect(at).toMatchObject({ countedMinutes: h(200), yearReached: true, oneAssociationReached: true, hasFunction: true, likelyEligible: true, missingYearMinutes: 0 });
  });

  it('199 h against 200 h in whole hours', () => {
    expect(cecHints([{ minutes: h(199), function: 'governance' }]).yearReached).toBe(false);
    expect(cecHints([{ minutes: h(200), function: 'governance' }]).yearReached).toBe(true);
  });

  it('99 h in the best association is not enough, 100 h is — even with 200 h in the year', () => {
    const spread = cecHints([{ minutes: h(99), function: 'governance' }, { minutes: h(99), function: 'governance' }, { minutes: h(10), function: 'supervision' }]);
    expect(spread).toMatchObject({ countedMinutes: h(208), yearReached: true, bestAssociationMinutes: h(99), oneAssociationReached: false, likelyEligible: false, missingOneAssociationMinutes: 60 });
    const one = cecHints([{ minutes: h(100), function: 'governance' }, { minutes: h(99), function: 'governance' }, { minutes: h(10), function: 'supervision' }]);
    expect(one).toMatchObject({ bestAssociationMinutes: h(100), oneAssociationReached: true, likelyEligible: true, missingOneAssociationMinutes: 0 });
  });

  it('hours where the volunteer has no function are shown in the total but do not count', () => {
    const hints = cecHints([{ minutes: h(150), function: 'none' }, { minutes: h(120), function: 'governance' }]);
    expect(hints).toMatchObject({ totalMinutes: h(270), countedMinutes: h(120), bestAssociationMinutes: h(120), yearReached: false, likelyEligible: false });
    expect(cecHints([{ minutes: h(300), function: 'none' }])).toMatchObject({ hasFunction: false, countedMinutes: 0, likelyEligible: false });
    expect(cecHints([])).toMatchObject({ totalMinutes: 0, likelyEligible: false, missingYearMinutes: h(200), missingOneAssociationMinutes: h(100) });
  });

  it('a function received from another site is read strictly', () => {
    expect(functionOf('governance')).toBe('governance');
    expect(functionOf('supervision')).toBe('supervision');
    expect(functionOf('Governance')).toBe('none');
    expect(functionOf(null)).toBe('none');
  });
});

describe('CEC deadlines', () => {
  it('declare from 1 January to 30 June of the next year, validation until 31 December', () => {
    expect(cecDeadlines(2026, '2026-11-27')).toEqual({ declareFrom: '2027-01-01', declareBy: '2027-06-30', validateBy: '2027-12-31', phase: 'year_running' });
    expect(cecDeadlines(2026, '2027-01-01').phase).toBe('declaration_open');
    expect(cecDeadlines(2026, '2027-06-30').phase).toBe('declaration_open');
    expect(cecDeadlines(2026, '2027-07-01').phase).toBe('validation_only');
    expect(cecDeadlines(2026, '2027-12-31').phase).toBe('validation_only');
    expect(cecDeadlines(2026, '2028-01-01').phase).toBe('closed');
  });

  it('the page opens on the year to declare until 30 June, then on the current one', () => {
    expect(defaultYear('2027-06-30')).toBe(2026);
    expect(defaultYear('2027-07-01')).toBe(2027);
    expect(defaultYear('2026-11-27')).toBe(2026);
  });
});

describe('RNA and SIREN of an association of another site', () => {
  const doc = (attachment: unknown) => JSON.stringify({ type: 'Group', attachment });

  it('reads them from PropertyValue attachments, one or a list', () => {
    expect(remoteIdentifiers(doc([{ type: 'PropertyValue', name: 'Type', value: 'Association' }, { type: 'PropertyValue', name: 'RNA', value: 'W212001234' }, { type: 'PropertyValue', name: 'SIREN', value: '<p>732 829 320</p>' }])))
      .toEqual({ rna: 'W212001234', siren: '732829320' });
    expect(remoteIdentifiers(doc({ type: 'PropertyValue', name: 'RNA', value: 'W212001234' }))).toEqual({ rna: 'W212001234', siren: null });
  });

  it('ignores anything malformed, never throws', () => {
    for (const bad of [null, '', 'not json', '[]', '42', doc('x'), doc([null, 3, { type: 'Note', name: 'RNA', value: 'W212001234' }]), doc([{ type: 'PropertyValue', name: 'RNA', value: 'W12' }]), doc([{ type: 'PropertyValue', name: 'SIREN', value: { x: 1 } }])]) {
      expect(remoteIdentifiers(bad)).toEqual({ rna: null, siren: null });
    }
  });
});
