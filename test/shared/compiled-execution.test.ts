// The subgraphs' executor: graphql-jit once a document has run `compileAfter` times on graphql-js,
// with the same answers, errors and error codes either way (subgraphs/shared/compiledExecution.ts).
import { describe, expect, it } from 'vitest';
import { GraphQLError, buildSchema, parse, type GraphQLSchema } from 'graphql';
import { ApolloServer } from '@apollo/server';
import { compiledExecution, compiledExecutor, type ExecutionEvent } from '../../subgraphs/shared/compiledExecution.js';
import { compileAfterFromEnv } from '../../subgraphs/shared/config.js';

function schemaWithResolvers(): GraphQLSchema {
  const schema = buildSchema(`
    type Query { employments(first: Int!): [Employment!]!, failing: Employment, broken: Int }
    type Employment { number: ID!, name: String, absences(from: String!): [String!]!, secret: String }
  `);
  const employment = (n: number) => ({
    number: String(n),
    name: n % 2 ? `Person ${n}` : null,
    absences: async ({ from }: { from: string }) => [`${from}/${n}`],
    secret: () => {
      throw new GraphQLError('Needs payroll:read', { extensions: { code: 'FORBIDDEN' } });
    },
  });
  const query = schema.getQueryType()!.getFields();
  query.employments.resolve = (_root, args: { first: number }) => Array.from({ length: args.first }, (_, i) => employment(i + 1));
  query.failing.resolve = async () => {
    throw new GraphQLError('Opus did not answer', { extensions: { code: 'SOURCE_UNAVAILABLE' } });
  };
  // Thrown without extensions, as a source's error is (platform/errors.ts gives it its code).
  query.broken.resolve = () => {
    throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
  };
  // Methods on the object are resolvers here, as the resolvers map of a real subgraph makes them.
  const employmentType = schema.getType('Employment') as import('graphql').GraphQLObjectType;
  employmentType.getFields().absences.resolve = (root: ReturnType<typeof employment>, args: { from: string }) => root.absences(args);
  employmentType.getFields().secret.resolve = (root: ReturnType<typeof employment>) => root.secret();
  return schema;
}

/** Executions answered compiled and on graphql-js, and documents compiled, as the executor reports them. */
function counting() {
  const counters = { compiled: 0, interpreted: 0, compilations: 0 };
  const observe = (event: ExecutionEvent) => {
    if (event === 'compiled') counters.compiled++;
    else if (event === 'graphql-js') counters.interpreted++;
    else counters.compilations++;
  };
  return { counters, observe };
}

const QUERY = `query Staff($first: Int!) { employments(first: $first) { number name absences(from: "2026-01-01") secret } }
  query Failing { failing { number } }`;

describe('compiled execution', () => {
  it('runs a document on graphql-js until it has run compileAfter times, then compiled, with equal answers', async () => {
    const { counters, observe } = counting();
    const execute = compiledExecutor(schemaWithResolvers(), 1, observe);
    const document = parse(QUERY);
    const run = () => execute({ document, request: { operationName: 'Staff', variables: { first: 3 } }, context: {} } as never);
    const first = JSON.parse(JSON.stringify(await run()));
    expect(counters).toEqual({ compiled: 0, interpreted: 1, compilations: 0 });
    const second = JSON.parse(JSON.stringify(await run()));
    const third = JSON.parse(JSON.stringify(await run()));
    expect(counters).toEqual({ compiled: 2, interpreted: 1, compilations: 1 });
    expect(second).toEqual(first);
    expect(third).toEqual(first);
    expect(first.data.employments).toEqual([
      { number: '1', name: 'Person 1', absences: ['2026-01-01/1'], secret: null },
      { number: '2', name: null, absences: ['2026-01-01/2'], secret: null },
      { number: '3', name: 'Person 3', absences: ['2026-01-01/3'], secret: null },
    ]);
    // Field errors keep their message, path and code when compiled.
    expect(first.errors).toHaveLength(3);
    expect(second.errors).toEqual(first.errors);
    expect(second.errors[0]).toMatchObject({ message: 'Needs payroll:read', path: ['employments', 0, 'secret'], extensions: { code: 'FORBIDDEN' } });
  });

  it('compiles each operation of a document on its own, at first sight with compileAfter 0', async () => {
    const { counters, observe } = counting();
    const execute = compiledExecutor(schemaWithResolvers(), 0, observe);
    const document = parse(QUERY);
    const staff = await execute({ document, request: { operationName: 'Staff', variables: { first: 1 } }, context: {} } as never);
    const failing = await execute({ document, request: { operationName: 'Failing' }, context: {} } as never);
    expect(counters).toEqual({ compiled: 2, interpreted: 0, compilations: 2 });
    expect(staff.data).toMatchObject({ employments: [{ number: '1' }] });
    expect(failing.data).toEqual({ failing: null });
    expect(failing.errors?.[0]).toMatchObject({ message: 'Opus did not answer', extensions: { code: 'SOURCE_UNAVAILABLE' } });
  });

  it('applies a variable’s default when the variable is not sent, also for a non-null one', async () => {
    const execute = compiledExecutor(schemaWithResolvers(), 0);
    const document = parse('query Staff($first: Int! = 2, $from: String = "2026-06-01") { employments(first: $first) { absences(from: $from) } }');
    const result = await execute({ document, request: { operationName: 'Staff', variables: {} }, context: {} } as never);
    expect(result).toEqual({ data: { employments: [{ absences: ['2026-06-01/1'] }, { absences: ['2026-06-01/2'] }] } });
    const sent = await execute({ document, request: { operationName: 'Staff', variables: { first: 1 } }, context: {} } as never);
    expect(sent).toEqual({ data: { employments: [{ absences: ['2026-06-01/1'] }] } });
  });

  it('answers variables that do not fit with the same BAD_USER_INPUT as graphql-js, over HTTP status 400', async () => {
    const answers = [];
    for (const compileAfter of [0, 'off'] as const) {
      const schema = schemaWithResolvers();
      const server = new ApolloServer(compileAfter === 'off' ? { schema } : { gateway: compiledExecution(schema, compileAfter) });
      await server.start();
      const response = await server.executeOperation({ query: QUERY, operationName: 'Staff', variables: { first: 'many' } });
      await server.stop();
      expect(response.body.kind === 'single' && response.body.singleResult.data).toBeUndefined();
      answers.push({
        status: response.http.status,
        errors: response.body.kind === 'single' && response.body.singleResult.errors?.map((e) => ({ message: e.message, code: e.extensions?.code })),
      });
    }
    // The wording differs by a clause (jit adds "Expected type Int;"); status, code and variable do not.
    for (const answer of answers) {
      expect(answer).toEqual({ status: 400, errors: [{ code: 'BAD_USER_INPUT', message: expect.stringMatching(/^Variable "\$first" got invalid value "many"; .*Int cannot represent non-integer value: "many"$/) }] });
    }
  });

  it('serves through Apollo Server, whose parsing, validation and error formatting stay in front', async () => {
    const { counters, observe } = counting();
    const server = new ApolloServer({ gateway: compiledExecution(schemaWithResolvers(), 1, observe) });
    await server.start();
    try {
      const ask = (query: string, variables?: Record<string, unknown>) =>
        server.executeOperation({ query, variables, operationName: query.includes('Staff') ? 'Staff' : undefined });
      for (let i = 0; i < 3; i++) {
        const response = await ask(QUERY, { first: 2 });
        expect(response.body.kind === 'single' && response.body.singleResult.data).toMatchObject({ employments: [{ number: '1' }, { number: '2' }] });
      }
      // Apollo Server parses the document once and keeps it, so the compiled function is found again.
      expect(counters).toEqual({ compiled: 2, interpreted: 1, compilations: 1 });
      // An error thrown without extensions keeps its path and location, on graphql-js and compiled.
      for (let i = 0; i < 2; i++) {
        const broken = await ask('{ broken }');
        expect(broken.body.kind === 'single' && broken.body.singleResult.errors).toEqual([
          { message: 'connect ECONNREFUSED', locations: [{ line: 1, column: 3 }], path: ['broken'], extensions: { code: 'INTERNAL_SERVER_ERROR' } },
        ]);
      }
      expect(counters).toEqual({ compiled: 3, interpreted: 2, compilations: 2 });
      const invalid = await ask('{ employments(first: 1) { salary } }');
      expect(invalid.body.kind === 'single' && invalid.body.singleResult.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(counters.compiled + counters.interpreted).toBe(5);
    } finally {
      await server.stop();
    }
  });

  it('reads SUBGRAPH_COMPILE_AFTER: default 1, 0 or more, or off; anything else stops the subgraph', () => {
    expect(compileAfterFromEnv({})).toBe(1);
    expect(compileAfterFromEnv({ SUBGRAPH_COMPILE_AFTER: '0' })).toBe(0);
    expect(compileAfterFromEnv({ SUBGRAPH_COMPILE_AFTER: 'off' })).toBe('off');
    expect(() => compileAfterFromEnv({ SUBGRAPH_COMPILE_AFTER: 'soon' })).toThrow(/SUBGRAPH_COMPILE_AFTER/);
  });
});
