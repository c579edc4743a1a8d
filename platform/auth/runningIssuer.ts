// Where the running stack's development issuer listens, for `npm run token`: `npm start` writes
// var/dev-issuer/running.json once its gateway is ready and removes it when it stops, so a token is
// minted for the issuer the stack really runs, whatever DEV_ISSUER_PORT says in another shell.
import { readFile, rename, rm, writeFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const RUNNING_ISSUER_FILE = new URL('../../var/dev-issuer/running.json', import.meta.url);

export interface RunningIssuer {
  /** The development issuer's URL, the `iss` the stack's gateway accepts. */
  issuer: string;
  gateway: string;
  pid: number;
}

const pathOf = (file: URL | string) => (file instanceof URL ? fileURLToPath(file) : file);

export async function writeRunningIssuer(file: URL | string, entry: RunningIssuer): Promise<void> {
  const path = pathOf(file);
  await mkdir(dirname(path), { recursive: true });
  // Renamed into place, so a reader never sees half a file.
  await writeFile(`${path}.${process.pid}.tmp`, JSON.stringify(entry));
  await rename(`${path}.${process.pid}.tmp`, path);
}

/** Removes the file if it still names `entry` (another stack may have started since and written its own). */
export async function removeRunningIssuer(file: URL | string, entry: RunningIssuer): Promise<void> {
  const current = await readEntry(file);
  if (current?.pid === entry.pid && current.issuer === entry.issuer) await rm(file, { force: true });
}

async function readEntry(file: URL | string): Promise<RunningIssuer | undefined> {
  try {
    const entry = JSON.parse(await readFile(file, 'utf8')) as Partial<RunningIssuer>;
    if (typeof entry.issuer !== 'string' || typeof entry.gateway !== 'string' || !Number.isInteger(entry.pid)) return undefined;
    return entry as RunningIssuer;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The running stack's issuer; undefined without the file, or when the process that wrote it is gone (a crash leaves it behind). */
export async function readRunningIssuer(file: URL | string = RUNNING_ISSUER_FILE): Promise<RunningIssuer | undefined> {
  const entry = await readEntry(file);
  return entry && alive(entry.pid) ? entry : undefined;
}
