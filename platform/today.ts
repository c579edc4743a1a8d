// Building a formatter costs milliseconds; formatting with one costs microseconds, and resolvers ask
// for today on every field that defaults to it. Copenhagen's offset from UTC is always a whole hour
// (+1, or +2 in summer time, which also starts and ends on the hour), so its date can change only on
// a whole UTC hour: the date is formatted once per hour of the clock and kept until the hour ends.
const COPENHAGEN_DATE = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' });
const HOUR_MS = 3_600_000;

let cached = { from: 0, until: 0, date: '' };

/** Today's date (YYYY-MM-DD) in Danish local time, which is what "today" means for a municipality's data. */
export function today(): string {
  const now = Date.now();
  if (now < cached.from || now >= cached.until) {
    const from = Math.floor(now / HOUR_MS) * HOUR_MS;
    cached = { from, until: from + HOUR_MS, date: COPENHAGEN_DATE.format(new Date(now)) };
  }
  return cached.date;
}
