// submitOneOffPaymentsBulk: engangsydelser for many employments in one request. Opus's update takes
// one employment (Medarbejder, not a list: sources/opus/wire.ts, DESIGN.md "Engangsydelser"), so each
// employment is its own update, stored all or none, sent OPUS_MAX_CONCURRENCY at a time; one refused
// or failed employment does not stop the others. The idempotency key covers the whole submission:
// the request has a record, and each employment a record of its own under the same key with an
// OpdateringsID derived from the request's (partUpdateId), so a retry after a partial failure sends
// only the employments without a recorded answer, under the IDs the first attempt used, and never
// stores a line twice.
import { randomUUID } from 'node:crypto';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { OneOffPaymentLine } from '../../../sources/opus/OpusSource.js';
import { mapConcurrently } from '../../../sources/concurrency.js';
import type { SubgraphContext } from '../../shared/context.js';
import { badInput } from '../../../platform/errors.js';
import { Idempotency, partUpdateId, type IdempotentRequest } from '../../shared/idempotency/idempotency.js';
import { RequiresScopes } from '../../shared/auth/access.js';
import { EmploymentPaymentsInput } from '../inputs/EmploymentPaymentsInput.js';
import { invalidPayments, listed, paymentLines, type ListedProblem, type PaymentProblem } from '../oneOffPayments/lines.js';
import { bothAccountsRefusal, toSubmission } from '../oneOffPayments/submission.js';
import { OpusNotApplied } from '../../shared/opusMessages.js';
import { OneOffPaymentBulkSubmission } from '../types/OneOffPaymentBulkSubmission.js';
import type { OneOffPaymentSubmission } from '../types/OneOffPaymentSubmission.js';
import { Cost, SOURCE_UPDATE_COST } from '../../shared/demandControl.js';

/**
 * This API's bounds on one bulk submission (a department's overtime is tens to hundreds of people):
 * 500 employments are 500 Opus updates, about a minute at 8 at a time and 1 s each; 5,000 lines are
 * about 600 KB of JSON, which the gateway accepts only with MAX_BODY_BYTES raised (docs/payroll.md).
 */
export const MAX_BULK_EMPLOYMENTS = 500;
export const MAX_BULK_LINES = 5_000;

const EMPLOYMENT_NUMBER = /^\d{1,10}$/;

interface Employment {
  index: number;
  employmentNumber: string;
  lines: OneOffPaymentLine[];
  bothAccounts: number[];
}

/** Not every employment was stored: the request's record is released, so a retry under the key sends the rest. */
class Incomplete extends Error {
  constructor(readonly results: Array<OneOffPaymentSubmission | Error>) {
    super('Not every employment was stored');
  }
}

@Resolver()
export class OneOffPaymentBulkMutationResolver {
  @RequiresScopes('payments:write')
  @Cost(SOURCE_UPDATE_COST)
  @Mutation(() => OneOffPaymentBulkSubmission, {
    nullable: true,
    description:
      `Submits engangsydelser for up to ${MAX_BULK_EMPLOYMENTS} employments (${MAX_BULK_LINES} lines in all) to Opus, one Engangsydelser update per employment, each stored all or none; with \`validateOnly\` Opus checks them and stores nothing (Kun_Valider). ` +
      "One answer per employment, in the order given; an employment Opus refuses does not stop the others. Input a client must fix is refused as a whole (BAD_USER_INPUT listing every problem of every line in `extensions.problems`), nothing sent. " +
      'Retry with the same `idempotencyKey` and the same submissions after a failure or an incomplete answer: employments already stored are not sent again, the others are resent under the same OpdateringsID, so no line is ever stored twice.',
  })
  async submitOneOffPaymentsBulk(
    @Arg('submissions', () => [EmploymentPaymentsInput], { description: 'One entry per employment (each employment once), with all its lines.' }) submissions: EmploymentPaymentsInput[],
    @Arg('idempotencyKey', () => String, {
      description: 'One key per intended submission (8-128 characters; a UUID is ideal); retry with the same key. A validate-only call does not use the key up.',
    })
    idempotencyKey: string,
    @Ctx() ctx: SubgraphContext,
    @Arg('validateOnly', () => Boolean, { defaultValue: false, description: 'Kun validér: Opus checks every employment\'s payments and stores nothing.' }) validateOnly: boolean,
  ): Promise<OneOffPaymentBulkSubmission> {
    Idempotency.validateKey(idempotencyKey);
    const employments = parseSubmissions(submissions, ctx.sources.opus.maxBatchSize);
    const context = (e: Employment) => ({ employmentNumber: e.employmentNumber, validateOnly, lineCount: e.lines.length });
    const send = (e: Employment, updateId: string) => ctx.sources.opus.updateOneOffPayments({ employmentNumber: e.employmentNumber, updateId, validateOnly, payments: e.lines });
    const eachEmployment = (run: (e: Employment) => Promise<OneOffPaymentSubmission>) =>
      mapConcurrently(employments, ctx.sources.opusConcurrency, async (e): Promise<OneOffPaymentSubmission | Error> => {
        // Lines with both accounts are answered as Opus would (167) and never sent, as in submitOneOffPayments.
        if (e.bothAccounts.length > 0) return bothAccountsRefusal(e.bothAccounts, context(e));
        try {
          return await run(e);
        } catch (error) {
          // A failed call fails its own item (an error on its path), never the others.
          return error instanceof Error ? error : new Error(String(error));
        }
      });

    if (validateOnly) {
      const results = await eachEmployment(async (e) => toSubmission(await send(e, randomUUID()), { ...context(e), replayed: false }));
      return summary(results, validateOnly, false);
    }

    const request: IdempotentRequest = {
      operation: 'oneOffPaymentsBulk',
      caller: `${ctx.principal.clientId}|${ctx.principal.subject}`,
      key: idempotencyKey,
      request: employments.map((e) => ({ employmentNumber: e.employmentNumber, lines: e.lines })),
    };
    try {
      const outcome = await ctx.idempotency.run(request, async (requestUpdateId) => {
        const results = await eachEmployment(async (e) => {
          const part = `${e.index}.${e.employmentNumber}`;
          try {
            const stored = await ctx.idempotency.run(
              { ...request, part, request: { employmentNumber: e.employmentNumber, lines: e.lines }, updateId: partUpdateId(requestUpdateId, part) },
              async (updateId) => {
                const result = await send(e, updateId);
                if (!result.accepted) throw new OpusNotApplied(result);
                return result;
              },
            );
            return toSubmission(stored.result, { ...context(e), replayed: stored.replayed });
          } catch (error) {
            if (error instanceof OpusNotApplied) return toSubmission(error.result, { ...context(e), replayed: false });
            throw error;
          }
        });
        if (!results.every((r) => !(r instanceof Error) && r.stored)) throw new Incomplete(results);
        return results as OneOffPaymentSubmission[];
      });
      const results = outcome.replayed ? outcome.result.map((r) => ({ ...r, replayed: true })) : outcome.result;
      return summary(results, validateOnly, outcome.replayed);
    } catch (error) {
      if (error instanceof Incomplete) return summary(error.results, validateOnly, false);
      throw error;
    }
  }
}

function summary(results: Array<OneOffPaymentSubmission | Error>, validateOnly: boolean, replayed: boolean): OneOffPaymentBulkSubmission {
  const done = (r: OneOffPaymentSubmission | Error) => !(r instanceof Error) && (validateOnly ? r.accepted : r.stored);
  return {
    results,
    storedCount: results.filter((r) => !(r instanceof Error) && r.stored).length,
    complete: results.every(done),
    validateOnly,
    replayed,
  };
}

/**
 * Every problem of every submission at once, or the employments to send. The request's size is
 * checked first: past it, listing the problems of thousands of lines helps nobody.
 */
function parseSubmissions(submissions: readonly EmploymentPaymentsInput[], maxLinesPerEmployment: number): Employment[] {
  if (submissions.length === 0) throw badInput('`submissions` needs at least one employment', { argument: 'submissions' });
  if (submissions.length > MAX_BULK_EMPLOYMENTS) {
    throw badInput(`At most ${MAX_BULK_EMPLOYMENTS} employments per bulk submission, got ${submissions.length}`, { argument: 'submissions', limit: MAX_BULK_EMPLOYMENTS });
  }
  const lineCount = submissions.reduce((n, s) => n + s.payments.length, 0);
  if (lineCount > MAX_BULK_LINES) {
    throw badInput(`At most ${MAX_BULK_LINES} payment lines per bulk submission, got ${lineCount}`, { argument: 'submissions', limit: MAX_BULK_LINES });
  }
  const problems: ListedProblem[] = [];
  const firstIndex = new Map<string, number>();
  const employments = submissions.map((s, index): Employment => {
    const at = { submission: index, employmentNumber: s.employmentNumber };
    const own: PaymentProblem[] = [];
    if (!EMPLOYMENT_NUMBER.test(s.employmentNumber)) own.push({ line: null, field: 'employmentNumber', message: 'must be a medarbejdernummer (1-10 digits)' });
    else if (firstIndex.has(s.employmentNumber)) {
      own.push({ line: null, field: 'employmentNumber', message: `repeats submissions[${firstIndex.get(s.employmentNumber)}]: give each employment once, with all its lines (one Opus update)` });
    } else firstIndex.set(s.employmentNumber, index);
    const { lines, bothAccounts, problems: lineProblems } = paymentLines(s.payments, maxLinesPerEmployment);
    for (const p of [...own, ...lineProblems]) problems.push(listed(p, at));
    return { index, employmentNumber: s.employmentNumber, lines, bothAccounts };
  });
  if (problems.length > 0) throw invalidPayments(problems);
  return employments;
}
