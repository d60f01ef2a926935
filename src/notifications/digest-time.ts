/**
 * When the daily digest leaves: 07:00 in Europe/Paris, whatever the season (the UTC
 * instant moves with daylight saving time). Plain Intl arithmetic, no date library.
 */
export const DIGEST_TIME_ZONE = 'Europe/Paris';
export const DIGEST_HOUR = 7;

/** Offset of the zone from UTC at this instant, in milliseconds (Paris: +1 h or +2 h). */
function offsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The calendar date (YYYY-MM-DD) of an instant in the zone. */
export function localDate(instant: Date, timeZone = DIGEST_TIME_ZONE): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/** The instant when the wall clock of the zone shows `hour`:00 on `date`. */
export function atLocalHour(date: string, hour: number, timeZone = DIGEST_TIME_ZONE): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, hour);
  const first = wall - offsetMs(wall, timeZone);
  return new Date(wall - offsetMs(first, timeZone)); // second pass: right offset across a DST change
}

const nextDate = (date: string): string => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
};

/** The next digest time strictly after `now`, with its Paris date (which names the digest). */
export function nextDigestAt(now: Date): { date: string; at: Date } {
  const today = localDate(now);
  const at = atLocalHour(today, DIGEST_HOUR);
  if (at.getTime() > now.getTime()) return { date: today, at };
  const tomorrow = nextDate(today);
  return { date: tomorrow, at: atLocalHour(tomorrow, DIGEST_HOUR) };
}
