// One HTTP POST through an undici dispatcher, its whole answer read as text: how the gateway calls the
// subgraphs and the subgraphs call Opus and FK ORG. Made with dispatch() and a handler rather than
// undici's request(): request() wraps every answer in a Readable body stream and listens on an
// AbortSignal for the deadline, which costs about 8 µs of CPU per exchange more (45 against 37 µs in
// a microbenchmark of 4,000 keep-alive exchanges; docs/benchmarks.md, "Warm-up, one POST and the
// gateway's young generation"). Every subgraph fetch and every source call pays it.
import type { Dispatcher } from 'undici';

export interface PostAnswer {
  status: number;
  /** Lower-case names, as node:http gives them. */
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface PostOptions {
  /** Deadline of the whole exchange, from dispatch to the answer's last byte. */
  timeoutMs: number;
  /** An answer larger than this (by Content-Length, or as it arrives) is refused with AnswerTooLargeError. */
  maxBytes?: number;
  /** undici's own timeouts, passed on (between headers, between body chunks). */
  headersTimeout?: number;
  bodyTimeout?: number;
}

/** The deadline passed; `name` is TimeoutError, as AbortSignal.timeout()'s reason. */
export class PostTimeoutError extends Error {
  override name = 'TimeoutError';
  constructor(timeoutMs: number) {
    super(`Request timeout: no answer within ${timeoutMs} ms`);
  }
}

export class AnswerTooLargeError extends Error {
  override name = 'AnswerTooLargeError';
  constructor(
    readonly status: number,
    readonly bytes: number,
  ) {
    super(`the answer is ${bytes} bytes or more`);
  }
}

interface Target {
  origin: string;
  path: string;
}

// A process posts to a handful of URLs (four subgraphs, a source's endpoints): split each once.
const targets = new Map<string, Target>();

function targetOf(url: string): Target {
  let target = targets.get(url);
  if (!target) {
    const parsed = new URL(url);
    target = { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
    if (targets.size < 1_000) targets.set(url, target);
  }
  return target;
}

const BOM = 0xfeff;

// A class, not an object literal of closures: one handler per exchange, and no functions made for it.
class PostHandler implements Dispatcher.DispatchHandler {
  private controller: Dispatcher.DispatchController | undefined;
  private timedOut: PostTimeoutError | undefined;
  private readonly timer: NodeJS.Timeout;
  private status = 0;
  private headers: PostAnswer['headers'] = {};
  private readonly chunks: Buffer[] = [];
  private bytes = 0;

  constructor(
    private readonly options: PostOptions,
    private readonly resolve: (answer: PostAnswer) => void,
    private readonly reject: (error: Error) => void,
  ) {
    this.timer = setTimeout(PostHandler.expire, options.timeoutMs, this);
  }

  private static expire(this: void, handler: PostHandler): void {
    handler.timedOut = new PostTimeoutError(handler.options.timeoutMs);
    handler.controller?.abort(handler.timedOut);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.timedOut) controller.abort(this.timedOut);
  }

  onResponseStart(controller: Dispatcher.DispatchController, statusCode: number, headers: PostAnswer['headers']): void {
    this.status = statusCode;
    this.headers = headers;
    const length = Number(headers['content-length'] ?? 0);
    if (this.options.maxBytes !== undefined && length > this.options.maxBytes) controller.abort(new AnswerTooLargeError(statusCode, length));
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.bytes += chunk.length;
    if (this.options.maxBytes !== undefined && this.bytes > this.options.maxBytes) controller.abort(new AnswerTooLargeError(this.status, this.bytes));
    else this.chunks.push(chunk);
  }

  onResponseEnd(): void {
    clearTimeout(this.timer);
    const { chunks } = this;
    let text = chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks, this.bytes).toString('utf8');
    // As undici's body.text() (the WHATWG UTF-8 decode): a byte order mark is not part of the text.
    if (text.charCodeAt(0) === BOM) text = text.slice(1);
    this.resolve({ status: this.status, headers: this.headers, body: text });
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    clearTimeout(this.timer);
    this.reject(this.timedOut ?? error);
  }
}

export function postText(dispatcher: Dispatcher, url: string, headers: Record<string, string>, body: string, options: PostOptions): Promise<PostAnswer> {
  const { origin, path } = targetOf(url);
  return new Promise<PostAnswer>((resolve, reject) => {
    const handler = new PostHandler(options, resolve, reject);
    try {
      dispatcher.dispatch({ origin, path, method: 'POST', headers, body, headersTimeout: options.headersTimeout, bodyTimeout: options.bodyTimeout }, handler);
    } catch (error) {
      handler.onResponseError(undefined as never, error as Error);
    }
  });
}
