// Scalars shared by every subgraph. Composition requires a scalar to be identical wherever it is
// declared, so each lives here once.
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { ErrorCode } from './errors.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isIsoDate(value)) {
    throw new GraphQLError(`Date must be a calendar date written YYYY-MM-DD, got ${JSON.stringify(value)}`, {
      extensions: { code: ErrorCode.BAD_USER_INPUT },
    });
  }
  return value;
}

/** A calendar date without time zone, `YYYY-MM-DD` (dato). */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date without time zone, written YYYY-MM-DD (dato).',
  specifiedByURL: 'https://www.rfc-editor.org/rfc/rfc3339#section-5.6',
  serialize: (value) => parseDate(value),
  parseValue: (value) => parseDate(value),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) {
      throw new GraphQLError('Date must be a string written YYYY-MM-DD', { extensions: { code: ErrorCode.BAD_USER_INPUT } });
    }
    return parseDate(ast.value);
  },
});
