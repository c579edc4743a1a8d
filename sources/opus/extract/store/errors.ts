// A well-formed file the store will not take: wrongly named, or not newer than what it already holds.
// Refused like a malformed file: nothing of it is stored. Messages name the file, never a value.
export class ExtractRefusedError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'ExtractRefusedError';
  }
}
