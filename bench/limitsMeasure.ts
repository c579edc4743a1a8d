// Microbenchmark of the gateway's limits: how long it takes to measure one parsed operation against
// the limits (depth, aliases, root fields, page sizes, cost) before anything is fetched, for every
// registered operation and the benchmark's subtree query, on the schema the gateway serves.
//
//   npx tsx bench/limitsMeasure.ts [--rounds 15] [--iterations 2000]
//
// Reported: µs per operation, the median of the rounds (each round the mean of --iterations
// measurements of every operation in turn), per operation and for all of them together.
import { readFileSync, readdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  parse,
  typeFromAST,
  TypeInfo,
  ValidationContext,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLInputType,
  type OperationDefinitionNode,
} from 'graphql';
import { limitsFromEnv } from '../gateway/limits/config.js';
import { estimateCost } from '../gateway/limits/cost.js';
import { costModelFrom } from '../gateway/limits/costModel.js';
import { depthAndAliasRules } from '../platform/operationLimits.js';
import { operationVariables } from '../gateway/limits/variables.js';
import { SUBTREE_STAFF } from './queries.js';
import { median, round } from './stats.js';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: { rounds: { type: 'string', default: '15' }, iterations: { type: 'string', default: '2000' } },
});
const rounds = Number(values.rounds);
const iterations = Number(values.iterations);

const schema = buildSchema(readFileSync(new URL('../schema/api.graphql', import.meta.url), 'utf8'));
const limits = limitsFromEnv({});
const costModel = costModelFrom(readFileSync(new URL('../schema/supergraph.graphql', import.meta.url), 'utf8'));
const rules = depthAndAliasRules(limits);
const operationsDir = new URL('../schema/operations/', import.meta.url);
const documents: Array<[string, DocumentNode]> = [
  ...readdirSync(operationsDir)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f): [string, DocumentNode] => [f.replace(/\.graphql$/, ''), parse(readFileSync(new URL(f, operationsDir), 'utf8'))]),
  ['SubtreeStaff (bench)', parse(SUBTREE_STAFF)],
];

const SCALARS: Record<string, unknown> = { ID: '1', String: 'x', Int: 10, Float: 1.5, Boolean: true, Date: '2026-01-01', DateTime: '2026-01-01T00:00:00Z' };

/** A value of the type, as a client would send: every required input field, lists of 10 items. */
function sampleValue(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sampleValue(type.ofType);
  if (isListType(type)) return Array.from({ length: 10 }, () => sampleValue(type.ofType));
  if (isEnumType(type)) return type.getValues()[0].value;
  if (isInputObjectType(type)) {
    return Object.fromEntries(Object.values(type.getFields()).filter((f) => isNonNullType(f.type)).map((f) => [f.name, sampleValue(f.type)]));
  }
  return SCALARS[type.name];
}

/** Every required variable of the operation, as a client would send it. */
function sampleVariables(operation: OperationDefinitionNode): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const v of operation.variableDefinitions ?? []) {
    if (v.type.kind === Kind.NON_NULL_TYPE && !v.defaultValue) variables[v.variable.name.value] = sampleValue(typeFromAST(schema, v.type) as GraphQLInputType);
  }
  return variables;
}

const operationOf = (document: DocumentNode) => document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
const inputs = new Map(documents.map(([, document]) => [document, sampleVariables(operationOf(document))]));

/**
 * What the limits do with one parsed, validated operation and the variables sent with it: graphql-armor's
 * depth and alias rules on the operation (their share of validation), then the limits plugin's walk.
 */
function measureOnce(document: DocumentNode): number {
  const operation = operationOf(document);
  const context = new ValidationContext(schema, document, new TypeInfo(schema), (error) => {
    throw error;
  });
  for (const rule of rules) {
    // As graphql-js's visit calls it: with the visitor as `this`.
    const visitor = rule(context) as { OperationDefinition: { enter: (node: OperationDefinitionNode) => void } };
    visitor.OperationDefinition.enter.call(visitor, operation);
  }
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  const variables = operationVariables(schema, operation, inputs.get(document));
  return estimateCost(schema, costModel, operation, fragments, variables, limits.defaultListSize).cost;
}

function time(document: DocumentNode, count: number): number {
  let sink = 0;
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i++) sink += measureOnce(document);
  const ns = Number(process.hrtime.bigint() - started);
  if (sink < 0) throw new Error('negative cost');
  return ns / 1000 / count;
}

const samples = new Map<string, number[]>(documents.map(([name]) => [name, []]));
for (const [, document] of documents) time(document, iterations); // warm-up
for (let r = 0; r < rounds; r++) for (const [name, document] of documents) samples.get(name)!.push(time(document, iterations));

const rows = documents.map(([name, document]) => ({ operation: name, cost: measureOnce(document), 'µs': round(median(samples.get(name)!), 2) }));
console.table(rows);
console.log(`all ${documents.length} operations: ${round(rows.reduce((sum, r) => sum + r['µs'], 0), 1)} µs (node ${process.version}, ${rounds} rounds × ${iterations})`);
