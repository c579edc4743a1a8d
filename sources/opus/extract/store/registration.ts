// Registration time in SQL: the version a reader sees is the one whose registration interval
// [registered_from, registered_to) contains the instant asked for, or the current one (registered_to
// null) when none is asked for. Valid time (entry/leave dates) is a separate question, asked of the
// version found.

/** A WHERE condition on `registered_from`/`registered_to`; `param` is a timestamptz parameter or NULL. */
export function inRegistration(param: string): string {
  return `(CASE WHEN ${param}::timestamptz IS NULL THEN registered_to IS NULL
             ELSE registered_from <= ${param}::timestamptz AND (registered_to IS NULL OR registered_to > ${param}::timestamptz) END)`;
}
