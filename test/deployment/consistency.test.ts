// The deployment files agree with the code and the README: every variable compose.yaml and the
// Dockerfile set is documented in the README, every process the README's "Deployment" section lists
// runs in compose.yaml and is a command of the image's entry point (deploy/processes.ts), every
// command's module exists, and what the image runs reaches only packages of package.json's
// `dependencies` (the image installs no devDependencies) and no file .dockerignore leaves out.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROCESSES } from '../../deploy/processes.js';
import { composeServices, composeVariables, dockerfileVariables, documentedNames, reachablePackages, read, readmeProcesses, ROOT } from './deploymentFiles.js';

const readme = read('README.md');
const compose = read('compose.yaml');
const dockerfile = read('Dockerfile');
const services = composeServices(compose);
const dependencies = Object.keys((JSON.parse(read('package.json')) as { dependencies: Record<string, string> }).dependencies);

const undocumented = (names: Iterable<string>, text: string) => [...names].filter((n) => !documentedNames(text).has(n)).sort();

/** Services of compose.yaml that run our image, by the process their command names. */
const ourServices = Object.entries(services).filter(([, s]) => s.build !== undefined);
const commandOf = (name: string) => services[name]?.command?.[0];

describe('deployment files', () => {
  it('reads the variables compose.yaml and the Dockerfile set', () => {
    const fromCompose = composeVariables(compose);
    // One of each kind: a container's environment, the operator's .env, the Dockerfile's ENV.
    expect(fromCompose).toContain('GATEWAY_SIGNING_KEY');
    expect(fromCompose).toContain('POSTGRES_PASSWORD');
    expect(dockerfileVariables(dockerfile)).toEqual(new Set(['NODE_ENV', 'HOST']));
  });

  it('documents every variable compose.yaml and the Dockerfile set in the README', () => {
    expect(undocumented([...composeVariables(compose), ...dockerfileVariables(dockerfile)], readme)).toEqual([]);
  });

  it('notices a variable the README no longer documents', () => {
    const without = readme.replaceAll('`PERSON_ID_KEY`', 'the person id key');
    expect(undocumented(composeVariables(compose), without)).toEqual(['PERSON_ID_KEY']);
  });

  it('starts each of our services with the Node options its process needs (deploy/processes.ts), and no other', () => {
    expect(PROCESSES.organisation.nodeOptions).toEqual(['--max-semi-space-size=16']);
    expect(PROCESSES.gateway.nodeOptions).toEqual(['--max-semi-space-size=64']);
    for (const [name, service] of ourServices) {
      const command = commandOf(name)!;
      const given = ((service.environment ?? {}) as Record<string, string>).NODE_OPTIONS;
      expect(given, `compose service ${name}`).toBe(PROCESSES[command]?.nodeOptions?.join(' '));
    }
  });

  it('runs every process the README lists, in compose.yaml and as a command of the entry point', () => {
    const listed = readmeProcesses(readme);
    expect(listed).toContain('gateway');
    for (const name of listed) {
      expect(PROCESSES, `README lists "${name}", deploy/processes.ts has no such command`).toHaveProperty(name);
      expect(commandOf(name), `README lists "${name}", compose.yaml has no service running it`).toBe(name);
    }
    // And the list is whole: every process but the tools (run beside another) is in it.
    const processes = Object.entries(PROCESSES).filter(([, spec]) => spec.kind !== 'tool').map(([name]) => name);
    expect(listed.sort()).toEqual(processes.sort());
  });

  it('gives every service of our image a command of the entry point, and a server the port its process listens on', () => {
    for (const [name, service] of ourServices) {
      const command = service.command?.[0] ?? '';
      expect(PROCESSES, `compose service ${name} runs "${command}"`).toHaveProperty(command);
      const spec = PROCESSES[command];
      // The gateway finds each subgraph at the port the subgraph's process listens on by default.
      if (spec.http && name !== 'sample' && name !== 'gateway') {
        const url = (services.gateway.environment as Record<string, string>)[`${name.toUpperCase()}_URL`];
        expect(url).toBe(`http://${name}:${spec.http.defaultPort}/graphql`);
      }
    }
  });

  it('starts every service of our image but the stand-ins after the migrations, and depends only on services that exist', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const target of Object.keys(service.depends_on ?? {})) expect(services, `${name} depends on ${target}`).toHaveProperty(target);
    }
    // The gateway waits for the subgraphs, which wait for the migrations.
    for (const [name, service] of ourServices.filter(([name]) => !['migrate', 'sample', 'gateway'].includes(name))) {
      expect(service.depends_on?.migrate?.condition, name).toBe('service_completed_successfully');
    }
  });

  it('finds every module of every command', () => {
    const missing = Object.values(PROCESSES).flatMap((spec) => spec.modules).filter((m) => !existsSync(join(ROOT, m)));
    expect(missing).toEqual([]);
  });

  it('reaches from what the image runs only packages of `dependencies`, and no file .dockerignore leaves out', () => {
    const entries = ['deploy/run.ts', 'deploy/healthcheck.mjs', ...Object.values(PROCESSES).flatMap((spec) => spec.modules)];
    const { files, packages } = reachablePackages(entries);
    // It walked the graph: the gateway's server and a subgraph's schema are reached, and their packages.
    expect(files).toContain('gateway/server.ts');
    expect(files).toContain('subgraphs/payroll/schema.ts');
    expect([...packages.keys()]).toContain('@apollo/gateway');
    const outside = [...packages].filter(([name]) => !dependencies.includes(name)).map(([name, from]) => `${name} (imported by ${from})`);
    expect(outside).toEqual([]);
    const ignored = read('.dockerignore')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#') && !line.includes('*'));
    const left = [...files].filter((file) => ignored.some((entry) => file === entry || file.startsWith(`${entry}/`)));
    expect(left).toEqual([]);
  });

  it('notices a package outside `dependencies`', () => {
    // The explorer's build script imports vite, a devDependency: a production entry must not reach it.
    const { packages } = reachablePackages(['gateway/explorer/vite.config.ts']);
    expect([...packages.keys()].filter((p) => !dependencies.includes(p))).toContain('vite');
  });
});
