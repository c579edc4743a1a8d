// Enforces the access policies the SDL declares (@access, see access.ts), deny by default:
// a subgraph whose root or entity fields lack a policy does not build. Policies are checked before
// the resolver runs, so forbidden data is never even read from a source.
import {
  defaultFieldResolver,
  getNamedType,
  GraphQLError,
  isNonNullType,
  isObjectType,
  valueFromASTUntyped,
  type ConstDirectiveNode,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';
import { ErrorCode } from '../../../platform/errors.js';
import { AUDIT_CATEGORIES, type AuditCategory } from './access.js';
import { hasAllScopes, type Principal } from '../../../platform/auth/principal.js';

/** What the guard needs from the request context. */
export interface GuardedContext {
  principal?: Principal;
  audit: {
    /** A read of audited data, of the entity with this key. */
    read(category: AuditCategory, type: string, field: string, entityId: string): void;
    /** Written before a mutation runs: a mutation that cannot be audited does not run. */
    mutation<T>(field: string, args: Record<string, unknown>, run: () => Promise<T>): Promise<T>;
  };
}

export type FieldPolicy =
  | { kind: 'public'; reason: 'key' | 'external' | 'federation' }
  | { kind: 'authenticated' }
  | { kind: 'scopes'; scopes: string[]; audit?: AuditCategory };

const FEDERATION_ROOT_FIELDS = new Set(['_entities', '_service']);

function directive(node: { directives?: readonly ConstDirectiveNode[] } | null | undefined, name: string) {
  return node?.directives?.find((d) => d.name.value === name);
}

function argument(d: ConstDirectiveNode, name: string): unknown {
  const arg = d.arguments?.find((a) => a.name.value === name);
  return arg ? valueFromASTUntyped(arg.value) : undefined;
}

function accessPolicy(d: ConstDirectiveNode, coordinate: string): FieldPolicy {
  const scopes = argument(d, 'scopes');
  const audit = argument(d, 'audit');
  if (!Array.isArray(scopes) || !scopes.every((s) => typeof s === 'string')) throw new Error(`${coordinate}: @access needs scopes: [String!]!`);
  if (audit !== undefined && !AUDIT_CATEGORIES.includes(audit as AuditCategory)) throw new Error(`${coordinate}: @access audit must be one of ${AUDIT_CATEGORIES.join(', ')}`);
  if (scopes.length === 0) {
    if (audit) throw new Error(`${coordinate}: audited data needs a scope`);
    return { kind: 'authenticated' };
  }
  return { kind: 'scopes', scopes, audit: audit as AuditCategory | undefined };
}

/** Top-level field names of every @key of an entity type (nested selections are not used here). */
export function keyFields(type: GraphQLObjectType): string[][] {
  return (type.astNode?.directives ?? [])
    .filter((d) => d.name.value === 'key')
    .map((d) => {
      const fields = d.arguments?.find((a) => a.name.value === 'fields');
      const text = fields ? String(valueFromASTUntyped(fields.value)) : '';
      return text.replace(/\{[^}]*\}/g, ' ').split(/\s+/).filter(Boolean);
    });
}

export function policyOf(type: GraphQLObjectType, field: GraphQLField<unknown, unknown>, schema: GraphQLSchema): FieldPolicy | undefined {
  const own = directive(field.astNode, 'access');
  if (own) return accessPolicy(own, `${type.name}.${field.name}`);
  if (type === schema.getQueryType() && FEDERATION_ROOT_FIELDS.has(field.name)) return { kind: 'public', reason: 'federation' };
  if (directive(field.astNode, 'external')) return { kind: 'public', reason: 'external' };
  if (keyFields(type).some((names) => names.includes(field.name))) return { kind: 'public', reason: 'key' };
  return undefined;
}

/**
 * Fields reached directly by a request: root fields, and every field of an entity type (reachable
 * through `_entities`). Fields of value types are reached only through one of these and inherit
 * their guard.
 */
function isEntryType(type: GraphQLObjectType, schema: GraphQLSchema): boolean {
  return type === schema.getQueryType() || type === schema.getMutationType() || keyFields(type).length > 0;
}

export function forbidden(coordinate: string, scopes: string[]): GraphQLError {
  return new GraphQLError(`Not allowed to read ${coordinate}: it needs the scope ${scopes.join(' and ')}`, {
    extensions: { code: ErrorCode.FORBIDDEN, requiredScopes: scopes },
  });
}

function unauthenticated(): GraphQLError {
  return new GraphQLError('A valid bearer token is required', { extensions: { code: ErrorCode.UNAUTHENTICATED } });
}

export const isPromise = (v: unknown): v is Promise<unknown> => typeof (v as Promise<unknown> | null)?.then === 'function';

/**
 * Checks every field's policy and wraps the resolvers of guarded and audited fields, in place (the
 * federation resolvers @apollo/subgraph attached to the types stay where they are).
 */
export function guardSchema(schema: GraphQLSchema): GraphQLSchema {
  const missing: string[] = [];
  const mutationType = schema.getMutationType();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || type.name === '_Service') continue;
    const entry = isEntryType(type, schema);
    const key = keyFields(type)[0];
    for (const field of Object.values(type.getFields())) {
      const coordinate = `${type.name}.${field.name}`;
      const policy = policyOf(type, field, schema);
      const audit = policy?.kind === 'scopes' ? policy.audit : undefined;
      if (entry && !policy) missing.push(coordinate);
      if (policy?.kind === 'scopes' && isNonNullType(field.type)) {
        throw new Error(`${coordinate} needs scopes, so it must be nullable: a FORBIDDEN null would otherwise wipe out its parent`);
      }
      // The log records entity keys: of the parent, or for a root field of the entities it returns.
      const returned = getNamedType(field.type);
      const audited = !audit ? undefined : key ? { from: 'parent' as const, key } : isObjectType(returned) && keyFields(returned)[0] && type === schema.getQueryType() ? { from: 'result' as const, key: keyFields(returned)[0] } : undefined;
      if (audit && !audited) throw new Error(`${coordinate} is audited, so it must be a field of an entity type or a query returning entities (the log records entity keys)`);
      const isMutation = type === mutationType;
      if (policy?.kind === 'public' || (!policy && !entry)) continue;
      field.resolve = wrap(field.resolve ?? defaultFieldResolver, coordinate, policy, audit && audited ? { category: audit, ...audited } : undefined);
      if (isMutation) field.resolve = mutationAudited(field.resolve, field.name);
    }
  }
  if (missing.length) {
    throw new Error(`Fields without an access policy (add @RequiresScopes or @Authenticated beside them, see subgraphs/shared/auth/access.ts):\n- ${missing.join('\n- ')}`);
  }
  return schema;
}

interface AuditedField {
  category: AuditCategory;
  /** Whose key is logged: the parent entity's, or (root fields) each returned entity's. */
  from: 'parent' | 'result';
  key: string[];
}

const keyOf = (entity: unknown, key: string[]) => key.map((k) => String((entity as Record<string, unknown>)[k])).join(',');

function wrap(
  resolve: GraphQLFieldResolver<unknown, GuardedContext>,
  coordinate: string,
  policy: FieldPolicy | undefined,
  audit: AuditedField | undefined,
): GraphQLFieldResolver<unknown, GuardedContext> {
  return (source, args, ctx, info) => {
    if (!ctx.principal) throw unauthenticated();
    if (policy?.kind === 'scopes' && !hasAllScopes(ctx.principal, policy.scopes)) throw forbidden(coordinate, policy.scopes);
    const result = resolve(source, args, ctx, info);
    if (!audit) return result;
    // No named closure per call: audited fields run once per entity of a plan step.
    return isPromise(result) ? result.then((value) => noteRead(audit, source, value, ctx, info)) : noteRead(audit, source, result, ctx, info);
  };
}

/** Audits the read of `value` (the field's result) and passes it on. */
function noteRead(audit: AuditedField, source: unknown, value: unknown, ctx: GuardedContext, info: GraphQLResolveInfo): unknown {
  if (value === null || value === undefined) return value;
  const type = info.parentType.name;
  if (audit.from === 'parent') ctx.audit.read(audit.category, type, info.fieldName, keyOf(source, audit.key));
  else for (const entity of Array.isArray(value) ? value : [value]) if (entity) ctx.audit.read(audit.category, type, info.fieldName, keyOf(entity, audit.key));
  return value;
}

function mutationAudited(resolve: GraphQLFieldResolver<unknown, GuardedContext>, field: string): GraphQLFieldResolver<unknown, GuardedContext> {
  return (source, args, ctx, info) => ctx.audit.mutation(field, args, async () => resolve(source, args, ctx, info));
}

/** Adds each guarded field's scopes to its description, so the API schema and the explorer show them. */
export function describeAccess(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const policy = policyOf(type, field, schema);
      if (policy?.kind !== 'scopes') continue;
      const sentence = `Requires scope ${policy.scopes.map((s) => `\`${s}\``).join(' and ')}${policy.audit ? '; every read is audited' : ''}.`;
      field.description = field.description ? `${field.description}\n\n${sentence}` : sentence;
    }
  }
}
