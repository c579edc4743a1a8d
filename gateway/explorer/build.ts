// Builds the explorer bundle on demand: `npx tsx gateway/explorer/build.ts [--force]`.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { open, readdir, rm, stat, utimes } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { realpathSync } from 'node:fs';

const explorerDir = fileURLToPath(new URL('.', import.meta.url));
const distDir = join(explorerDir, 'dist');
const indexHtml = join(distDir, 'index.html');
const configFile = join(explorerDir, 'vite.config.ts');
const SOURCE_FILE = /\.(ts|tsx|html|css|svg)$/;
// An upgrade of any of these changes the bundle without touching our own sources; npm rewrites
// package.json on install, so its mtime tells when the package last changed.
const BUNDLED_PACKAGES = [
  'graphiql',
  '@graphiql/plugin-explorer',
  '@graphiql/toolkit',
  '@graphiql/react',
  'monaco-editor',
  'monaco-graphql',
  'react',
  'react-dom',
  'chart.js',
];
const LOCK_STALE_MS = 5 * 60_000;
const LOCK_WAIT_MS = 3 * 60_000;

export interface EnsureExplorerBuiltOptions {
  /** Rebuild even when dist/ looks current. */
  force?: boolean;
}

let inFlight: Promise<string> | undefined;

/**
 * Returns the directory holding the built explorer, building it first when dist/index.html is
 * missing or older than the explorer sources or the installed GraphiQL packages.
 */
export function ensureExplorerBuilt(opts: EnsureExplorerBuiltOptions = {}): Promise<string> {
  // Callers in one process share a build instead of racing on the same output directory.
  if (!inFlight) {
    inFlight = ensure(opts.force ?? false).finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  }
  return opts.force ? inFlight.then(() => ensureExplorerBuilt(opts)) : inFlight;
}

async function ensure(force: boolean): Promise<string> {
  if (!force && (await isFresh())) return distDir;
  // Test files run in parallel processes, and each may start a gateway.
  const release = await acquireLock();
  try {
    if (!force && (await isFresh())) return distDir;
    await runViteBuild();
    return distDir;
  } finally {
    await release();
  }
}

async function mtimeMs(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).mtimeMs;
  } catch {
    return undefined;
  }
}

async function newestSourceMtime(): Promise<number> {
  const require = createRequire(import.meta.url);
  // Sub-folders (results/) hold sources too; dist/ is the output, not a source.
  const files = (await readdir(explorerDir, { withFileTypes: true, recursive: true }))
    .filter((entry) => entry.isFile() && SOURCE_FILE.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((file) => !file.startsWith(distDir + sep));
  for (const name of BUNDLED_PACKAGES) {
    try {
      files.push(require.resolve(`${name}/package.json`));
    } catch {
      // Production installs omit devDependencies; a prebuilt dist/ is then all there is.
    }
  }
  const times = await Promise.all(files.map(mtimeMs));
  return Math.max(0, ...times.filter((t): t is number => t !== undefined));
}

async function isFresh(): Promise<boolean> {
  const built = await mtimeMs(indexHtml);
  return built !== undefined && built >= (await newestSourceMtime());
}

// Runs in a child process: vite.build() sets process.env.NODE_ENV to "production" when it is unset,
// which inside the gateway would silently change Apollo Server defaults such as introspection, and
// NODE_ENV=test (vitest) or development would otherwise leak React's development build into the bundle.
const BUILD_SCRIPT = `
const [viteEntry, configFile, root] = process.argv.slice(1);
const { build } = await import(viteEntry);
await build({ configFile, root, logLevel: 'warn', mode: 'production' });
`;
// Below LOCK_STALE_MS, so a hung build is gone before another process may take over its lock.
const BUILD_TIMEOUT_MS = 4 * 60_000;

async function runViteBuild(): Promise<void> {
  let viteEntry: string;
  try {
    viteEntry = pathToFileURL(createRequire(import.meta.url).resolve('vite')).href;
  } catch (error) {
    throw new Error(
      `The explorer is not built (${indexHtml} is missing or stale) and vite is not installed to build it. ` +
        'Run `npm run build:explorer` where devDependencies are installed and ship gateway/explorer/dist/.',
      { cause: error },
    );
  }
  try {
    await runNode(['--input-type=module', '-e', BUILD_SCRIPT, '--', viteEntry, configFile, explorerDir]);
  } catch (error) {
    // A half-written dist/ must not pass the freshness check next time.
    await rm(indexHtml, { force: true });
    throw error;
  }
  // Emit order inside the bundle is not guaranteed, so mark completion explicitly.
  const now = new Date();
  await utimes(indexHtml, now, now);
}

function runNode(args: string[]): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: explorerDir,
      env: { ...process.env, NODE_ENV: 'production' },
      // The gateway logs JSON on stdout; build chatter must not interleave with it.
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: BUILD_TIMEOUT_MS,
    });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString('utf8');
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) {
        if (output.trim()) process.stderr.write(`[explorer build] ${output.trim()}\n`);
        resolvePromise();
      } else {
        reject(new Error(`Explorer build failed (${signal ?? `exit code ${code}`}):\n${output.trim()}`));
      }
    });
  });
}

async function acquireLock(): Promise<() => Promise<void>> {
  const lockPath = join(tmpdir(), `kommunegraf-explorer-${createHash('sha256').update(distDir).digest('hex').slice(0, 16)}.lock`);
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.write(String(process.pid));
      await handle.close();
      return () => rm(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const lockedAt = await mtimeMs(lockPath);
    // A build that crashed hard leaves its lock behind.
    if (lockedAt !== undefined && Date.now() - lockedAt > LOCK_STALE_MS) {
      await rm(lockPath, { force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for another explorer build (lock ${lockPath})`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function isMain(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(resolve(entry)) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  const started = Date.now();
  const force = process.argv.includes('--force');
  ensureExplorerBuilt({ force }).then(
    (dir) => console.log(`Explorer ready in ${dir} (${((Date.now() - started) / 1000).toFixed(1)} s)`),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
