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
  // A copy only when something in it was masked: a request line (every line, every request) has none.
  let copy: Record<string, unknown> | undefined;
  const record = value as Record<string, unknown>;
  for (const k of Object.keys(record)) {
    const v = record[k];
    const scrubbed = scrubDeep(v, depth + 1);
    if (scrubbed !== v) (copy ??= { ...record })[k] = scrubbed;
  }
  return copy ?? value;
}

const WARN = pino.levels.values.warn;

/** Longest an info line waits in the buffer before it is written. */
const FLUSH_MS = 200;

interface Stdout {
  stream: pino.DestinationStream & { flush(): void; destroyed?: boolean };
  /** Whether lines wait in memory (LOG_BUFFER_BYTES > 0). */
  buffered: boolean;
}

let stdout: Stdout | undefined;

/**
 * Every logger of the process writes to one stdout stream. Its lines wait in memory until
 * LOG_BUFFER_BYTES (default 4096, about thirty request lines) are due and then go out in one write,
 * or until FLUSH_MS have passed; a warning or worse goes out at once, and whatever waits is written
 * when the process exits (pino's exit hook). Written line by line, the gateway's request lines cost
 * a write to the pipe and a wake-up of the process reading it per request (docs/benchmarks.md,
 * "HTTP-layer costs, names without addresses, buffered logs"). A process killed outright (SIGKILL,
 * out of memory) loses at most the last 200 ms of info lines; `LOG_BUFFER_BYTES=0` writes every line
 * as it comes.
 */
function stdoutStream(env: Record<string, string | undefined> = process.env): Stdout {
  if (stdout) return stdout;
  const raw = env.LOG_BUFFER_BYTES ?? '4096';
  const bytes = Number(raw);
  if (!/^\d+$/.test(raw) || bytes > 65_536) throw new RangeError(`LOG_BUFFER_BYTES must be a whole number of bytes from 0 to 65536, not "${raw}"`);
  // The stream flushes itself every FLUSH_MS, whatever was logged since. A flush asked for while a
  // write is in flight does nothing, and what is left after that write stays in memory while it is
  // shorter than minLength; so a flush only when a line has come would, after such a miss, leave the
  // process's last info lines (its "listening" line at start, say) unwritten until more came.
  const stream: Stdout['stream'] = pino.destination({ dest: 1, sync: false, minLength: bytes, ...(bytes > 0 ? { periodicFlush: FLUSH_MS } : {}) });
  return (stdout = { stream, buffered: bytes > 0 });
}

export interface LoggerOptions {
  /** The component: gateway or a subgraph name. */
  name: string;
  level?: string;
  /** Where lines go; stdout by default. Tests pass a stream to read them back. */
  destination?: pino.DestinationStream;
}

export function createLogger(options: LoggerOptions): Logger {
  const out = options.destination ? undefined : stdoutStream();
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
        logMethod(args, method, level) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? scrubCpr(a) : a)) as Parameters<typeof method>);
          if (out?.buffered && level >= WARN && !out.stream.destroyed) out.stream.flush();
        },
      },
    },
    options.destination ?? out!.stream,
  );
}

/** For tests and benchmarks that want no output. */
export const silentLogger: Logger = pino({ level: 'silent' });
