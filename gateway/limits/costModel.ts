// The cost model the subgraphs declare (subgraphs/shared/demandControl.ts), read from the supergraph
// the gateway serves: `@cost` weights and `@listSize` by schema coordinate. The directives' names are
// the ones the supergraph's link to the cost spec gives them (`@cost`, `@listSize`, or renamed).
import { Kind, parse, valueFromASTUntyped, type DirectiveNode, type DocumentNode } from 'graphql';

const COST_SPEC = 'https://specs.apollo.dev/cost/';

export interface ListSize {
  assumedSize?: number;
  slicingArguments?: string[];
  sizedFields?: string[];
}

export interface CostModel {
  /** `@cost(weight:)` by coordinate: `Type`, `Type.field`, `Type.field(arg:)`, `Input.field`. */
  weights: Map<string, number>;
  /** `@listSize` by `Type.field`. */
  listSizes: Map<string, ListSize>;
}

/** The names the document gives the cost spec's directives (none when it does not link the spec). */
function costDirectiveNames(document: DocumentNode): { cost: string; listSize: string } | undefined {
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.SCHEMA_DEFINITION && definition.kind !== Kind.SCHEMA_EXTENSION) continue;
    for (const link of definition.directives ?? []) {
      const args = Object.fromEntries((link.arguments ?? []).map((a) => [a.name.value, valueFromASTUntyped(a.value)]));
      if (link.name.value !== 'link' || typeof args.url !== 'string' || !args.url.startsWith(COST_SPEC)) continue;
      const prefix = (args.as as string | undefined) ?? 'cost';
      const imported = new Map<string, string>();
      for (const entry of (args.import as Array<string | { name: string; as?: string }> | undefined) ?? []) {
        const { name, as } = typeof entry === 'string' ? { name: entry, as: entry } : { name: entry.name, as: entry.as ?? entry.name };
        imported.set(name.replace(/^@/, ''), as.replace(/^@/, ''));
      }
      return { cost: imported.get('cost') ?? prefix, listSize: imported.get('listSize') ?? `${prefix}__listSize` };
    }
  }
  return undefined;
}

const argumentsOf = (directive: DirectiveNode) => Object.fromEntries((directive.arguments ?? []).map((a) => [a.name.value, valueFromASTUntyped(a.value)]));

export function costModelFrom(supergraphSdl: string): CostModel {
  const document = parse(supergraphSdl);
  const model: CostModel = { weights: new Map(), listSizes: new Map() };
  const names = costDirectiveNames(document);
  if (!names) return model;
  const read = (coordinate: string, directives: readonly DirectiveNode[] | undefined) => {
    for (const directive of directives ?? []) {
      if (directive.name.value === names.cost) model.weights.set(coordinate, Number(argumentsOf(directive).weight));
      if (directive.name.value === names.listSize) model.listSizes.set(coordinate, argumentsOf(directive) as ListSize);
    }
  };
  for (const definition of document.definitions) {
    if (!('name' in definition) || !definition.name || definition.kind === Kind.DIRECTIVE_DEFINITION) continue;
    const type = definition.name.value;
    if ('directives' in definition) read(type, definition.directives);
    if (!('fields' in definition)) continue;
    for (const field of definition.fields ?? []) {
      read(`${type}.${field.name.value}`, field.directives);
      if ('arguments' in field) for (const arg of field.arguments ?? []) read(`${type}.${field.name.value}(${arg.name.value}:)`, arg.directives);
    }
  }
  return model;
}
