// The last step of a federated request: the subgraphs' answers, merged into one tree, become the
// response the client asked for (its aliases and field order, @skip/@include, fragments by the
// objects' __typename, non-null rules, leaf values checked against their types). The operation is
// compiled against the API schema once, when its plan is made, so a request walks plain arrays; a
// generic walker looked every field's definition and type up again per object of every request
// (docs/benchmarks.md, "The gateway's own plan execution").
import {
  GraphQLError,
  isAbstractType,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { readOwn, writeOwn } from '../../platform/ownProperties.js';

/** `@skip(if:)` / `@include(if:)`: a literal, or the name of a variable. */
type Flag = boolean | { variable: string };

interface Conditions {
  skip?: Flag;
  include?: Flag;
}

type Leaf = (value: unknown) => boolean;

interface ShapeType {
  nonNull: boolean;
  /** Set for a list: its elements' type. */
  list?: ShapeType;
  /** Set for a leaf: whether a value is one of the type's. */
  leaf?: Leaf;
  /** Set for an object, interface or union: its name. */
  composite?: string;
}

interface ShapeField extends Conditions {
  kind: 'field';
  key: string;
  /** The parent type and field, for error messages ("field Employee.name"). */
  fieldName: string;
  typename?: true;
  /** `__schema` / `__type`: answered by graphql-js on the API schema, not by a subgraph. */
  introspection?: FieldNode;
  type: ShapeType;
  selections?: ShapeSelection[];
}

interface ShapeFragment extends Conditions {
  kind: 'fragment';
  /** Object types the fragment applies to; undefined: to any. */
  appliesTo?: ReadonlySet<string>;
  /** The type condition, the parent type of the fragment's fields. */
  typeCondition?: string;
  selections: ShapeSelection[];
}

type ShapeSelection = ShapeField | ShapeFragment;

export interface ShapeResult {
  data: Record<string, unknown> | null;
  /** Values the subgraphs answered that the schema does not allow (@apollo/gateway's "valueCompletion"). */
  errors: GraphQLError[];
}

type Path = Array<string | number>;

// Built-in scalars are checked as graphql-js serializes them; custom scalars pass as the subgraph
// checked them (the same rule @apollo/gateway's result shaping applies).
const BUILT_IN: Record<string, Leaf> = {
  Int: (v) => typeof v === 'number' && Number.isInteger(v),
  Float: (v) => typeof v === 'number' && Number.isFinite(v),
  String: (v) => typeof v === 'string',
  Boolean: (v) => typeof v === 'boolean',
  ID: (v) => typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v)),
};
const ANY: Leaf = () => true;

function flagOf(node: { directives?: ReadonlyArray<{ name: { value: string }; arguments?: ReadonlyArray<{ name: { value: string }; value: ValueNode }> }> }, name: string): Flag | undefined {
  const directive = node.directives?.find((d) => d.name.value === name);
  const arg = directive?.arguments?.find((a) => a.name.value === 'if');
  if (!arg) return undefined;
  if (arg.value.kind === Kind.VARIABLE) return { variable: arg.value.name.value };
  return arg.value.kind === Kind.BOOLEAN ? arg.value.value : undefined;
}

function conditionsOf(node: Parameters<typeof flagOf>[0]): Conditions {
  const skip = flagOf(node, 'skip');
  const include = flagOf(node, 'include');
  return { ...(skip === undefined ? {} : { skip }), ...(include === undefined ? {} : { include }) };
}

export class CompiledResponse {
  private readonly selections: ShapeSelection[];
  private readonly rootType: string;

  constructor(
    private readonly schema: GraphQLSchema,
    operation: OperationDefinitionNode,
    fragments: Record<string, FragmentDefinitionNode>,
  ) {
    const root = schema.getRootType(operation.operation);
    if (!root) throw new GraphQLError(`The schema has no ${operation.operation} type`);
    this.rootType = root.name;
    this.selections = this.compileSet(operation.selectionSet, root, fragments);
  }

  private compileSet(set: SelectionSetNode, parent: GraphQLCompositeType, fragments: Record<string, FragmentDefinitionNode>): ShapeSelection[] {
    const out: ShapeSelection[] = [];
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        out.push(this.compileField(selection, parent, fragments));
        continue;
      }
      const definition = selection.kind === Kind.FRAGMENT_SPREAD ? fragments[selection.name.value] : selection;
      if (!definition) throw new GraphQLError(`Unknown fragment "${(selection as { name: { value: string } }).name.value}"`);
      const conditionName = definition.typeCondition?.name.value;
      const condition = conditionName ? this.schema.getType(conditionName) : undefined;
      if (conditionName && (!condition || !('getFields' in condition || isAbstractType(condition)))) throw new GraphQLError(`Unknown type "${conditionName}"`);
      const type = (condition as GraphQLCompositeType | undefined) ?? parent;
      out.push({
        kind: 'fragment',
        ...conditionsOf(selection),
        appliesTo: condition ? this.objectTypesOf(condition as GraphQLCompositeType) : undefined,
        typeCondition: conditionName,
        selections: this.compileSet(definition.selectionSet, type, fragments),
      });
    }
    return out;
  }

  private compileField(node: FieldNode, parent: GraphQLCompositeType, fragments: Record<string, FragmentDefinitionNode>): ShapeField {
    const name = node.name.value;
    const key = node.alias?.value ?? name;
    const base = { kind: 'field' as const, key, fieldName: `${parent.name}.${name}`, ...conditionsOf(node) };
    if (name === '__typename') return { ...base, typename: true, type: { nonNull: true, leaf: ANY } };
    if (name === '__schema' || name === '__type') return { ...base, introspection: node, type: { nonNull: false, leaf: ANY } };
    const definition = 'getFields' in parent ? parent.getFields()[name] : undefined;
    if (!definition) throw new GraphQLError(`Cannot query field "${name}" on type "${parent.name}".`);
    const type = this.compileType(definition.type);
    const named = namedComposite(definition.type);
    return { ...base, type, ...(named && node.selectionSet ? { selections: this.compileSet(node.selectionSet, named, fragments) } : {}) };
  }

  private compileType(type: GraphQLOutputType): ShapeType {
    if (isNonNullType(type)) return { ...this.compileType(type.ofType), nonNull: true };
    if (isListType(type)) return { nonNull: false, list: this.compileType(type.ofType) };
    if (isScalarType(type)) return { nonNull: false, leaf: BUILT_IN[type.name] ?? ANY };
    if (isEnumType(type)) {
      const values = new Set(type.getValues().map((v) => v.name));
      return { nonNull: false, leaf: (v) => typeof v === 'string' && values.has(v) };
    }
    return { nonNull: false, composite: type.name };
  }

  private objectTypesOf(type: GraphQLCompositeType): ReadonlySet<string> {
    if (isObjectType(type)) return new Set([type.name]);
    return new Set(this.schema.getPossibleTypes(type).map((t) => t.name));
  }

  /** The response of `input` (the merged subgraph answers), shaped as the operation asks; `variables` with their defaults applied. */
  shape(input: Record<string, unknown> | null | undefined, variables: Record<string, unknown> | undefined, introspect: (field: FieldNode) => unknown): ShapeResult {
    if (!input) return { data: input ?? null, errors: [] };
    const run = new ShapeRun(this.schema, variables ?? {}, introspect);
    const data: Record<string, unknown> = {};
    const ok = run.applySet(input, this.selections, data, this.rootType, []);
    return { data: ok ? data : null, errors: run.errors };
  }
}

function namedComposite(type: GraphQLOutputType): GraphQLCompositeType | undefined {
  let t: GraphQLOutputType = type;
  while (isNonNullType(t) || isListType(t)) t = t.ofType;
  return isScalarType(t) || isEnumType(t) ? undefined : t;
}

/** One request's walk. */
class ShapeRun {
  readonly errors: GraphQLError[] = [];

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly variables: Record<string, unknown>,
    private readonly introspect: (field: FieldNode) => unknown,
  ) {}

  private flag(f: Flag): boolean {
    return typeof f === 'boolean' ? f : this.variables[f.variable] === true;
  }

  private skipped(c: Conditions): boolean {
    return (c.skip !== undefined && this.flag(c.skip)) || (c.include !== undefined && !this.flag(c.include));
  }

  /** False when a non-null field came out null and the object must be null instead. */
  applySet(input: Record<string, unknown>, selections: readonly ShapeSelection[], output: Record<string, unknown>, parentType: string, path: Path): boolean {
    for (const s of selections) {
      if ((s.skip !== undefined || s.include !== undefined) && this.skipped(s)) continue;
      if (s.kind === 'fragment') {
        if (s.appliesTo) {
          const typename = input.__typename;
          if (!s.appliesTo.has(typeof typename === 'string' ? typename : parentType)) continue;
        }
        if (!this.applySet(input, s.selections, output, s.typeCondition ?? parentType, path)) return false;
        continue;
      }
      const current = readOwn(output, s.key);
      if (s.introspection) {
        if (current === undefined) writeOwn(output, s.key, this.introspect(s.introspection));
        continue;
      }
      if (s.typename) {
        if (current !== undefined) continue;
        let name = readOwn(input, s.key) ?? null;
        if (name === null && s.key !== '__typename') name = input.__typename ?? null;
        const type = typeof name === 'string' ? (this.schema.getType(name) ?? this.schema.getType(parentType)) : this.schema.getType(parentType);
        if (!isObjectType(type)) return false;
        writeOwn(output, s.key, type.name);
        continue;
      }
      path.push(s.key);
      const value = readOwn(input, s.key);
      const updated = this.complete(current, s.type, value === undefined ? null : value, s, path);
      path.pop();
      if (updated === INVALID) {
        writeOwn(output, s.key, null);
        return false;
      }
      writeOwn(output, s.key, updated);
    }
    return true;
  }

  /**
   * The output value of `field` at `path`: `current` is what an earlier selection of the same
   * response name left there (merged into, never replaced). INVALID: null where null is not allowed.
   */
  private complete(current: unknown, type: ShapeType, value: unknown, field: ShapeField, path: Path): unknown {
    if (current === null || (current !== undefined && !field.selections)) return current;
    const out = this.completeNullable(current, type, value, field, path);
    if (!type.nonNull) return out === FAILED ? null : out;
    if (out === null) {
      this.errors.push(invalid(`Cannot return null for non-nullable ${describe(path, field, type)}.`, path));
      return INVALID;
    }
    // FAILED: an error below already explains the null; one for this field would repeat it.
    return out === FAILED ? INVALID : out;
  }

  /** The value whatever its nullability; FAILED: null because of an error noted below. */
  private completeNullable(current: unknown, type: ShapeType, value: unknown, field: ShapeField, path: Path): unknown {
    if (value === null) return null;
    if (type.list) {
      if (!Array.isArray(value)) throw new Error(`Invalid non-list value returned by subgraph for ${field.fieldName}`);
      const outputs = Array.isArray(current) ? current : undefined;
      if (outputs && outputs.length !== value.length) throw new Error(`Lists of different lengths for ${field.fieldName}`);
      const element = type.list;
      const updated = new Array<unknown>(value.length);
      let nulled = false;
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        const v = value[i];
        const out = this.complete(outputs?.[i], element, v === undefined ? null : v, field, path);
        path.pop();
        if (out === INVALID) nulled = true;
        else updated[i] = out;
      }
      return nulled ? FAILED : updated;
    }
    if (type.composite) {
      if (typeof value !== 'object') throw new Error(`Invalid non-object value returned by subgraph for ${field.fieldName}`);
      const object = value as Record<string, unknown>;
      let typename = type.composite;
      const declared = object.__typename;
      if (declared !== undefined) {
        const t = typeof declared === 'string' ? this.schema.getType(declared) : undefined;
        if (!t || !('getFields' in t || isAbstractType(t))) {
          this.errors.push(invalid(`Invalid __typename found for object at ${describe(path, field, type)}.`, path));
          return FAILED;
        }
        typename = declared as string;
      }
      const output = (current as Record<string, unknown> | undefined) ?? {};
      return this.applySet(object, field.selections ?? [], output, typename, path) ? output : FAILED;
    }
    if (type.leaf!(value)) return value;
    this.errors.push(invalid(`Invalid value found for ${describe(path, field, type)}.`, path));
    return FAILED;
  }
}

/** A non-null field came out null: its parent becomes null in turn. */
const INVALID = Symbol('invalid');
/** A value nulled by an error already noted below it. */
const FAILED = Symbol('failed');

function describe(path: Path, field: ShapeField, type: ShapeType): string {
  const last = path[path.length - 1];
  return typeof last === 'number' ? `array element of type ${typeName(type)} at index ${last}` : `field ${field.fieldName}`;
}

function typeName(type: ShapeType): string {
  const inner = type.list ? `[${typeName(type.list)}]` : (type.composite ?? 'value');
  return inner;
}

function invalid(message: string, path: Path): GraphQLError {
  return new GraphQLError(message, { path: [...path], extensions: { code: 'INVALID_GRAPHQL' } });
}
