// The explorer in a real browser: bundle served by createExplorerHandler, queries against a tiny schema.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { buildSchema, graphql } from 'graphql';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureExplorerBuilt } from '../../gateway/explorer/build.js';
import { createExplorerHandler } from '../../gateway/explorer/serve.js';
import type { Stack } from '../../gateway/stack.js';
import { versionOn } from '../../subgraphs/shared/dates.js';
import { post } from '../support/http.js';
import { testStack } from '../support/stack.js';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
const SCREENSHOT = '/tmp/explorer.png';
const FAILURE_SCREENSHOT = '/tmp/explorer-failure.png';
const TOKEN = 'test-token-4f2a';
const TYPED_QUERY = 'query TypedInEditor { orgUnits(first: 1) { nodes { name unitType { name } } } }';
const STATISTICS_QUERY =
  'query Headcount { orgUnit(id: "1") { name workforceStatistics { byAgreement { key label headcount { value suppressed } } } ' +
  'children { name workforceStatistics { headcount { value suppressed } fte { value suppressed } } } } }';

// orgUnit is shaped like the workforce statistics: units with cells `{ value suppressed }`, one withheld.
const schema = buildSchema(`
  type Query { orgUnits(first: Int): OrgUnitConnection orgUnit(id: ID!): OrgUnit }
  type OrgUnitConnection { nodes: [OrgUnit!]! }
  type OrgUnit { name: String unitType: UnitType children: [OrgUnit!]! workforceStatistics: WorkforceStatistics }
  type UnitType { name: String }
  type WorkforceStatistics { headcount: Cell! fte: Cell! byAgreement: [AgreementCell!]! }
  type AgreementCell { key: String! label: String! headcount: Cell! }
  type Cell { value: Float suppressed: Suppression }
  enum Suppression { FEWER_THAN_MINIMUM COMPLEMENTARY }
`);
const cell = (value: number | null) => (value === null ? { value, suppressed: 'FEWER_THAN_MINIMUM' } : { value, suppressed: null });
const unit = (name: string, headcount: number | null, fte: number | null) => ({
  name,
  children: [],
  workforceStatistics: { headcount: cell(headcount), fte: cell(fte), byAgreement: [] },
});
const STATISTICS_UNIT = {
  name: 'Eksempel Kommune',
  children: [unit('Ærø Skole', 42, 38.5), unit('Børnehuset Åen', 17, 12.25), unit('Rådhuset', null, null), unit('Tandplejen', 8, 7.5)],
  workforceStatistics: {
    headcount: cell(67),
    fte: cell(58.25),
    byAgreement: [
      { key: '47', label: 'Lærere', headcount: cell(42) },
      { key: '11', label: 'HK; kontor', headcount: cell(25) },
    ],
  },
};
const rootValue = {
  orgUnits: ({ first }: { first?: number | null }) => ({
    nodes: [{ name: 'Eksempel Kommune', unitType: { name: 'Kommune' } }].slice(0, first ?? undefined),
  }),
  orgUnit: () => STATISTICS_UNIT,
};

interface SeenPost {
  operationName?: string | null;
  query: string;
  headers: IncomingHttpHeaders;
}

let server: http.Server;
let origin: string;
let distDir: string;
const posts: SeenPost[] = [];

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

beforeAll(async () => {
  distDir = await ensureExplorerBuilt();
  const explorer = createExplorerHandler({ distDir, endpoint: '/graphql' });
  server = http.createServer((req, res) => {
    if (explorer(req, res)) return;
    if (req.method === 'POST' && req.url === '/graphql') {
      void readBody(req).then(async (text) => {
        const body = JSON.parse(text) as { query: string; operationName?: string | null; variables?: Record<string, unknown> | null };
        posts.push({ operationName: body.operationName, query: body.query, headers: req.headers });
        const result = await graphql({
          schema,
          rootValue,
          source: body.query,
          variableValues: body.variables,
          operationName: body.operationName,
        });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(result));
      });
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not here\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

describe('explorer handler', () => {
  it('serves the page to browsers at the endpoint and at /explorer, and leaves GraphQL requests alone', async () => {
    for (const path of ['/graphql', '/explorer', '/explorer/']) {
      const res = await fetch(origin + path, { headers: { accept: 'text/html,application/xhtml+xml' } });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      const html = await res.text();
      expect(html).toContain('<title>kommunegraf explorer</title>');
      // Every asset the page names must resolve to /explorer/assets/ from that page's URL.
      const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => new URL(m[1]!, origin + path));
      expect(refs.length).toBeGreaterThan(0);
      for (const ref of refs) {
        expect(ref.pathname.startsWith('/explorer/assets/'), `${path} -> ${ref.pathname}`).toBe(true);
        const asset = await fetch(ref);
        expect(asset.status, ref.pathname).toBe(200);
        expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      }
      const endpoint = /name="graphql-endpoint" content="([^"]+)"/.exec(html)?.[1];
      expect(new URL(endpoint!, origin + path).pathname).toBe('/graphql');
    }

    const gql = await fetch(`${origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: '{ orgUnits(first: 1) { nodes { name } } }' }),
    });
    expect(await gql.json()).toEqual({ data: { orgUnits: { nodes: [{ name: 'Eksempel Kommune' }] } } });
    // A GraphQL GET (no text/html) is not the explorer's to answer.
    expect((await fetch(`${origin}/graphql?query={__typename}`, { headers: { accept: 'application/json' } })).status).toBe(404);
  });

  it('uses correct content types, refuses traversal and non-GET', async () => {
    const types: Record<string, string> = {
      '.js': 'text/javascript; charset=utf-8',
      '.css': 'text/css; charset=utf-8',
      '.ttf': 'font/ttf',
    };
    const files = readdirSync(join(distDir, 'assets'));
    // Vite follows NODE_ENV when it is set, and vitest sets it to "test"; the bundle must still be production React.
    const scripts = files.filter((f) => f.endsWith('.js')).map((f) => readFileSync(join(distDir, 'assets', f), 'utf8'));
    expect(scripts.some((code) => code.includes('Download the React DevTools'))).toBe(false);
    for (const ext of Object.keys(types)) expect(files.some((f) => f.endsWith(ext)), ext).toBe(true);
    for (const file of files) {
      const res = await fetch(`${origin}/explorer/assets/${file}`);
      expect(res.status, file).toBe(200);
      const ext = extname(file);
      if (types[ext]) expect(res.headers.get('content-type'), file).toBe(types[ext]);
      expect((await res.arrayBuffer()).byteLength, file).toBe(statSync(join(distDir, 'assets', file)).size);
    }

    for (const path of ['/explorer/assets/../../../package.json', '/explorer/assets/%2e%2e/%2e%2e/package.json', '/explorer/assets/%2e%2e%2findex.html', '/explorer/assets/..%2f..%2fpackage.json', '/explorer/nope.js', '//elsewhere.example/explorer']) {
      const res = await new Promise<number>((resolve, reject) => {
        // fetch() normalises dot segments away; the raw request line is what an attacker sends.
        const req = http.request(`${origin}/`, { path, method: 'GET' }, (r) => {
          r.resume();
          resolve(r.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
      expect(res, path).toBe(404);
    }
    expect((await fetch(`${origin}/explorer`, { method: 'POST', body: 'x' })).status).toBe(405);
    const head = await fetch(`${origin}/explorer`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

describe.skipIf(!haveChromium && !process.env.CI)('explorer in chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    if (!haveChromium) throw new Error(`${CHROMIUM} is missing; CI must provide Debian's chromium (apt-get install chromium)`);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('runs a query typed into the editor, offline, with the bearer token from the toolbar', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 800 } });
    const page = await context.newPage();
    // Below the test timeout, so a stuck step fails with its locator instead of a bare timeout.
    page.setDefaultTimeout(10_000);
    const requested: string[] = [];
    const offOrigin: string[] = [];
    const problems: string[] = [];
    page.on('request', (req) => {
      requested.push(req.url());
      const url = new URL(req.url());
      // data: and blob: URLs never leave the page; anything with a host must be the gateway.
      if (url.protocol !== 'data:' && url.protocol !== 'blob:' && url.origin !== origin) offOrigin.push(req.url());
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (msg) => {
      // Failed loads are reported with their URL by the response listener.
      if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) problems.push(`console: ${msg.text()}`);
    });
    page.on('response', (res) => {
      if (res.status() >= 400) problems.push(`${res.status()}: ${res.url()}`);
    });
    page.on('requestfailed', (req) => problems.push(`failed: ${req.url()} ${req.failure()?.errorText ?? ''}`));
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
    });

    const firstPost = posts.length;
    try {
      await page.goto(`${origin}/graphql`, { waitUntil: 'load' });
      expect(await page.title()).toBe('kommunegraf explorer');
      await page.locator('.graphiql-container').waitFor();
      const editor = page.locator('.graphiql-query-editor .monaco-editor');
      await editor.locator('.view-lines').filter({ hasText: 'orgUnits' }).waitFor();
      // The explorer plugin lists root fields only once introspection went through.
      await page.locator('.graphiql-explorer-root').getByText('orgUnits').first().waitFor();
      const introspection = posts.slice(firstPost).find((p) => p.query.includes('__schema'));
      expect(introspection, 'GraphiQL introspected the endpoint').toBeDefined();
      expect(introspection!.headers.authorization, 'no token yet, so no Authorization').toBeUndefined();

      await page.getByLabel('Token').fill(TOKEN);

      // insertText bypasses key events, so Monaco's bracket auto-closing cannot mangle the query.
      await editor.click();
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.press('Delete');
      await page.keyboard.insertText(TYPED_QUERY);
      await editor.locator('.view-lines').filter({ hasText: 'TypedInEditor' }).waitFor();
      // Run at once: GraphiQL updates the operation name 100 ms after an edit, and the fetcher has
      // to cope with the stale "Units" it still holds.
      const postsBefore = posts.length;
      await page.locator('.graphiql-execute-button').click();
      await page.waitForFunction(
        () => (document.querySelector('.result-window')?.textContent ?? '').replace(/\u00a0/g, ' ').includes('Eksempel Kommune'),
        undefined,
        { timeout: 15_000 },
      );

      const run = posts.slice(postsBefore).find((p) => p.operationName === 'TypedInEditor');
      expect(run, 'the typed query reached the server').toBeDefined();
      expect(run!.query).toBe(TYPED_QUERY);
      expect(run!.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(run!.headers['apollo-require-preflight']).toBe('true');
      // Introspection too, or Apollo's CSRF prevention would reject the schema fetch.
      expect(posts.slice(firstPost).every((p) => p.headers['apollo-require-preflight'] === 'true')).toBe(true);
      expect(await page.evaluate(() => sessionStorage.getItem('kommunegraf.explorer.token'))).toBe(TOKEN);

      // Monaco falls back to running language services on the main thread when its workers fail to
      // start, so their requests are the evidence that the bundled workers work under the CSP.
      // They start lazily, the GraphQL one once its language service first has work to do.
      for (const worker of ['editor.worker', 'graphql.worker', 'json.worker']) {
        await expect
          .poll(() => requested.some((url) => url.startsWith(`${origin}/explorer/assets/${worker}-`)), { message: worker, timeout: 10_000 })
          .toBe(true);
      }

      // Prettier is a lazily loaded chunk of its own; formatting proves it loads under the CSP too.
      await page.getByRole('button', { name: /^Prettify query/ }).click();
      await expect.poll(() => editor.locator('.view-line').count()).toBeGreaterThan(5);
      await page.screenshot({ path: SCREENSHOT });
      expect(offOrigin).toEqual([]);
      expect(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).toEqual([]);
      expect(problems).toEqual([]);
    } catch (error) {
      // A blank page usually explains itself in the browser console, not in the failed locator.
      if (problems.length > 0) console.error(`browser problems:\n${problems.join('\n')}`);
      await page.screenshot({ path: FAILURE_SCREENSHOT }).catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  });
  it('shows a statistics answer as a table, a CSV download with the same figures and a bar chart with the withheld figure as a gap', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 800 }, acceptDownloads: true });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
    });
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    try {
      await page.goto(`${origin}/graphql`, { waitUntil: 'load' });
      await page.locator('.graphiql-explorer-root').getByText('orgUnits').first().waitFor();
      // Before any answer there is no table to show.
      await expect.poll(() => page.getByRole('tab', { name: 'Table' }).isDisabled()).toBe(true);

      const editor = page.locator('.graphiql-query-editor .monaco-editor');
      await editor.click();
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.press('Delete');
      await page.keyboard.insertText(STATISTICS_QUERY);
      await editor.locator('.view-lines').filter({ hasText: 'Headcount' }).waitFor();
      await page.locator('.graphiql-execute-button').click();
      const json = () => page.evaluate(() => (document.querySelector('.result-window')?.textContent ?? '').replace(/\u00a0/g, ' '));
      // Monaco renders only the lines in view, so the first ones tell that the answer arrived.
      await expect.poll(json, { timeout: 15_000 }).toContain('Eksempel Kommune');
      // JSON stays the view until the analyst picks another.
      expect(await page.getByRole('tab', { name: 'JSON' }).getAttribute('aria-selected')).toBe('true');

      await page.getByRole('tab', { name: 'Table' }).click();
      // Two lists in the answer; the larger, the units, comes first.
      const list = page.getByLabel('List');
      expect(await list.inputValue()).toBe('orgUnit.children');
      expect(await list.locator('option').allTextContents()).toEqual(['orgUnit.workforceStatistics.byAgreement (2)', 'orgUnit.children (4)']);
      const table = page.locator('.kg-table');
      expect(await table.locator('th').allTextContents()).toEqual(['name', 'workforceStatistics.headcount.value', 'workforceStatistics.fte.value']);
      const tableRows = await table.locator('tbody tr').evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((td) => td.textContent ?? '')));
      expect(tableRows).toEqual([
        ['Ærø Skole', '42', '38,5'],
        ['Børnehuset Åen', '17', '12,25'],
        ['Rådhuset', 'suppressed: FEWER_THAN_MINIMUM', 'suppressed: FEWER_THAN_MINIMUM'],
        ['Tandplejen', '8', '7,5'],
      ]);
      expect(await page.locator('.result-window').isVisible()).toBe(false);
      await page.screenshot({ path: '/tmp/explorer-table.png' });

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
      expect(download.suggestedFilename()).toBe('Headcount-orgUnit.children.csv');
      const bytes = readFileSync(await download.path());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = bytes.subarray(3).toString('utf8').split('\r\n');
      expect(lines.pop()).toBe('');
      // Same columns and figures as the table, Danish letters intact.
      expect(lines.map((line) => line.split(';'))).toEqual([await table.locator('th').allTextContents(), ...tableRows]);

      // The other list, with a separator inside a label, quoted in its CSV.
      await list.selectOption('orgUnit.workforceStatistics.byAgreement');
      expect(await table.locator('th').allTextContents()).toEqual(['key', 'label', 'headcount.value']);
      const [agreements] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
      expect(agreements.suggestedFilename()).toBe('Headcount-orgUnit.workforceStatistics.byAgreement.csv');
      expect(readFileSync(await agreements.path(), 'utf8')).toBe('\uFEFFkey;label;headcount.value\r\n47;Lærere;42\r\n11;"HK; kontor";25\r\n');
      await list.selectOption('orgUnit.children');

      await page.getByRole('tab', { name: 'Chart' }).click();
      const chart = page.locator('.kg-chart');
      // Bars labelled by the first text column, for the first numeric column; the withheld unit is a gap.
      await expect.poll(() => chart.getAttribute('data-bars')).toBe('3');
      expect(JSON.parse((await chart.getAttribute('data-labels'))!)).toEqual(['Ærø Skole', 'Børnehuset Åen', 'Rådhuset', 'Tandplejen']);
      expect(await page.locator('.kg-gaps li').allTextContents()).toEqual(['suppressed: Rådhuset – workforceStatistics.headcount.value (FEWER_THAN_MINIMUM)']);
      // chart.js drew bars in the first series' colour: the canvas is not just axes.
      const barPixels = () =>
        page.locator('.kg-chart canvas').evaluate((canvas: HTMLCanvasElement) => {
          const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
          let n = 0;
          for (let i = 0; i < data.length; i += 4) if (data[i] === 0x3b && data[i + 1] === 0x6f && data[i + 2] === 0xb6) n++;
          return n;
        });
      await expect.poll(barPixels).toBeGreaterThan(1000);

      await page.getByRole('checkbox', { name: 'workforceStatistics.fte.value' }).check();
      await expect.poll(() => chart.getAttribute('data-bars')).toBe('6');
      expect(await page.locator('.kg-gaps li').count()).toBe(2);
      await page.screenshot({ path: '/tmp/explorer-chart.png' });

      await page.getByRole('tab', { name: 'JSON' }).click();
      expect(await page.locator('.result-window').isVisible()).toBe(true);
      await expect.poll(json).toContain('Lærere');
      expect(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).toEqual([]);
      expect(problems).toEqual([]);
    } catch (error) {
      if (problems.length > 0) console.error(`browser problems:\n${problems.join('\n')}`);
      await page.screenshot({ path: FAILURE_SCREENSHOT }).catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  });
});

describe.skipIf(!haveChromium && !process.env.CI)('explorer on the real gateway, in chromium', () => {
  let browser: Browser;
  let stack: Stack;

  beforeAll(async () => {
    if (!haveChromium) throw new Error(`${CHROMIUM} is missing; CI must provide Debian's chromium (apt-get install chromium)`);
    stack = await testStack({ employees: 80, gateway: { routes: [createExplorerHandler({ distDir, endpoint: '/graphql' })] } });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  const resultText = (page: import('playwright-core').Page) =>
    page.evaluate(() => (document.querySelector('.result-window')?.textContent ?? '').replace(/\u00a0/g, ' '));

  it('an analyst pastes a token, explores the schema and runs a query over all subgraphs; a missing scope shows FORBIDDEN', async () => {
    const m = stack.municipality;
    const placed = (opusId: string) => m.opus.employments.filter((e) => versionOn(e.placements, m.today)?.orgUnitOpusId === opusId);
    const unit = [...m.org.units].sort((a, b) => placed(b.opusId).length - placed(a.opusId).length)[0];
    const someone = placed(unit.opusId)[0];
    const context = await browser.newContext({ viewport: { width: 1400, height: 800 } });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const gatewayOrigin = new URL(stack.url).origin;
    const offOrigin: string[] = [];
    page.on('request', (req) => {
      const url = new URL(req.url());
      if (url.protocol !== 'data:' && url.protocol !== 'blob:' && url.origin !== gatewayOrigin) offOrigin.push(req.url());
    });
    try {
      await page.goto(stack.url, { waitUntil: 'load' });
      await page.locator('.graphiql-container').waitFor();
      // Without a token the gateway answers nothing, not even the schema; with one, the explorer fills in.
      const analyst = await stack.token({ clientKind: 'analyst', scopes: ['org:read', 'employee:read', 'absence:read'] });
      await page.getByLabel('Token').fill(analyst);
      await page.locator('.graphiql-explorer-root').getByText('orgUnits').first().waitFor({ timeout: 15_000 });

      const editor = page.locator('.graphiql-query-editor .monaco-editor');
      const run = async (query: string) => {
        await editor.click();
        await page.keyboard.press('ControlOrMeta+A');
        await page.keyboard.press('Delete');
        await page.keyboard.insertText(query);
        await editor.locator('.view-lines').filter({ hasText: query.slice(0, 20) }).waitFor();
        await page.locator('.graphiql-execute-button').click();
      };

      await run(`query Staff { orgUnit(id: "${unit.id}") { name employments { employmentNumber employee { name } absences { type } } } }`);
      await page.waitForFunction((name) => (document.querySelector('.result-window')?.textContent ?? '').replace(/\u00a0/g, ' ').includes(name), `${someone.person.firstName} ${someone.person.lastName}`, { timeout: 15_000 });
      const text = await resultText(page);
      expect(text).toContain(versionOn(unit.versions, m.today)!.name);
      expect(text).not.toContain('FORBIDDEN');

      // Salary needs payroll:read, which this analyst lacks: the field is null and the error says why.
      await run(`query Salaries { orgUnit(id: "${unit.id}") { name employments { employmentNumber salaryPlacement { step } } } }`);
      await page.waitForFunction(() => (document.querySelector('.result-window')?.textContent ?? '').includes('FORBIDDEN'), undefined, { timeout: 15_000 });
      expect(await resultText(page)).toContain('payroll:read');
      await page.screenshot({ path: '/tmp/explorer-gateway.png' });
      // As a table the withheld field is an empty column, and the view says the errors are in the JSON.
      await page.getByRole('tab', { name: 'Table' }).click();
      const table = page.locator('.kg-table');
      expect(await table.locator('th').allTextContents()).toEqual(['employmentNumber', 'salaryPlacement']);
      const rows = await table.locator('tbody tr').count();
      expect(rows).toBeGreaterThan(0);
      expect(await table.locator('tbody td:nth-child(2)').allTextContents()).toEqual(Array(rows).fill(''));
      expect(await page.locator('.kg-error-note').textContent()).toBe(rows === 1 ? '1 error: see JSON' : `${rows} errors: see JSON`);
      expect(offOrigin).toEqual([]);
    } catch (error) {
      await page.screenshot({ path: FAILURE_SCREENSHOT }).catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  });
  it('an analyst asks a statistics question and reads the answer as a table, a CSV with the same figures and a chart with the withheld cells as gaps', async () => {
    const m = stack.municipality;
    const query =
      `query Agreements { workforceStatistics(from: "${m.today.slice(0, 4)}-01-01", to: "${m.today}") { ` +
      'byAgreement { key label headcount { value suppressed } fullTimeEquivalents { value suppressed } } } }';
    const analyst = await stack.token({ clientKind: 'analyst', scopes: ['statistics:read'] });
    // The same question over HTTP, as a script would ask it: what the views must show.
    const direct = await post(stack.url, query, undefined, { authorization: `Bearer ${analyst}` });
    expect(direct.body.errors).toBeUndefined();
    type Cell = { value: number | null; suppressed: string | null };
    const rows = direct.body.data.workforceStatistics.byAgreement as { key: string; label: string; headcount: Cell; fullTimeEquivalents: Cell }[];
    const shown = (cell: Cell) => (cell.value === null ? `suppressed: ${cell.suppressed}` : String(cell.value).replace('.', ','));
    const expected = rows.map((row) => [row.key, row.label, shown(row.headcount), shown(row.fullTimeEquivalents)]);
    const released = rows.filter((row) => row.headcount.value !== null);
    // The sample is small enough that some agreements are withheld and large enough that some are not.
    expect(released.length).toBeGreaterThan(0);
    expect(released.length).toBeLessThan(rows.length);

    const context = await browser.newContext({ viewport: { width: 1400, height: 800 }, acceptDownloads: true });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    try {
      await page.goto(stack.url, { waitUntil: 'load' });
      await page.getByLabel('Token').fill(analyst);
      await page.locator('.graphiql-explorer-root').getByText('workforceStatistics').first().waitFor({ timeout: 15_000 });
      const editor = page.locator('.graphiql-query-editor .monaco-editor');
      await editor.click();
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.press('Delete');
      await page.keyboard.insertText(query);
      await editor.locator('.view-lines').filter({ hasText: 'query Agreements' }).waitFor();
      await page.locator('.graphiql-execute-button').click();
      await page.waitForFunction(() => (document.querySelector('.result-window')?.textContent ?? '').includes('byAgreement'), undefined, { timeout: 15_000 });

      await page.getByRole('tab', { name: 'Table' }).click();
      const table = page.locator('.kg-table');
      const header = ['key', 'label', 'headcount.value', 'fullTimeEquivalents.value'];
      expect(await table.locator('th').allTextContents()).toEqual(header);
      const tableRows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
      expect(tableRows).toEqual(expected);
      await page.screenshot({ path: '/tmp/explorer-statistics-table.png' });

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
      expect(download.suggestedFilename()).toBe('Agreements-workforceStatistics.byAgreement.csv');
      const bytes = readFileSync(await download.path());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(bytes.subarray(3).toString('utf8')).toBe([header, ...expected].map((row) => `${row.join(';')}\r\n`).join(''));

      await page.getByRole('tab', { name: 'Chart' }).click();
      const chart = page.locator('.kg-chart');
      // A bar per released agreement, labelled by its name; every withheld one listed, none drawn as 0.
      await expect.poll(() => chart.getAttribute('data-bars')).toBe(String(released.length));
      expect(JSON.parse((await chart.getAttribute('data-labels'))!)).toEqual(rows.map((row) => row.label));
      expect(await page.locator('.kg-gaps li').allTextContents()).toEqual(
        rows.filter((row) => row.headcount.value === null).map((row) => `suppressed: ${row.label} – headcount.value (${row.headcount.suppressed})`),
      );
      await page.screenshot({ path: '/tmp/explorer-statistics-chart.png' });
    } catch (error) {
      await page.screenshot({ path: FAILURE_SCREENSHOT }).catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  });
});

if (!haveChromium && !process.env.CI) {
  console.warn(`[explorer.browser.test] skipping the browser test: ${CHROMIUM} not found (apt-get install chromium)`);
}
