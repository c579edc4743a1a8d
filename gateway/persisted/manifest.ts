// The registered operations, in the Apollo persisted-query manifest format that Apollo Router, Hive
// and Cosmo read as well. `npm run codegen` builds it from schema/operations/*.graphql; ids are the
// sha256 hashes graphql-codegen puts into the typed documents, so a client sends exactly that id.
import { readFile } from 'node:fs/promises';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';

export interface ManifestOperation {
  /** sha256 of `body`, hex. */
  id: string;
  name: string;
  type: 'query' | 'mutation' | 'subscription';
  body: string;
}

export interface PersistedQueryManifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: ManifestOperation[];
}

export const MANIFEST_FILE = new URL('../../schema/persisted-query-manifest.json', import.meta.url);

/** From graphql-codegen's persisted-documents.json (`{ "sha256:<hex>": "<body>" }`). */
export function manifestFromPersistedDocuments(documents: Record<string, string>): PersistedQueryManifest {
  const operations = Object.entries(documents).map(([hash, body]): ManifestOperation => {
    const [algorithm, id] = hash.includes(':') ? hash.split(':') : ['sha256', hash];
    if (algorithm !== 'sha256' || !/^[0-9a-f]{64}$/.test(id)) throw new Error(`Not a sha256 document hash: ${hash}`);
    const ops = parse(body).definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    if (ops.length !== 1 || !ops[0].name) throw new Error(`A registered document must hold exactly one named operation: ${body.slice(0, 80)}`);
    return { id, name: ops[0].name.value, type: ops[0].operation, body };
  });
  operations.sort((a, b) => a.name.localeCompare(b.name));
  const names = operations.map((o) => o.name);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate) throw new Error(`Two registered operations are named ${duplicate}`);
  return { format: 'apollo-persisted-query-manifest', version: 1, operations };
}

export async function loadManifest(file: URL | string = MANIFEST_FILE): Promise<PersistedQueryManifest> {
  const manifest = JSON.parse(await readFile(file, 'utf8')) as PersistedQueryManifest;
  if (manifest.format !== 'apollo-persisted-query-manifest' || manifest.version !== 1 || !Array.isArray(manifest.operations)) {
    throw new Error(`${String(file)} is not an Apollo persisted-query manifest (format apollo-persisted-query-manifest, version 1)`);
  }
  return manifest;
}
