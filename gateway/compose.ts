// Build-time composition: each subgraph's SDL as its code generates it, and the Federation 2
// supergraph composed from them. `npm run compose` writes them to schema/; a test fails on drift.
import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { parse, printSchema } from 'graphql';
import { SUBGRAPH_SCHEMAS, SUBGRAPHS, type SubgraphName } from '../subgraphs/index.js';

export const SCHEMA_DIR = new URL('../schema/', import.meta.url);

export interface Composed {
  subgraphs: Record<SubgraphName, string>;
  supergraph: string;
  /** The schema clients see (no federation directives): what codegen and the explorer use. */
  api: string;
}

/** URLs in the supergraph are placeholders: the gateway always overrides them from its config. */
export const placeholderUrl = (name: SubgraphName) => `http://${name}.subgraph.invalid/graphql`;

export async function generateSubgraphSdl(): Promise<Record<SubgraphName, string>> {
  const out = {} as Record<SubgraphName, string>;
  for (const name of SUBGRAPHS) out[name] = printSubgraphSchema(await SUBGRAPH_SCHEMAS[name]()).trimEnd() + '\n';
  return out;
}

export function composeSupergraph(sdl: Record<SubgraphName, string>): { supergraph: string; api: string } {
  const result = composeServices(SUBGRAPHS.map((name) => ({ name, url: placeholderUrl(name), typeDefs: parse(sdl[name]) })));
  if (result.errors?.length || !result.supergraphSdl) {
    throw new Error(`Composition failed:\n${(result.errors ?? []).map((e) => `- ${e.message}`).join('\n')}`);
  }
  return {
    supergraph: result.supergraphSdl.trimEnd() + '\n',
    api: printSchema(result.schema.toAPISchema().toGraphQLJSSchema()).trimEnd() + '\n',
  };
}

export async function compose(): Promise<Composed> {
  const subgraphs = await generateSubgraphSdl();
  return { subgraphs, ...composeSupergraph(subgraphs) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { writeFile } = await import('node:fs/promises');
  try {
    const composed = await compose();
    for (const name of SUBGRAPHS) await writeFile(new URL(`${name}.graphql`, SCHEMA_DIR), composed.subgraphs[name]);
    await writeFile(new URL('supergraph.graphql', SCHEMA_DIR), composed.supergraph);
    await writeFile(new URL('api.graphql', SCHEMA_DIR), composed.api);
    console.log(`Wrote schema/{${SUBGRAPHS.join(',')}}.graphql, schema/supergraph.graphql and schema/api.graphql`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
