// Serves the built explorer from memory: the page at the GraphQL endpoint (for browsers) and at
// /explorer, its assets under /explorer/assets/.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, posix, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

export interface ExplorerHandlerOptions {
  /** Output of ensureExplorerBuilt(). */
  distDir: string;
  /** Path of the GraphQL endpoint, e.g. '/graphql'. */
  endpoint: string;
}

export type ExplorerHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

const MOUNT = '/explorer';
const ASSETS = `${MOUNT}/assets/`;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.map', '.svg', '.ttf', '.wasm', '.txt']);
// Vite names emitted files `<name>-<8 char hash>.<ext>`; those never change under the same URL.
const HASHED = /-[A-Za-z0-9_-]{8}\.[a-z0-9]+$/;

// Monaco injects <style> elements and sets inline styles, and GraphiQL's Roboto comes as data: fonts;
// nothing may be fetched from anywhere but the gateway itself.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const COMMON_HEADERS: Record<string, string> = {
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
};

interface Asset {
  body: Buffer;
  type: string;
  etag: string;
  cacheControl: string;
  compressible: boolean;
  gzipped?: Promise<Buffer | undefined>;
}

const gzipAsync = promisify(gzip);

function asset(body: Buffer, ext: string, cacheControl: string): Asset {
  return {
    body,
    type: CONTENT_TYPES[ext] ?? 'application/octet-stream',
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
    cacheControl,
    compressible: COMPRESSIBLE.has(ext) && body.length > 1024,
  };
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listFiles(path);
    return entry.isFile() ? [path] : [];
  });
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A URL for `target` relative to the page at `pagePath`, so the explorer also works behind a path prefix. */
function relativeUrl(pagePath: string, target: string): string {
  const from = pagePath.endsWith('/') ? pagePath : posix.dirname(pagePath);
  const rel = posix.relative(from, target) + (target.endsWith('/') ? '/' : '');
  // A leading "./" keeps a first segment such as "a:b" from reading as a URL scheme.
  return rel.startsWith('../') ? rel : `./${rel.replace(/^\//, '')}`;
}

function renderPage(template: string, pagePath: string, endpoint: string): string {
  const assets = relativeUrl(pagePath, ASSETS);
  return template
    .replace(/(\s(?:src|href)=")\.\/assets\//g, `$1${assets}`)
    .replace(
      /(<meta\s+name="graphql-endpoint"\s+content=")[^"]*(")/,
      (_m, head: string, tail: string) => `${head}${escapeAttribute(relativeUrl(pagePath, endpoint))}${tail}`,
    );
}

function acceptsHtml(req: IncomingMessage): boolean {
  return /\btext\/html\b/i.test(req.headers.accept ?? '');
}

function acceptsGzip(req: IncomingMessage): boolean {
  const header = req.headers['accept-encoding'];
  return typeof header === 'string' && /\bgzip\b(?!\s*;\s*q=0(?:\.0*)?\s*(?:,|$))/i.test(header);
}

function pathnameOf(req: IncomingMessage): string | undefined {
  const target = req.url ?? '/';
  try {
    // Resolving "//host/explorer" against a base would make "host" the authority and serve the page
    // for a path that is not ours; prefixing keeps origin-form targets paths.
    return new URL(target.startsWith('/') ? `http://localhost${target}` : target).pathname;
  } catch {
    return undefined;
  }
}

function send(req: IncomingMessage, res: ServerResponse, file: Asset, extra: Record<string, string> = {}): void {
  const headers: Record<string, string> = {
    ...COMMON_HEADERS,
    'content-type': file.type,
    'cache-control': file.cacheControl,
    etag: file.etag,
    ...extra,
  };
  if (file.compressible) headers.vary = headers.vary ? `${headers.vary}, Accept-Encoding` : 'Accept-Encoding';

  const noneMatch = req.headers['if-none-match'];
  if (noneMatch && noneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === file.etag)) {
    delete headers['content-type'];
    res.writeHead(304, headers);
    res.end();
    return;
  }

  const finish = (body: Buffer, encoding?: string) => {
    if (encoding) headers['content-encoding'] = encoding;
    headers['content-length'] = String(body.length);
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  if (!file.compressible || !acceptsGzip(req)) return finish(file.body);
  // Compressed once, on first demand, off the event loop; Monaco alone is several megabytes.
  file.gzipped ??= gzipAsync(file.body).catch(() => undefined);
  void file.gzipped.then((zipped) => (zipped ? finish(zipped, 'gzip') : finish(file.body)));
}

function sendStatus(res: ServerResponse, status: number, message: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...COMMON_HEADERS, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...extra });
  res.end(`${message}\n`);
}

/**
 * Answers explorer requests and returns true, or returns false to let the next route (GraphQL) handle
 * the request. Everything under distDir is read into memory here, once.
 */
export function createExplorerHandler(opts: ExplorerHandlerOptions): ExplorerHandler {
  const endpoint = opts.endpoint.startsWith('/') ? opts.endpoint : `/${opts.endpoint}`;
  const template = readFileSync(join(opts.distDir, 'index.html'), 'utf8');

  const assets = new Map<string, Asset>();
  const assetsDir = join(opts.distDir, 'assets');
  for (const file of listFiles(assetsDir)) {
    const name = relative(assetsDir, file).split(sep).join('/');
    assets.set(name, asset(readFileSync(file), extname(file), HASHED.test(name) ? 'public, max-age=31536000, immutable' : 'no-cache'));
  }

  const pages = new Map<string, Asset>();
  for (const path of [endpoint, MOUNT, `${MOUNT}/`, `${MOUNT}/index.html`]) {
    pages.set(path, asset(Buffer.from(renderPage(template, path, endpoint)), '.html', 'no-cache'));
  }

  return (req, res) => {
    const path = pathnameOf(req);
    if (path === undefined) return false;
    const isRead = req.method === 'GET' || req.method === 'HEAD';

    if (path === endpoint) {
      // The same URL answers GraphQL GET requests; only browsers navigating to it get the page.
      if (!isRead || !acceptsHtml(req)) return false;
      send(req, res, pages.get(endpoint)!, { vary: 'Accept' });
      return true;
    }

    if (path !== MOUNT && !path.startsWith(`${MOUNT}/`)) return false;
    if (!isRead) {
      sendStatus(res, 405, 'Method Not Allowed', { allow: 'GET, HEAD' });
      return true;
    }

    const page = pages.get(path);
    if (page) {
      send(req, res, page);
      return true;
    }

    if (path.startsWith(ASSETS)) {
      let name: string;
      try {
        name = decodeURIComponent(path.slice(ASSETS.length));
      } catch {
        sendStatus(res, 400, 'Bad Request');
        return true;
      }
      // Lookups only hit the in-memory map, so nothing outside dist/assets is reachable anyway;
      // this just keeps odd names from ever looking like paths.
      const file = name.includes('..') || name.includes('\\') || name.includes('\0') ? undefined : assets.get(name);
      if (file) {
        send(req, res, file);
        return true;
      }
    }
    sendStatus(res, 404, 'Not Found');
    return true;
  };
}
