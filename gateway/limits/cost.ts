// An operation's estimated cost by the demand-control rules as Apollo Router's static estimation
// applies them, on the cost model of the supergraph (costModel.ts), before anything is fetched:
// - a field returning an object costs 1, a scalar or enum 0, unless `@cost` (the field's, else its
//   type's) says otherwise; `__typename` and introspection cost nothing;
// - a list field multiplies its own cost and its selection's by its size: the largest slicing argument
//   given (`first`), else `assumedSize`, else the default list size; a connection's sized field
//   (`nodes`) takes the size its parent asked for;
// - an argument costs by its value: an input object 1 (or its `@cost`) plus its fields, a list the sum
//   of its items, a scalar its `@cost` or 0;
// - a mutation adds 10; a field skipped by `@skip`/`@include` costs nothing.
// The same walk counts root fields and finds the largest slicing argument, for their own limits.
import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  OperationTypeNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import type { CostModel, ListSize } from './costModel.js';

export interface CostMeasurement {
  cost: number;
  rootFields: number;
  /** The largest slicing argument (`first`) given anywhere, 0 for none. */
  largestPage: number;
  introspection: boolean;
}

const MUTATION_COST = 10;

export function estimateCost(
  schema: GraphQLSchema,
  model: CostModel,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  /** The operation's coerced variable values, declared defaults applied (variables.ts). */
  variables: Record<string, unknown>,
  /** The size of a list field without `@listSize`. */
  defaultListSize: number,
): CostMeasurement {
  return walkCost(schema, model, operation, fragments, (name) => variables[name], defaultListSize).m;
}

function walkCost(
  schema: GraphQLSchema,
  model: CostModel,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variable: (name: string) => unknown,
  defaultListSize: number,
): CostWalk {
  const walk = new CostWalk(schema, model, fragments, variable, defaultListSize);
  const root = schema.getRootType(operation.operation) ?? undefined;
  walk.m.cost = (operation.operation === OperationTypeNode.MUTATION ? MUTATION_COST : 0) + walk.selectionCost(operation.selectionSet, root, undefined, true);
  return walk;
}

/**
 * What the walk made of a variable's value. A string counts only as present (no rule here reads a
 * string's content: not a slicing argument, not an @skip/@include condition, and a scalar argument
 * costs its weight whatever it says), so one entry serves every employment number or unit id; a
 * number, a boolean, a list or an input object counts by its value.
 */
function fingerprint(value: unknown): string {
  if (value === null || value === undefined) return 'n';
  return typeof value === 'string' ? 's' : JSON.stringify(value);
}

interface KnownCost {
  schema: GraphQLSchema;
  model: CostModel;
  defaultListSize: number;
  /** The variables the walk read, with the fingerprint of the value it read. */
  read: Array<[name: string, fingerprint: string]>;
  m: CostMeasurement;
}

/** Measurements per operation (one per parsed document Apollo Server keeps), at most this many each. */
const MEASUREMENTS_PER_OPERATION = 16;
const known = new WeakMap<OperationDefinitionNode, KnownCost[]>();

/**
 * As estimateCost, remembered per operation: the measurement depends only on the operation and on the
 * variables the walk reads, so an operation asked again with values that measure alike (another
 * employment number, the same page size) is not walked again, and its variables are not coerced
 * (`variables` is called only when the measurement reads one). The result is estimateCost's.
 */
export function estimateCostOnce(
  schema: GraphQLSchema,
  model: CostModel,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: () => Record<string, unknown>,
  defaultListSize: number,
): CostMeasurement {
  let coerced: Record<string, unknown> | undefined;
  const value = (name: string) => (coerced ??= variables())[name];
  const entries = known.get(operation);
  for (const e of entries ?? []) {
    if (e.schema === schema && e.model === model && e.defaultListSize === defaultListSize && e.read.every(([name, f]) => fingerprint(value(name)) === f)) return { ...e.m };
  }
  const read = new Map<string, string>();
  const walk = walkCost(
    schema,
    model,
    operation,
    fragments,
    (name) => {
      const v = value(name);
      read.set(name, fingerprint(v));
      return v;
    },
    defaultListSize,
  );
  const entry: KnownCost = { schema, model, defaultListSize, read: [...read], m: { ...walk.m } };
  if (!entries) known.set(operation, [entry]);
  else if (entries.length < MEASUREMENTS_PER_OPERATION) entries.push(entry);
  return walk.m;
}

interface FieldModel {
  model: CostModel;
  type: GraphQLNamedType;
  isList: boolean;
  listSize: ListSize | undefined;
  /** Its `@cost`, else its type's, else 1 for an object and 0 for a scalar or enum. */
  weight: number;
}

const fieldModels = new WeakMap<GraphQLField<unknown, unknown>, FieldModel>();

/** The parent's `@listSize` sized fields and the size they take. */
interface Sized {
  fields: string[];
  size: number;
}

// A class rather than closures: one walk per request, and no functions made for it.
class CostWalk {
  readonly m: CostMeasurement = { cost: 0, rootFields: 0, largestPage: 0, introspection: false };

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly model: CostModel,
    private readonly fragments: Record<string, FragmentDefinitionNode>,
    private readonly variable: (name: string) => unknown,
    private readonly defaultListSize: number,
  ) {}

  selectionCost(set: SelectionSetNode, type: GraphQLNamedType | undefined, sized: Sized | undefined, root: boolean): number {
    let cost = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = this.fragments[sel.name.value];
        if (fragment) cost += this.selectionCost(fragment.selectionSet, this.schema.getType(fragment.typeCondition.name.value) ?? undefined, sized, root);
        continue;
      }
      if (sel.kind === Kind.INLINE_FRAGMENT) {
        cost += this.selectionCost(sel.selectionSet, sel.typeCondition ? (this.schema.getType(sel.typeCondition.name.value) ?? undefined) : type, sized, root);
        continue;
      }
      if (root) this.m.rootFields++;
      const name = sel.name.value;
      if (name === '__schema' || name === '__type') this.m.introspection = true;
      if (name.startsWith('__') || this.skipped(sel) || !(isObjectType(type) || isInterfaceType(type))) continue;
      const field = type.getFields()[name];
      if (field) cost += this.fieldCost(sel, type, field, sized?.fields.includes(name) ? sized.size : undefined);
    }
    return cost;
  }

  private fieldCost(node: FieldNode, parent: GraphQLNamedType, field: GraphQLField<unknown, unknown>, sizeFromParent: number | undefined): number {
    const f = this.fieldModel(parent, field);
    const expected = f.listSize ? this.expectedSize(node, field, f.listSize) : undefined;
    const count = !f.isList ? 1 : (sizeFromParent ?? expected ?? this.defaultListSize);
    const sized = f.listSize?.sizedFields?.length && expected !== undefined ? { fields: f.listSize.sizedFields, size: expected } : undefined;
    const children = node.selectionSet ? this.selectionCost(node.selectionSet, f.type, sized, false) : 0;
    let args = 0;
    for (const arg of node.arguments ?? []) {
      const definition = field.args.find((a) => a.name === arg.name.value);
      if (definition) args += this.argumentCost(arg.value, definition.type, this.model.weights.get(`${parent.name}.${field.name}(${definition.name}:)`));
    }
    return count * (f.weight + children) + args;
  }

  /** What the model says of a field, looked up once per field of the schema. */
  private fieldModel(parent: GraphQLNamedType, field: GraphQLField<unknown, unknown>): FieldModel {
    let f = fieldModels.get(field);
    if (f?.model === this.model) return f;
    const coordinate = `${parent.name}.${field.name}`;
    const type = getNamedType(field.type);
    f = {
      model: this.model,
      type,
      isList: isListType(getNullableType(field.type)),
      listSize: this.model.listSizes.get(coordinate),
      weight: this.model.weights.get(coordinate) ?? this.model.weights.get(type.name) ?? (isCompositeType(type) ? 1 : 0),
    };
    fieldModels.set(field, f);
    return f;
  }

  private skipped(node: FieldNode): boolean {
    for (const directive of node.directives ?? []) {
      const name = directive.name.value;
      if (name !== 'skip' && name !== 'include') continue;
      const arg = directive.arguments?.find((a) => a.name.value === 'if')?.value;
      const value = arg?.kind === Kind.BOOLEAN ? arg.value : arg?.kind === Kind.VARIABLE ? this.variable(arg.name.value) : undefined;
      if (value === (name === 'skip')) return true;
    }
    return false;
  }

  /** The size a `@listSize` field gives its list: the largest slicing argument, else assumedSize. */
  private expectedSize(node: FieldNode, field: GraphQLField<unknown, unknown>, listSize: ListSize): number | undefined {
    let size: number | undefined;
    for (const name of listSize.slicingArguments ?? []) {
      const value = this.intArgument(node, field, name);
      if (value !== undefined) size = Math.max(size ?? value, value);
    }
    if (size !== undefined) this.m.largestPage = Math.max(this.m.largestPage, size);
    return size ?? listSize.assumedSize ?? undefined;
  }

  /** The argument's value (literal, variable, else the field's default) when it is a number. */
  private intArgument(node: FieldNode, field: GraphQLField<unknown, unknown>, name: string): number | undefined {
    const value = node.arguments?.find((a) => a.name.value === name)?.value;
    if (value?.kind === Kind.INT) return Number(value.value);
    if (value?.kind === Kind.VARIABLE) {
      const v = this.variable(value.name.value);
      if (typeof v === 'number') return v;
    }
    const fallback = field.args.find((a) => a.name === name)?.defaultValue;
    return typeof fallback === 'number' ? fallback : undefined;
  }

  private argumentCost(node: ValueNode, type: GraphQLInputType, weight: number | undefined): number {
    switch (node.kind) {
      case Kind.NULL:
        return 0;
      case Kind.VARIABLE:
        // Scalars (and lists of them) without a weight cost nothing whatever they hold: not read.
        if (weight === undefined && !isInputObjectType(getNamedType(type))) return 0;
        return this.valueCost(this.variable(node.name.value), type, weight);
      case Kind.LIST:
        return node.values.reduce((sum, item) => sum + this.argumentCost(item, type, weight), weight ?? 0);
      case Kind.OBJECT: {
        const named = getNamedType(type);
        if (!isInputObjectType(named)) return weight ?? 0;
        const fields = named.getFields();
        let cost = weight ?? 1;
        for (const f of node.fields) {
          const inner = fields[f.name.value];
          if (inner) cost += this.argumentCost(f.value, inner.type, this.model.weights.get(`${named.name}.${inner.name}`));
        }
        return cost;
      }
      default:
        return weight ?? 0;
    }
  }

  /** As argumentCost, for a variable's value. */
  private valueCost(value: unknown, type: GraphQLInputType, weight: number | undefined): number {
    if (value === null || value === undefined) return 0;
    if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + this.valueCost(item, type, weight), weight ?? 0);
    const named = getNamedType(type);
    if (!isInputObjectType(named) || typeof value !== 'object') return weight ?? 0;
    const fields = named.getFields();
    let cost = weight ?? 1;
    for (const [name, inner] of Object.entries(value)) {
      if (fields[name]) cost += this.valueCost(inner, fields[name].type, this.model.weights.get(`${named.name}.${name}`));
    }
    return cost;
  }
}
