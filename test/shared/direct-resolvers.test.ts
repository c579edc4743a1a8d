// Resolvers called directly (subgraphs/shared/directResolvers.ts): the same values reach the method,
// a synchronous method answers synchronously, and what needs type-graphql's wrapping keeps it.
import 'reflect-metadata';
import { Arg, Ctx, Field, FieldResolver, InputType, Int, ObjectType, Query, Resolver, Root, buildSchema, createResolversMap } from 'type-graphql';
import { describe, expect, it } from 'vitest';
import { directResolvers } from '../../subgraphs/shared/directResolvers.js';

@ObjectType()
class Unit {
  @Field()
  name!: string;

  @Field(() => Int)
  size!: number;
}

@InputType()
class Range {
  @Field(() => Int)
  min!: number;

  within(n: number): boolean {
    return n >= this.min;
  }
}

@Resolver(() => Unit)
class UnitResolver {
  @Query(() => [Unit])
  units(@Arg('range', () => Range, { nullable: true }) range: Range | undefined): Unit[] {
    const all = [{ name: 'Skole', size: 40 }, { name: 'Team', size: 3 }];
    // Only a Range instance has within(): proof the input arrived as type-graphql made it.
    return range ? all.filter((u) => range.within(u.size)) : all;
  }

  @FieldResolver(() => String)
  label(@Root() unit: { name: string }, @Arg('prefix') prefix: string, @Ctx() ctx: { suffix: string }): string {
    return `${prefix}${unit.name}${ctx.suffix}`;
  }
}

describe('directResolvers', () => {
  it('calls simple resolvers directly, leaves plain fields to the default, keeps the rest', async () => {
    const schema = await buildSchema({ resolvers: [UnitResolver], validate: false, skipCheck: true });
    const resolvers = createResolversMap(schema) as Record<string, Record<string, any>>;
    const before = resolvers.Unit.label;
    const counts = directResolvers(schema, [UnitResolver], resolvers);
    expect(counts).toEqual({ direct: 1, plain: 2, kept: 1 });

    // type-graphql's own answers a promise even for this synchronous method; the direct one does not.
    expect(before({ name: 'Skole' }, { prefix: '> ' }, { suffix: '!' }, {})).toBeInstanceOf(Promise);
    expect(resolvers.Unit.label({ name: 'Skole' }, { prefix: '> ' }, { suffix: '!' }, {})).toBe('> Skole!');
    expect(resolvers.Unit.name).toBeUndefined();
    expect(resolvers.Unit.size).toBeUndefined();

    // The query with an input object still gets a Range instance.
    expect(await resolvers.Query.units(undefined, { range: { min: 10 } }, {}, {})).toEqual([{ name: 'Skole', size: 40 }]);
  });
});
