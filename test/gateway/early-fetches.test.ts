// An entity fetch whose representation the operation's arguments give goes out beside the root fetch
// (gateway/execution/earlyFetches.ts), and its answer is used only when the plan, run as written,
// would have sent exactly that representation. Run here on the real supergraph's plans against
// subgraphs that record what they are asked and when; the answers through the whole stack are
// compared with @apollo/gateway's in plan-execution.test.ts.
import { readFileSync } from 'node:fs';
import { Supergraph, operationFromDocument } from '@apollo/federation-internals';
import { QueryPlanner } from '@apollo/query-planner';
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { executePlan, type PlanRun } from '../../gateway/execution/planExecutor.js';
import { withMergedFetches, type ExecNode } from '../../gateway/execution/mergedFetches.js';
import { candidatesOf } from '../../gateway/execution/earlyFetches.js';
import { RememberedFetches, singleEntitySlots } from '../../gateway/execution/rememberedFetches.js';
import { adoptStaleData, collectStaleData, staleDataResponsePlugin } from '../../gateway/staleData.js';

const supergraph = Supergraph.build(readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8'));
const planner = new QueryPlanner(supergraph);
const supergraphSchema = supergraph.schema.toGraphQLJSSchema();

function planOf(query: string): ExecNode {
  const { node } = planner.buildQueryPlan(operationFromDocument(supergraph.apiSchema(), parse(query)));
  return withMergedFetches(node as Parameters<typeof withMergedFetches>[0]);
}

const ABSENCES = /* GraphQL */ `
  query EmploymentAbsences($employmentNumber: ID!, $from: Date, $to: Date) {
    employment(employmentNumber: $employmentNumber) {
      employmentNumber
      employee { name }
      absences(from: $from, to: $to) { type }
    }
  }
`;

type Answer = { data?: unknown; errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }> };
type Handler = (options: GraphQLDataSourceProcessOptions) => Answer | Promise<Answer>;

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Subgraphs that answer with `handlers` and log when each fetch is sent and answered. */
function subgraphs(handlers: Record<string, Handler>) {
  const log: string[] = [];
  const asked: Record<string, unknown[][]> = {};
  const services: Record<string, GraphQLDataSource> = {};
  for (const name of ['employee', 'organisation', 'absence', 'payroll']) {
    services[name] = {
      async process(options) {
        const representations = options.request.variables?.representations as unknown[] | undefined;
        if (representations) (asked[name] ??= []).push(representations);
        log.push(`${name} sent`);
        const answer = await (handlers[name] ?? (() => ({ data: {} })))(options as GraphQLDataSourceProcessOptions);
        log.push(`${name} answered`);
        return answer as never;
      },
    };
  }
  return { services, log, asked };
}

/** The employee subgraph's answer to the root fetch, after a delay in which anything sent early is sent. */
const employment = (employmentNumber: string | null): Handler => async () => {
  await delay(20);
  return { data: { employment: employmentNumber === null ? null : { __typename: 'Employment', employmentNumber, employee: { name: 'Anna' } } } };
};

const absences: Handler = (options) => ({
  data: { _entities: (options.request.variables!.representations as unknown[]).map(() => ({ absences: [{ type: 'SICKNESS' }] })) },
});

async function run(query: string, variables: Record<string, unknown>, handlers: Record<string, Handler>, remembered?: RememberedFetches, plan = planOf(query)) {
  const stack = subgraphs(handlers);
  const adopted: Array<[object, object]> = [];
  const context = { requestId: 'r1' };
  const planRun: PlanRun<typeof context> = {
    services: stack.services as PlanRun<typeof context>['services'],
    supergraph: supergraphSchema,
    variables,
    coerced: variables,
    context,
    incomingRequestContext: {},
    errors: [],
    adoptEffects: (from, to) => adopted.push([from, to]),
    remembered,
  };
  const data: Record<string, unknown> = {};
  await executePlan(planRun, plan, data);
  return { ...stack, data, errors: planRun.errors, adopted, context };
}

describe('entity fetches sent with the root fetch', () => {
  it('go out before the root fetch answers, and their answer is merged as the plan merges it', async () => {
    const r = await run(ABSENCES, { employmentNumber: '1001', from: '2026-01-01', to: '2026-12-31' }, { employee: employment('1001'), absence: absences });
    expect(r.log).toEqual(['employee sent', 'absence sent', 'absence answered', 'employee answered']);
    expect(r.asked.absence).toEqual([[{ __typename: 'Employment', employmentNumber: '1001' }]]);
    expect(r.data).toEqual({ employment: { __typename: 'Employment', employmentNumber: '1001', employee: { name: 'Anna' }, absences: [{ type: 'SICKNESS' }] } });
    expect(r.errors).toEqual([]);
    // What sending it noted is handed to the request once its answer is used, and only then.
    expect(r.adopted).toHaveLength(1);
    expect(Object.getPrototypeOf(r.adopted[0][0])).toBe(r.context);
    expect(r.adopted[0][1]).toBe(r.context);
  });

  it('with the key written in the query as a literal', async () => {
    const query = ABSENCES.replace('($employmentNumber: ID!, $from: Date, $to: Date)', '($from: Date, $to: Date)').replace('$employmentNumber', '"1001"');
    const r = await run(query, { from: '2026-01-01' }, { employee: employment('1001'), absence: absences });
    expect(r.log.indexOf('absence sent')).toBeLessThan(r.log.indexOf('employee answered'));
    expect(r.asked.absence).toHaveLength(1);
  });

  it('are dropped, errors and all, when the root field answers null', async () => {
    const failing: Handler = () => ({ errors: [{ message: 'no such employment', path: ['_entities', 0, 'absences'], extensions: { code: 'NOT_FOUND' } }] });
    const r = await run(ABSENCES, { employmentNumber: '9999' }, { employee: employment(null), absence: failing });
    expect(r.asked.absence).toHaveLength(1);
    expect(r.data).toEqual({ employment: null });
    expect(r.errors).toEqual([]);
    expect(r.adopted).toEqual([]);
  });

  it('are sent again, as the plan says, when the root field answers another key', async () => {
    // The subgraph answers the employment under its own spelling of the number.
    const r = await run(ABSENCES, { employmentNumber: '1001' }, { employee: employment('01001'), absence: absences });
    expect(r.asked.absence).toEqual([[{ __typename: 'Employment', employmentNumber: '1001' }], [{ __typename: 'Employment', employmentNumber: '01001' }]]);
    expect((r.data.employment as Record<string, unknown>).absences).toEqual([{ type: 'SICKNESS' }]);
    expect(r.adopted).toEqual([]);
  });

  it('leave only the root fetch\'s error when the root fetch fails', async () => {
    const down: Handler = async () => {
      await delay(20);
      throw new GraphQLError('employee is down', { extensions: { code: 'SUBGRAPH_UNAVAILABLE' } });
    };
    const r = await run(ABSENCES, { employmentNumber: '1001' }, { employee: down, absence: absences });
    expect(r.errors.map((e) => e.message)).toEqual(['employee is down']);
    expect(r.data).toEqual({});
    expect(r.adopted).toEqual([]);
  });

  it('fail as the plan\'s own fetch would, their failure handed to the request', async () => {
    const down: Handler = () => {
      throw new GraphQLError('absence is down', { extensions: { code: 'SUBGRAPH_UNAVAILABLE' } });
    };
    const r = await run(ABSENCES, { employmentNumber: '1001' }, { employee: employment('1001'), absence: down });
    expect(r.asked.absence).toHaveLength(1);
    expect(r.errors.map((e) => e.message)).toEqual(['absence is down']);
    expect((r.data.employment as Record<string, unknown>).employee).toEqual({ name: 'Anna' });
    expect(r.adopted).toHaveLength(1);
  });

  it('are not sent when a key the representation needs is missing from the variables', async () => {
    // (The gateway refuses such a request before planning; the plan itself must not guess either.)
    const r = await run(ABSENCES, {}, { employee: employment(null), absence: absences });
    expect(r.asked.absence).toBeUndefined();
  });

  it('are not sent when the client\'s own variables hold "representations", which the plan refuses', async () => {
    const query = ABSENCES.replace('$to: Date)', '$representations: Date)').replace('to: $to', 'to: $representations');
    const r = await run(query, { employmentNumber: '1001', representations: '2026-12-31' }, { employee: employment('1001'), absence: absences });
    expect(r.asked.absence).toBeUndefined();
    expect(r.errors.map((e) => e.message)).toEqual(['Variables cannot contain key "representations"']);
  });

  it('are found only for a query\'s root fetch followed by entity fetches at its own path', () => {
    const sequence = (plan: ExecNode) => (plan.kind === 'Sequence' ? plan : undefined);
    // The employee card: the unit and the manager need keys only the employee subgraph answers.
    const card = planOf(`query Card($n: ID!) { employment(employmentNumber: $n) { orgUnit { name } employee { name manager { name } } } }`);
    expect(candidatesOf(supergraphSchema, sequence(card)!)).toEqual([]);
    // A unit's staff: the employee subgraph is asked by the unit's Opus number, which only organisation answers.
    const staff = planOf(`query Staff($id: ID!) { orgUnit(id: $id) { name employments { employmentNumber } } }`);
    expect(candidatesOf(supergraphSchema, sequence(staff)!)).toEqual([]);
    const payroll = planOf(`query P($n: ID!) { employment(employmentNumber: $n) { salaryPlacement { step } } }`);
    expect(candidatesOf(supergraphSchema, sequence(payroll)!).map((c) => [c.fetch.serviceName, c.path])).toEqual([['payroll', 'employment']]);
    // Nothing is read early after a mutation: the same plan, marked as a mutation's.
    const asMutation = { kind: 'Sequence' as const, nodes: sequence(payroll)!.nodes.map((n, i) => (i === 0 && n.kind === 'Fetch' ? { ...n, operationKind: 'mutation' as never } : n)) };
    expect(candidatesOf(supergraphSchema, asMutation)).toEqual([]);
  });

  it('hand the stale data their answers reported to the request, the oldest age per source kept', async () => {
    const request = {};
    const early = Object.create(request) as object;
    collectStaleData(request, { staleData: [{ source: 'KMD Opus', ageSeconds: 10 }] });
    collectStaleData(early, { staleData: [{ source: 'KMD Opus', ageSeconds: 30 }, { source: 'FK ORG', ageSeconds: 5 }] });
    const extensionsOf = async (context: object) => {
      const hooks = await staleDataResponsePlugin().requestDidStart!({} as never);
      const response = { body: { kind: 'single', singleResult: {} as { extensions?: Record<string, unknown> } } };
      await hooks!.willSendResponse!({ response, contextValue: context } as never);
      return response.body.singleResult.extensions;
    };
    expect(await extensionsOf(request)).toEqual({ staleData: [{ source: 'KMD Opus', ageSeconds: 10 }] });
    adoptStaleData(early, request);
    expect(await extensionsOf(request)).toEqual({ staleData: [{ source: 'KMD Opus', ageSeconds: 30 }, { source: 'FK ORG', ageSeconds: 5 }] });
    expect(await extensionsOf(early)).toBeUndefined();
  });
});

const STAFF = /* GraphQL */ `
  query UnitStaff($id: ID!) {
    orgUnit(id: $id) {
      name
      employments { employmentNumber salaryPlacement { step } }
    }
  }
`;

/** The organisation subgraph's answer to the root fetch: the unit under `opusId` (null: none), after a delay. */
const unit = (opusId: string | null): Handler => async () => {
  await delay(20);
  return { data: { orgUnit: opusId === null ? null : { __typename: 'OrgUnit', name: 'Skolen', opusId } } };
};

/** The employee subgraph: the staff of each unit asked for, numbered after its Opus number. */
const staff: Handler = (options) => ({
  data: {
    _entities: (options.request.variables!.representations as Array<{ opusId: string }>).map((r) => ({ employments: [{ __typename: 'Employment', employmentNumber: `${r.opusId}-1` }] })),
  },
});

const steps: Handler = (options) => ({ data: { _entities: (options.request.variables!.representations as unknown[]).map(() => ({ salaryPlacement: { step: 4 } })) } });

describe('single-entity fetches remembered from an earlier request', () => {
  it('are sent at the start when the same plan runs with the same variables, and answer as the plan would', async () => {
    const remembered = new RememberedFetches();
    const plan = planOf(STAFF);
    const handlers = { organisation: unit('1234'), employee: staff, payroll: steps };
    const first = await run(STAFF, { id: 'u1' }, handlers, remembered, plan);
    // The first time the employee fetch waits for the unit's Opus number.
    expect(first.log.slice(0, 3)).toEqual(['organisation sent', 'organisation answered', 'employee sent']);
    const second = await run(STAFF, { id: 'u1' }, handlers, remembered, plan);
    expect(second.log.indexOf('employee sent')).toBeLessThan(second.log.indexOf('organisation answered'));
    expect(second.asked.employee).toEqual([[{ __typename: 'OrgUnit', opusId: '1234' }]]);
    // The staff's salaries hang on a list: never remembered, always asked for after the staff.
    expect(second.log.indexOf('payroll sent')).toBeGreaterThan(second.log.indexOf('employee answered'));
    expect(second.data).toEqual(first.data);
    expect(second.errors).toEqual([]);
    expect(second.adopted).toHaveLength(1);
    expect(first.adopted).toEqual([]);
  });

  it('are dropped and sent again as the plan says when the representation has changed', async () => {
    const remembered = new RememberedFetches();
    const plan = planOf(STAFF);
    await run(STAFF, { id: 'u1' }, { organisation: unit('1234'), employee: staff, payroll: steps }, remembered, plan);
    const renumbered = await run(STAFF, { id: 'u1' }, { organisation: unit('5678'), employee: staff, payroll: steps }, remembered, plan);
    expect(renumbered.asked.employee).toEqual([[{ __typename: 'OrgUnit', opusId: '1234' }], [{ __typename: 'OrgUnit', opusId: '5678' }]]);
    expect((renumbered.data.orgUnit as { employments: unknown }).employments).toEqual([{ __typename: 'Employment', employmentNumber: '5678-1', salaryPlacement: { step: 4 } }]);
    expect(renumbered.adopted).toEqual([]);
    // And the new one is what is sent the time after.
    const third = await run(STAFF, { id: 'u1' }, { organisation: unit('5678'), employee: staff, payroll: steps }, remembered, plan);
    expect(third.asked.employee).toEqual([[{ __typename: 'OrgUnit', opusId: '5678' }]]);
  });

  it('are dropped, errors and all, when the root field answers null, and then forgotten', async () => {
    const remembered = new RememberedFetches();
    const plan = planOf(STAFF);
    await run(STAFF, { id: 'u1' }, { organisation: unit('1234'), employee: staff, payroll: steps }, remembered, plan);
    const failing: Handler = () => ({ errors: [{ message: 'no such unit', path: ['_entities', 0, 'employments'], extensions: { code: 'NOT_FOUND' } }] });
    const gone = await run(STAFF, { id: 'u1' }, { organisation: unit(null), employee: failing, payroll: steps }, remembered, plan);
    expect(gone.asked.employee).toHaveLength(1);
    expect(gone.data).toEqual({ orgUnit: null });
    expect(gone.errors).toEqual([]);
    expect(gone.adopted).toEqual([]);
    const after = await run(STAFF, { id: 'u1' }, { organisation: unit(null), employee: failing, payroll: steps }, remembered, plan);
    expect(after.asked.employee).toBeUndefined();
  });

  it('are sent only for the same variables, and never without the memory (a mutation has none)', async () => {
    const remembered = new RememberedFetches();
    const plan = planOf(STAFF);
    const handlers = { organisation: unit('1234'), employee: staff, payroll: steps };
    await run(STAFF, { id: 'u1' }, handlers, remembered, plan);
    const other = await run(STAFF, { id: 'u2' }, handlers, remembered, plan);
    expect(other.log.indexOf('employee sent')).toBeGreaterThan(other.log.indexOf('organisation answered'));
    const without = await run(STAFF, { id: 'u1' }, handlers, undefined, plan);
    expect(without.log.indexOf('employee sent')).toBeGreaterThan(without.log.indexOf('organisation answered'));
  });

  it('keep at most their capacity, the least recently sent dropped first', async () => {
    const remembered = new RememberedFetches(1);
    const plan = planOf(STAFF);
    const handlers = { organisation: unit('1234'), employee: staff, payroll: steps };
    await run(STAFF, { id: 'u1' }, handlers, remembered, plan);
    await run(STAFF, { id: 'u2' }, handlers, remembered, plan);
    expect(remembered.size).toBe(1);
    const first = await run(STAFF, { id: 'u1' }, handlers, remembered, plan);
    expect(first.log.indexOf('employee sent')).toBeGreaterThan(first.log.indexOf('organisation answered'));
    expect(new RememberedFetches(0).recall(plan, '{}')).toEqual([]);
    // And at most their budget of text, whatever the count allows.
    const small = new RememberedFetches(100, 150);
    for (const id of ['u1', 'u2', 'u3', 'u4']) await run(STAFF, { id }, handlers, small, plan);
    expect(small.size).toBe(2);
    expect(small.textSize).toBeLessThanOrEqual(150);
    const latest = await run(STAFF, { id: 'u4' }, handlers, small, plan);
    expect(latest.log.indexOf('employee sent')).toBeLessThan(latest.log.indexOf('organisation answered'));
  });

  it('leave to the arguments what they predict: one early fetch, counted as predicted', async () => {
    const remembered = new RememberedFetches();
    const plan = planOf(ABSENCES);
    const variables = { employmentNumber: '1001', from: '2026-01-01', to: '2026-12-31' };
    await run(ABSENCES, variables, { employee: employment('1001'), absence: absences }, remembered, plan);
    const again = await run(ABSENCES, variables, { employee: employment('1001'), absence: absences }, remembered, plan);
    expect(again.asked.absence).toEqual([[{ __typename: 'Employment', employmentNumber: '1001' }]]);
    expect(again.log).toEqual(['employee sent', 'absence sent', 'absence answered', 'employee answered']);
  });

  it('cover a merged fetch of single entities (the employee card\'s unit and manager)', async () => {
    const card = `query Card($n: ID!) { employment(employmentNumber: $n) { orgUnit { name } employee { name manager { name } } } }`;
    const plan = planOf(card);
    const slots = singleEntitySlots(plan);
    expect(slots.map((s) => [s.node.kind, s.node.serviceName])).toEqual([['MergedFetch', 'organisation']]);
    const remembered = new RememberedFetches();
    const employee: Handler = async () => {
      await delay(20);
      return { data: { employment: { __typename: 'Employment', orgUnit: { __typename: 'OrgUnit', opusId: '1234' }, employee: { __typename: 'Employee', id: 'p1', name: 'Anna', orgUnitPeriods: ['1234/2020-01-01/'], asOf: '2026-12-08' } } } };
    };
    const organisation: Handler = (options) => {
      const v = options.request.variables as Record<string, unknown[]>;
      return { data: { _entities0: v.representations0.map(() => ({ name: 'Skolen' })), _entities1: v.representations1.map(() => ({ manager: [{ name: 'Bo' }] })) } };
    };
    const first = await run(card, { n: '1001' }, { employee, organisation }, remembered, plan);
    const second = await run(card, { n: '1001' }, { employee, organisation }, remembered, plan);
    expect(second.log.indexOf('organisation sent')).toBeLessThan(second.log.indexOf('employee answered'));
    expect(second.data).toEqual(first.data);
    expect((second.data.employment as { employee: unknown }).employee).toMatchObject({ name: 'Anna', manager: [{ name: 'Bo' }] });
  });
});
