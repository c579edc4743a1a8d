// Building a formatter costs milliseconds; formatting with one costs microseconds.
const COPENHAGEN_DATE = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' });

/** Today's date (YYYY-MM-DD) in Danish local time, which is what "today" means for a municipality's data. */
export function today(): string {
  return COPENHAGEN_DATE.format(new Date());
}
