/** The digest leaves at 07:00 in Paris in winter (06:00 UTC) and in summer (05:00 UTC). */
import { describe, expect, it } from 'vitest';
import { atLocalHour, localDate, nextDigestAt } from './digest-time.ts';

describe('digest time', () => {
  it('07:00 Paris is 06:00 UTC in winter and 05:00 UTC in summer, across DST changes', () => {
    expect(atLocalHour('2026-11-28', 7).toISOString()).toBe('2026-11-28T06:00:00.000Z');
    expect(atLocalHour('2026-07-14', 7).toISOString()).toBe('2026-07-14T05:00:00.000Z');
    expect(atLocalHour('2026-03-29', 7).toISOString()).toBe('2026-03-29T05:00:00.000Z'); // clocks moved at 02:00
    expect(atLocalHour('2026-10-25', 7).toISOString()).toBe('2026-10-25T06:00:00.000Z');
  });

  it('the next digest is later today before 07:00, tomorrow from 07:00 on', () => {
    expect(nextDigestAt(new Date('2026-11-28T05:59:59.999Z'))).toEqual({ date: '2026-11-28', at: new Date('2026-11-28T06:00:00.000Z') });
    expect(nextDigestAt(new Date('2026-11-28T06:00:00.000Z'))).toEqual({ date: '2026-11-29', at: new Date('2026-11-29T06:00:00.000Z') });
    // 23:30 UTC on the 31st is already the 1st in Paris.
    expect(nextDigestAt(new Date('2026-12-31T23:30:00.000Z'))).toEqual({ date: '2027-01-01', at: new Date('2027-01-01T06:00:00.000Z') });
    expect(localDate(new Date('2026-12-31T23:30:00.000Z'))).toBe('2027-01-01');
  });
});
