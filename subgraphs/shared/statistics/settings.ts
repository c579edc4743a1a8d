// The statistics minimum (STATISTICS_MIN_PERSONS), read when a subgraph's schema is built, so a wrong
// value stops the subgraph at start-up naming the variable.
import { statisticsMinPersonsFromEnv } from '../config.js';

let minimum = statisticsMinPersonsFromEnv({});

export function configureStatistics(env: Record<string, string | undefined> = process.env): void {
  minimum = statisticsMinPersonsFromEnv(env);
}

/** The fewest persons a released cell may count. */
export function minimumPersons(): number {
  return minimum;
}
