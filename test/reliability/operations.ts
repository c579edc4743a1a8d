// Random GraphQL requests built from the API schema (schema/api.graphql): operations with random
// selections, aliases, directives and arguments, passed inline or as variables, with values that are
// mostly valid (ids the sample municipality has, real dates) and sometimes not (malformed ids, CPR
// numbers and dates, wrong types, nulls, out-of-range numbers). For the property-based test and the soak.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import {
  buildSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';

export const API_SCHEMA_FILE = new URL('../../schema/api.graphql', import.meta.url);

export function loadApiSchema(): GraphQLSchema {
  return buildSchema(readFileSync(API_SCHEMA_FILE, 'utf8'));
}

/** Real values from the municipality the stack serves, so valid requests find data. */
export interface ValuePools {
  employmentNumbers: string[];
  orgUnitIds: string[];
  /** Opus numbers of org units (orgUnitByOpusId); employment numbers stand in when not given. */
  orgUnitOpusIds?: string[];
  personIds: string[];
  cprs: string[];
}

export interface GeneratedRequest {
  query: string;
  variables: Record<string, unknown>;
  operationName?: string;
}

type Gen = fc.GeneratorValue;

const JUNK_STRINGS = ['', ' ', 'x', '0', '-1', '../../etc/passwd', "' OR 1=1 --", '<script>', '\u0000', '💥', 'null', '9'.repeat(40), 'æøå ÆØÅ'];

class Builder {
  private readonly variableDefinitions: string[] = [];
  private readonly variables: Record<string, unknown> = {};

  /** A clean request holds only valid values and names; the others break something now and then. */
  private readonly clean: boolean;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly pools: ValuePools,
    private readonly g: Gen,
  ) {
    this.clean = this.chance(60);
  }

  /** True but for the odd mistake in a request that is not clean. */
  private intact(percent: number): boolean {
    return this.clean || this.chance(percent);
  }

  private chance(percent: number): boolean {
    return this.g(fc.integer, { min: 0, max: 99 }) < percent;
  }

  private pick<T>(values: readonly T[]): T {
    return values[this.g(fc.integer, { min: 0, max: values.length - 1 })];
  }

  operation(): GeneratedRequest {
    const mutation = this.schema.getMutationType();
    const kind = mutation && this.chance(15) ? 'mutation' : 'query';
    const root = kind === 'mutation' ? mutation! : this.schema.getQueryType()!;
    const fields = Object.values(root.getFields());
    const selections = this.subset(fields, kind === 'mutation' ? 1 : 3).map((f, i) => this.field(f, 0, i));
    const name = this.chance(50) ? 'Fuzz' : undefined;
    const header = `${kind}${name ? ` ${name}` : ''}${this.variableDefinitions.length ? `(${this.variableDefinitions.join(', ')})` : ''}`;
    const query = `${header} { ${selections.join(' ')} }`;
    // Sometimes an operationName the document does not hold.
    const operationName = name && this.intact(80) ? name : this.intact(80) ? undefined : 'Other';
    return { query, variables: this.variables, ...(operationName ? { operationName } : {}) };
  }

  private field(field: GraphQLField<unknown, unknown>, depth: number, index: number): string {
    const alias = this.chance(20) ? `a${depth}_${index}: ` : '';
    const args = field.args.map((a) => this.argument(a, field.name)).filter((a): a is string => a !== null);
    const directive = this.chance(5) ? this.directive() : '';
    const selection = this.selection(field.type, depth + 1);
    return `${alias}${field.name}${args.length ? `(${args.join(', ')})` : ''}${directive}${selection}`;
  }

  private directive(): string {
    const name = this.pick(['include', 'skip']);
    if (this.chance(50)) return ` @${name}(if: ${this.pick(['true', 'false'])})`;
    return ` @${name}(if: ${this.variable('Boolean!', this.intact(70) ? this.pick([true, false]) : this.pick([null, 'yes', 1]))})`;
  }

  private selection(type: GraphQLOutputType, depth: number): string {
    const named = getNamedType(type);
    if (isLeafType(named)) return '';
    if (depth > 4) return ' { __typename }';
    if (isUnionType(named)) {
      const members = named.getTypes();
      const fragments = members.filter(() => this.chance(60)).map((m) => `... on ${m.name} ${this.selection(m, depth)}`);
      return ` { __typename ${fragments.join(' ')} }`;
    }
    if (!isObjectType(named) && !isInterfaceType(named)) return '';
    // A field twice with other arguments is invalid; a request that is not clean may do it.
    const fields = Object.values(named.getFields());
    const chosen = this.intact(90)
      ? this.subset(fields, 4).map((f, i) => this.field(f, depth, i))
      : Array.from({ length: this.g(fc.integer, { min: 1, max: 4 }) }, (_, i) => this.field(this.pick(fields), depth, i));
    if (this.chance(10)) chosen.push('__typename');
    return ` { ${chosen.join(' ')} }`;
  }

  /** 1 to `max` distinct items, in random order. */
  private subset<T>(items: readonly T[], max: number): T[] {
    // fc.gen compares the arguments of its calls deeply: indices, not schema objects (they are cyclic).
    const indices = items.map((_, i) => i);
    return this.g(fc.shuffledSubarray, indices, { minLength: 1, maxLength: Math.min(max, items.length) }).map((i) => items[i]);
  }

  private argument(arg: GraphQLArgument, fieldName: string): string | null {
    const required = isNonNullType(arg.type);
    if (!(required ? this.intact(90) : this.chance(40))) return null;
    const value = this.value(arg.type, arg.name, fieldName, this.intact(75));
    return `${arg.name}: ${this.chance(40) ? this.variable(String(arg.type), value) : literal(value)}`;
  }

  private variable(type: string, value: unknown): string {
    const name = `v${this.variableDefinitions.length}`;
    this.variableDefinitions.push(`$${name}: ${type}`);
    // A variable left out of `variables` is null, or an error when the type is non-null.
    if (this.intact(90)) this.variables[name] = value;
    return `$${name}`;
  }

  /** A value for an input type: valid when `valid` (as far as the pools know), otherwise often not. */
  private value(type: GraphQLInputType, name: string, fieldName: string, valid: boolean): unknown {
    if (!valid && this.chance(25)) return this.pick([null, 42, 'text', true, [], {}, -1, 2 ** 31, 1.5]);
    if (isNonNullType(type)) return this.value(type.ofType, name, fieldName, valid);
    if (isListType(type)) {
      const length = this.g(fc.integer, { min: 0, max: valid ? 3 : 8 });
      return Array.from({ length }, () => this.value(type.ofType, name, fieldName, valid || this.chance(70)));
    }
    const nullable = getNullableType(type);
    if (isEnumType(nullable)) return valid ? enumValue(this.pick(nullable.getValues()).name) : enumValue(this.pick(['NOT_A_VALUE', 'ferie', 'X']));
    if (isInputObjectType(nullable)) {
      const value: Record<string, unknown> = {};
      for (const f of Object.values(nullable.getFields())) {
        if (isNonNullType(f.type) ? this.intact(90) : this.chance(40)) value[f.name] = this.value(f.type, f.name, fieldName, valid || this.chance(70));
      }
      if (!valid && this.chance(20)) value.noSuchField = 1;
      if (valid && nullable.name === 'EmploymentFilter') {
        // name, userName and email search the persons employed today: on `employees` only, without a date.
        const search = ['name', 'userName', 'email'];
        if (fieldName !== 'employees') for (const f of search) delete value[f];
        else if (search.some((f) => f in value)) (delete value.activeOn, delete value.registeredAt);
      }
      return value;
    }
    return this.scalar(nullable.name, name, fieldName, valid);
  }

  private scalar(type: string, name: string, fieldName: string, valid: boolean): unknown {
    const junk = () => (this.chance(70) ? this.pick(JUNK_STRINGS) : this.g(fc.string, { maxLength: 30 }));
    switch (type) {
      case 'ID':
        if (!valid) return junk();
        if (name === 'opusId' && this.pools.orgUnitOpusIds) return this.pick(this.pools.orgUnitOpusIds);
        if (/employmentNumber|opusId/i.test(name)) return this.pick(this.pools.employmentNumbers);
        if (fieldName === 'employee') return this.pick(this.pools.personIds);
        return this.pick(this.pools.orgUnitIds);
      case 'Date':
        return valid ? this.date() : this.pick(['2026-02-30', '31-12-2026', '2026-13-01', '20261201', 'tomorrow', '0000-00-00', '2026-1-1']);
      case 'Int':
        return valid ? this.g(fc.integer, { min: 0, max: 30 }) : this.pick([-1, 0, 501, 100_000, 2 ** 31 - 1]);
      case 'Float':
        return valid ? this.pick([1, 7.5, -2.25, 0.01]) : this.pick([0, 0.001, 1e9, -1e12]);
      case 'Boolean':
        return this.pick([true, false]);
      default:
        if (/cpr/i.test(name)) return valid ? this.pick(this.pools.cprs) : this.pick(['3213456789', '12345', '010101-123', 'abcdefghij']);
        if (name === 'idempotencyKey') return valid ? `fuzz-${this.g(fc.uuid)}` : this.pick(['short', 'has spaces in it', 'x'.repeat(200)]);
        if (name === 'wageType') return valid ? this.pick(['2440', '2450', '2451']) : this.pick(['24', 'abcd', '24400']);
        if (/email/i.test(name)) return valid ? `fuzz.${this.g(fc.integer, { min: 1, max: 999 })}@kommune.dk` : this.pick(['no-at-sign', '@', 'a@b']);
        if (/phone/i.test(name)) return valid ? this.pick(['12345678', '+45 12 34 56 78', '0045 87654321']) : this.pick(['123', 'phone', '+46 12345678']);
        if (name === 'after') return valid ? null : junk();
        if (name === 'name' && fieldName === 'employees') return valid ? this.pick(['ma', 'hansen', 'sørensen', 'an']) : this.pick(['', 'a', ' ']);
        return valid ? this.pick(['skole', 'team', 'kommune', 'a', '01.02.03']) : junk();
    }
  }

  private date(): string {
    const year = this.g(fc.integer, { min: 2015, max: 2030 });
    const month = this.g(fc.integer, { min: 1, max: 12 });
    const day = this.g(fc.integer, { min: 1, max: 28 });
    return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  }
}

class EnumValue {
  constructor(readonly name: string) {}
}
const enumValue = (name: string) => new EnumValue(name);

/** GraphQL literal syntax for a value; enum values bare, strings escaped as JSON (a subset of GraphQL's). */
function literal(value: unknown): string {
  if (value instanceof EnumValue) return value.name;
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (typeof value === 'object') return `{${Object.entries(value).map(([k, v]) => `${k}: ${literal(v)}`).join(', ')}}`;
  return JSON.stringify(value);
}

/** Enum values travel as their names in variables. */
function jsonSafe(value: unknown): unknown {
  if (value instanceof EnumValue) return value.name;
  if (Array.isArray(value)) return value.map(jsonSafe);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonSafe(v)]));
  return value;
}

export function operationArbitrary(schema: GraphQLSchema, pools: ValuePools): fc.Arbitrary<GeneratedRequest> {
  return fc.gen().map((g) => {
    const request = new Builder(schema, pools, g).operation();
    return { ...request, variables: jsonSafe(request.variables) as Record<string, unknown> };
  });
}

/** Anything a client might put in a request: random text, JSON of any shape, or a generated request with a few characters changed. */
export function rawBodyArbitrary(operations: fc.Arbitrary<GeneratedRequest>): fc.Arbitrary<string> {
  const mangled = fc
    .tuple(operations, fc.array(fc.tuple(fc.nat(), fc.string({ maxLength: 3 }), fc.nat({ max: 3 })), { minLength: 1, maxLength: 4 }))
    .map(([request, edits]) => {
      let text = JSON.stringify(request);
      for (const [at, insert, remove] of edits) {
        const i = at % (text.length + 1);
        text = text.slice(0, i) + insert + text.slice(i + remove);
      }
      return text;
    });
  return fc.oneof(
    mangled,
    fc.string({ maxLength: 200 }),
    fc.json({ maxDepth: 4 }),
    fc.record({ query: fc.string({ maxLength: 100 }), variables: fc.jsonValue({ maxDepth: 3 }) }, { requiredKeys: [] }).map((r) => JSON.stringify(r)),
  );
}
