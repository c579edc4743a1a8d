import 'reflect-metadata';
// Access policy, declared beside the field it guards, as an @access directive in the subgraph's SDL
// (schema/<subgraph>.graphql) and a sentence in the field's description, which the composed API
// schema and the explorer show. guard.ts enforces exactly what the directive says.
//
// Not Federation's @requiresScopes: a supergraph that links it is refused by @apollo/gateway, which
// does not enforce it. Enforcement belongs in the subgraphs anyway, next to the data.
import { DirectiveLocation, GraphQLDirective, GraphQLList, GraphQLNonNull, GraphQLString } from 'graphql';
import { Directive } from 'type-graphql';
import type { Scope } from '../../../platform/auth/scopes.js';
import { AUDIT_CATEGORIES, type AuditCategory } from '../../../platform/audit/record.js';

export { AUDIT_CATEGORIES, type AuditCategory };


export const AccessDirective = new GraphQLDirective({
  name: 'access',
  description: 'Who may read the field: callers whose bearer token holds every one of `scopes` (none: any caller with a valid token). With `audit`, every read is written to the audit log.',
  locations: [DirectiveLocation.FIELD_DEFINITION],
  args: {
    scopes: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(GraphQLString))) },
    audit: { type: GraphQLString },
  },
});

type FieldDecorator = MethodDecorator & PropertyDecorator;

/**
 * The field resolves only for tokens holding all of `scopes`; others get null and a FORBIDDEN error on
 * its path. With `audit`, every non-null read is written to the audit log with the entity's key.
 */
export function RequiresScopes(scopes: Scope | Scope[], options: { audit?: AuditCategory } = {}): FieldDecorator {
  const list = Array.isArray(scopes) ? scopes : [scopes];
  if (list.length === 0) throw new Error('RequiresScopes needs at least one scope; use Authenticated() for fields any caller may read');
  const audit = options.audit ? `, audit: ${JSON.stringify(options.audit)}` : '';
  return Directive(`@access(scopes: ${JSON.stringify(list)}${audit})`);
}

/** Any caller with a valid token may read the field (data that is not personal, e.g. a unit type's name). */
export function Authenticated(): FieldDecorator {
  return Directive('@access(scopes: [])');
}
