// Deny by default: a subgraph whose entry fields declare no access policy does not build, and what
// the policy says is what is enforced.
import 'reflect-metadata';
import { graphql } from 'graphql';
import { Directive, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { describe, expect, it } from 'vitest';
import { Authenticated, RequiresScopes } from '../../subgraphs/shared/auth/access.js';
import type { Principal } from '../../platform/auth/principal.js';
import { buildFederatedSchema } from '../../subgraphs/shared/federation.js';

@ObjectType()
@Directive('@key(fields: "id")')
class Thing {
  @Field(() => ID)
  id!: string;

  @RequiresScopes('payroll:tax', { audit: 'tax' })
  @Field(() => String, { nullable: true })
  secret?: string;

  @Authenticated()
  @Field(() => String, { nullable: true })
  label?: string;

  // No policy: the schema must refuse to build.
  @Field(() => String, { nullable: true })
  forgotten?: string;
}

@Resolver(() => Thing)
class ThingResolver {
  @RequiresScopes('org:read')
  @Query(() => Thing, { nullable: true })
  thing(): Thing {
    return { id: 't1', secret: 's3cret', label: 'A thing', forgotten: 'x' };
  }
}

describe('access policies', () => {
  it('refuse to build a subgraph with an entry field that declares none', async () => {
    await expect(buildFederatedSchema({ resolvers: [ThingResolver] })).rejects.toThrow(/Thing\.forgotten/);
  });
});

@ObjectType()
@Directive('@key(fields: "id")')
class Guarded {
  @Field(() => ID)
  id!: string;

  @RequiresScopes('payroll:tax', { audit: 'tax' })
  @Field(() => String, { nullable: true })
  secret?: string;

  @Authenticated()
  @Field(() => String, { nullable: true })
  label?: string;
}

@Resolver(() => Guarded)
class GuardedResolver {
  @RequiresScopes('org:read')
  @Query(() => Guarded, { nullable: true })
  guarded(): Guarded {
    return { id: 'g1', secret: 's3cret', label: 'A thing' };
  }
}

function context(scopes: string[]) {
  const reads: string[] = [];
  const principal: Principal = { subject: 'u', clientId: 'c', clientKind: 'analyst', scopes: new Set(scopes), expiresAt: 0 };
  return { reads, ctx: { principal, audit: { read: (category: string, type: string, field: string, id: string) => reads.push(`${category} ${type}.${field} ${id}`), mutation: async () => undefined } } };
}

describe('enforcement', () => {
  it('answers what the token may read, FORBIDDEN for the rest, and audits what was read', async () => {
    const schema = await buildFederatedSchema({ resolvers: [GuardedResolver] });
    const query = '{ guarded { id label secret } }';

    const full = context(['org:read', 'payroll:tax']);
    expect(await graphql({ schema, source: query, contextValue: full.ctx })).toEqual({ data: { guarded: { id: 'g1', label: 'A thing', secret: 's3cret' } } });
    expect(full.reads).toEqual(['tax Guarded.secret g1']);

    const partial = context(['org:read']);
    const res = await graphql({ schema, source: query, contextValue: partial.ctx });
    expect(res.data).toEqual({ guarded: { id: 'g1', label: 'A thing', secret: null } });
    expect(res.errors?.map((e) => [e.path?.join('.'), e.extensions.code])).toEqual([['guarded.secret', 'FORBIDDEN']]);
    expect(partial.reads).toEqual([]);

    const none = context([]);
    const refused = await graphql({ schema, source: query, contextValue: none.ctx });
    expect(refused.data).toEqual({ guarded: null });
    expect(refused.errors?.[0].extensions.requiredScopes).toEqual(['org:read']);
  });
});
