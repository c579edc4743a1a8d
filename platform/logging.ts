// JSON logs (pino) with request ids. CPR numbers never reach them: fields that can hold one are
// redacted, and anything shaped like a CPR number in a message, error or value is masked, in case an
// error message or a source's answer quotes one.
import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * DDMMYY-SSSS or DDMMYYSSSS with a plausible day and month: what counts as CPR-shaped everywhere
 * (these logs, the audit log's sanitizer). Global: use it with replace, or reset lastIndex.
 */
export const CPR_SHAPED = /(?<!\d)(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])(\d{2})-?(\d{4})(?!\d)/g;

export function scrubCpr(text: string): string {
  return text.replace(CPR_SHAPED, '[CPR]');
}

function scrubDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubCpr(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  // pino runs this before its serializers, which need the Error (its class, message and stack, none of
  // them enumerable): a masked copy of the same class, or the line would say `"err": {}`.
  if (value instanceof Error) {
    const copy = Object.create(Object.getPrototypeOf(value)) as Error;
    for (const [k, v] of Object.entries(value)) (copy as unknown as Record<string, unknown>)[k] = scrubDeep(v, depth + 1);
    Object.defineProperties(copy, {
      message: { value: scrubCpr(value.message), enumerable: false },
      stack: { value: value.stack === undefined ? undefined : scrubCpr(value.stack), enumerable: false },
      ...(value.cause === undefined ? {} : { cause: { value: scrubDeep(value.cause, depth + 1), enumerable: false } }),
    });
    return copy;
  }
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubDeep(v, depth + 1)]));
}

export interface LoggerOptions {
  /** The component: gateway or a subgraph name. */
  name: string;
  level?: string;
  /** Where lines go; stdout by default. Tests pass a stream to read them back. */
  destination?: pino.DestinationStream;
}

export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      name: options.name,
      level: options.level ?? process.env.LOG_LEVEL ?? 'info',
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => scrubDeep(object) as Record<string, unknown>,
      },
      serializers: { err: pino.stdSerializers.err },
      redact: {
        paths: ['authorization', '*.authorization', 'headers.authorization', '*.headers.authorization', 'cpr', '*.cpr', 'cprs', '*.cprs', 'variables', '*.variables'],
        censor: '[redacted]',
      },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? scrubCpr(a) : a)) as Parameters<typeof method>);
        },
      },
    },
    options.destination,
  );
}

/** For tests and benchmarks that want no output. */
export const silentLogger: Logger = pino({ level: 'silent' });
