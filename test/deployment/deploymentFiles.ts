// Readers for the deployment files the consistency test judges: the variables compose.yaml and the
// Dockerfile set, the names the README documents, and the packages a production entry point reaches.
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { parse } from 'yaml';

export const ROOT = resolve(import.meta.dirname, '../..');
export const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

export interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[];
  profiles?: string[];
  environment?: Record<string, string | null> | string[];
  depends_on?: Record<string, { condition?: string; required?: boolean }>;
}

/** compose.yaml with its `<<:` merges applied. */
export function composeServices(text: string): Record<string, ComposeService> {
  return (parse(text, { merge: true }) as { services: Record<string, ComposeService> }).services;
}

/** Every variable compose.yaml sets in a container (`environment:`) or reads from the operator's `.env` (`${NAME}`). */
export function composeVariables(text: string): Set<string> {
  const names = new Set<string>();
  for (const service of Object.values(composeServices(text))) {
    const env = service.environment ?? {};
    for (const entry of Array.isArray(env) ? env.map((e) => e.split('=')[0]) : Object.keys(env)) names.add(entry);
  }
  for (const m of text.matchAll(/\$\{([A-Z][A-Z0-9_]*)/g)) names.add(m[1]);
  return names;
}

/** Variables the Dockerfile's ENV instructions set (`ENV A=1 \ B=2` and `ENV A 1`). */
export function dockerfileVariables(text: string): Set<string> {
  const names = new Set<string>();
  const joined = text.replace(/\\\n/g, ' ');
  for (const line of joined.split('\n')) {
    const m = /^\s*ENV\s+(.*)$/i.exec(line);
    if (!m) continue;
    const pairs = [...m[1].matchAll(/([A-Za-z_][A-Za-z0-9_]*)=/g)].map((p) => p[1]);
    for (const name of pairs.length > 0 ? pairs : [m[1].trim().split(/\s+/)[0]]) names.add(name);
  }
  return names;
}

/** Names the README writes as code: `NAME` or `NAME=value`. */
export function documentedNames(readme: string): Set<string> {
  return new Set([...readme.matchAll(/`([A-Z][A-Z0-9_]+)(?:=[^`]*)?`/g)].map((m) => m[1]));
}

/** The processes the README's "Deployment" section lists: the first cell of each row of its table, as code. */
export function readmeProcesses(readme: string): string[] {
  const start = readme.indexOf('\n## Deployment\n');
  if (start < 0) return [];
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/^\| `([a-z][a-z-]*)` \|/gm)].map((m) => m[1]);
}

/** What a module imports at run time: relative paths resolved from the root, packages by name. Type-only imports are left out. */
export function runtimeImports(file: string): { files: string[]; packages: string[] } {
  const source = ts.createSourceFile(file, read(file), ts.ScriptTarget.Latest, false, file.endsWith('.mjs') ? ts.ScriptKind.JS : file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const specifiers: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named = clause?.namedBindings;
      const onlyTypes = clause && (clause.isTypeOnly || (!clause.name && named && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly)));
      if (!onlyTypes) specifiers.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier) && !node.isTypeOnly) {
      specifiers.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      specifiers.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  const files: string[] = [];
  const packages: string[] = [];
  for (const spec of specifiers) {
    if (spec.startsWith('.')) {
      const target = relative(ROOT, resolve(ROOT, dirname(file), spec));
      const candidates = [target.replace(/\.js$/, '.ts'), target.replace(/\.js$/, '.tsx'), target];
      files.push(candidates.find((c) => existsSync(join(ROOT, c))) ?? target);
    } else if (!spec.startsWith('node:') && !builtinModules.includes(spec)) {
      packages.push(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
    }
  }
  return { files, packages };
}

/** Every package reachable from `entries` through run-time imports, with one importing file each. */
export function reachablePackages(entries: string[]): { files: Set<string>; packages: Map<string, string> } {
  const files = new Set<string>();
  const packages = new Map<string, string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    if (!/\.(ts|tsx|mjs)$/.test(file) || !existsSync(join(ROOT, file))) continue;
    const found = runtimeImports(file);
    for (const p of found.packages) if (!packages.has(p)) packages.set(p, file);
    queue.push(...found.files);
  }
  return { files, packages };
}
