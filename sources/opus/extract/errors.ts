// Like the Opus client's errors, messages name the file, position and element, never a value: the
// values are personal data (CPR numbers, names, addresses) and error messages end up in logs.

/** The extract file is not well-formed XML or breaks the extract's structure. */
export class ExtractFormatError extends Error {
  constructor(
    readonly file: string,
    /** One-based line, or null when the problem is not tied to a position (an unreadable file). */
    readonly line: number | null,
    readonly reason: string,
    options?: { cause?: unknown; element?: string | null },
  ) {
    super(`${file}${line === null ? '' : `:${line}`}: ${reason}${options?.element ? ` (in <${options.element}>)` : ''}`, options);
    this.name = 'ExtractFormatError';
    this.element = options?.element ?? null;
  }

  /** The innermost element open where the problem was found, when known. */
  readonly element: string | null;
}
