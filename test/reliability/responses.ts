// What every answer of the gateway must look like, whatever was sent: shared by the bad-input tests,
// the property-based test and the soak, so all three hold the gateway to the same rules.
import { KNOWN_CODES } from '../../platform/errors.js';

export interface RawResponse {
  status: number;
  contentType: string;
  text: string;
  /** The parsed body; undefined when it is not JSON. */
  json?: { data?: unknown; errors?: Array<{ message?: unknown; extensions?: { code?: unknown } }>; extensions?: unknown };
}

/** Sends anything (method, headers, body as given) and reads the answer without assuming its shape. */
export async function rawRequest(url: string, init: RequestInit & { duplex?: 'half' }): Promise<RawResponse> {
  const res = await fetch(url, init);
  const text = await res.text();
  let json: RawResponse['json'];
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text, json };
}

/** The codes of a response's errors, in order. */
export function errorCodes(res: RawResponse): string[] {
  return (res.json?.errors ?? []).map((e) => String(e.extensions?.code));
}

/**
 * Server internals a client must never see in an error: stack frames, file and module paths, the
 * addresses of subgraphs and sources.
 */
const LEAKS = /stacktrace|node_modules|file:\/\/|\bat [\w$.<>]+ \(|\.ts:\d+|127\.0\.0\.1|localhost|\[::1\]|https?:\/\//i;

export interface ExpectOptions {
  /** INTERNAL_SERVER_ERROR means a bug was masked; allowed only where faults are injected on purpose. */
  allowInternal?: boolean;
  /** HEAD answers have no body. */
  method?: string;
}

/** Every rule the answer breaks; empty when it is a well-formed answer. */
export function violations(res: RawResponse, options: ExpectOptions = {}): string[] {
  const problems: string[] = [];
  if (res.status >= 500) problems.push(`HTTP ${res.status}`);
  if (options.method === 'HEAD') return problems;
  if (!/^application\/(graphql-response\+)?json\b/.test(res.contentType)) problems.push(`content-type "${res.contentType}"`);
  if (!res.json || typeof res.json !== 'object') return [...problems, `not a JSON object: ${res.text.slice(0, 120)}`];
  if (res.status >= 400 && !(res.json.errors?.length)) problems.push(`HTTP ${res.status} without errors`);
  for (const error of res.json.errors ?? []) {
    const code = error.extensions?.code;
    if (typeof code !== 'string' || !KNOWN_CODES.has(code)) problems.push(`unknown code ${JSON.stringify(code)}: ${String(error.message).slice(0, 120)}`);
    else if (code === 'INTERNAL_SERVER_ERROR' && !options.allowInternal) problems.push('INTERNAL_SERVER_ERROR (a masked bug)');
  }
  const exposed = JSON.stringify([res.json.errors ?? [], res.json.extensions ?? null]);
  const leak = LEAKS.exec(exposed);
  if (leak) problems.push(`exposes "${leak[0]}": ${exposed.slice(Math.max(0, leak.index - 60), leak.index + 60)}`);
  return problems;
}
