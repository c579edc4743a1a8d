// Queries made up from the API schema by a seeded random walk, for comparing two executors on shapes
// no one wrote by hand: aliases, repeated fields that must merge, inline and named fragments,
// __typename, @skip/@include, nested lists across subgraphs. The same seed gives the same queries.
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';

/** mulberry32: small, seeded, good enough to pick fields. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INHERITED_NAMES = ['constructor', 'toString', 'valueOf', 'hasOwnProperty'];

export interface GeneratorOptions {
  schema: GraphQLSchema;
  /** Root selections the walk starts from, arguments written out (`orgUnit(id: "…")`), by their type. */
  roots: Array<{ field: string; type: string }>;
  /** Argument values by type name, for the arguments a field requires or the walk chooses to give. */
  values: Record<string, string[]>;
  maxDepth?: number;
}

export function queryGenerator(options: GeneratorOptions): (random: () => number) => string {
  const { schema, roots, values, maxDepth = 4 } = options;

  return (random) => {
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
    const chance = (p: number) => random() < p;
    const fragments: string[] = [];

    const literal = (type: GraphQLInputType): string | undefined => {
      const named = getNamedType(type);
      if (isListType(getNullableType(type))) {
        const item = literal((getNullableType(type) as { ofType: GraphQLInputType }).ofType);
        return item === undefined ? undefined : `[${item}]`;
      }
      if (isEnumType(named)) return pick(named.getValues()).name;
      if (isInputObjectType(named)) return undefined;
      const pool = values[named.name];
      return pool ? pick(pool) : undefined;
    };

    const argumentsOf = (args: readonly GraphQLArgument[]): string | null => {
      const written: string[] = [];
      for (const arg of args) {
        const required = isNonNullType(arg.type) && arg.defaultValue === undefined;
        if (!required && !chance(0.25)) continue;
        const value = literal(arg.type);
        if (value === undefined) {
          if (required) return null;
          continue;
        }
        written.push(`${arg.name}: ${value}`);
      }
      return written.length ? `(${written.join(', ')})` : '';
    };

    const directive = () => (chance(0.08) ? pick([' @skip(if: true)', ' @skip(if: false)', ' @include(if: true)', ' @include(if: false)']) : '');

    // A fragment's aliases have a prefix of their own, so they never clash with the selection it is spread in.
    const selection = (type: GraphQLObjectType, depth: number, prefix = 'a'): string => {
      const fields = Object.values(type.getFields());
      const parts: string[] = [];
      const used = new Set<string>();
      const alias = () => {
        for (;;) {
          // Now and then a name a plain object inherits, which must still come back as the client's key.
          const name = chance(0.05) ? pick(INHERITED_NAMES) : `${prefix}${Math.floor(random() * 20)}`;
          if (!used.has(name)) return name;
        }
      };
      if (chance(0.2)) parts.push(chance(0.5) ? '__typename' : `${alias()}: __typename`);
      const wanted = Math.max(1, Math.round(random() * Math.min(fields.length, 5)));
      for (let i = 0; i < wanted; i++) {
        const field = pick(fields);
        const written = fieldSelection(field, depth, prefix);
        if (written === null) continue;
        const name = used.has(field.name) || chance(0.15) ? alias() : field.name;
        used.add(name);
        const key = name === field.name ? '' : `${name}: `;
        const text = `${key}${written.head}${written.sub}`;
        if (chance(0.12)) parts.push(`... on ${type.name} { ${text} }`);
        else if (chance(0.06)) parts.push(`... { ${text} }`);
        else parts.push(text);
        // The same response name again with another selection: the two must merge into one object.
        if (written.sub.includes('{') && chance(0.15)) {
          const again = fieldSelection(field, depth, prefix, written.head);
          if (again) parts.push(`... on ${type.name} { ${key}${again.head}${again.sub} }`);
        }
      }
      if (parts.length === 0) parts.push('__typename');
      if (chance(0.1)) {
        const name = `F${fragments.length}`;
        const body = selection(type, depth + 1, `f${fragments.length}_`);
        fragments.push(`fragment ${name} on ${type.name} { ${body} }`);
        parts.push(`...${name}`);
      }
      return parts.join(' ');
    };

    /** The field with its arguments (`head`, or the one given, to select it again) and its selection. */
    const fieldSelection = (field: GraphQLField<unknown, unknown>, depth: number, prefix: string, head?: string): { head: string; sub: string } | null => {
      const named = getNamedType(field.type);
      if (head === undefined) {
        const args = argumentsOf(field.args);
        if (args === null) return null;
        head = `${field.name}${args}`;
      }
      if (isLeafType(named)) return { head, sub: directive() };
      if (!isObjectType(named) || depth >= maxDepth) return null;
      return { head, sub: `${directive()} { ${selection(named, depth + 1, prefix)} }` };
    };

    const root = pick(roots);
    const type = schema.getType(root.type) as GraphQLObjectType;
    const body = `query Generated { ${root.field} { ${selection(type, 1)} } }`;
    return [body, ...fragments].join('\n');
  };
}
