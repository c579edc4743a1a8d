// submitOneOffPayments: one Engangsydelser update per call. A real submission runs under the client's
// idempotency key, so retries (by the client, or after the gateway gave up waiting) never store the
// same payments twice: the first attempt claims the key, every attempt sends the key's OpdateringsID,
// and a finished answer is replayed. Validate-only calls store nothing and need no key.
import { randomUUID } from 'node:crypto';
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { OneOffPaymentLine } from '../../../sources/opus/OpusSource.js';
import type { SubgraphContext } from '../../shared/context.js';
import { badInput } from '../../../platform/errors.js';
import { Idempotency } from '../../shared/idempotency/idempotency.js';
import { RequiresScopes } from '../../shared/auth/access.js';
import { OneOffPaymentInput } from '../inputs/OneOffPaymentInput.js';
import { invalidPayments, listed, paymentLines } from '../oneOffPayments/lines.js';
import { bothAccountsRefusal, toSubmission } from '../oneOffPayments/submission.js';
import { OpusNotApplied } from '../../shared/opusMessages.js';
import { parseEmploymentNumber } from '../../shared/arguments.js';
import { OneOffPaymentSubmission } from '../types/OneOffPaymentSubmission.js';
import { Cost, SOURCE_UPDATE_COST } from '../../shared/demandControl.js';

@Resolver()
export class OneOffPaymentMutationResolver {
  @RequiresScopes('payments:write')
  @Cost(SOURCE_UPDATE_COST)
  @Mutation(() => OneOffPaymentSubmission, {
    nullable: true,
    description:
      'Submits engangsydelser for one employment to Opus (Engangsydelser update), or with `validateOnly` has Opus check them without storing anything (Kun_Valider). ' +
      "Opus's verdict comes back as the result, rejections included; errors are input a client must fix (BAD_USER_INPUT listing every problem of every line in `extensions.problems`, nothing sent) or a failed call to Opus (SOURCE_*): retry those with the same `idempotencyKey`. " +
      'A submission that stores needs an `idempotencyKey` (8-128 characters; a UUID is ideal): retries with the same key and the same payments never store them twice and get the first answer.',
  })
  async submitOneOffPayments(
    @Arg('employmentNumber', () => ID, { description: 'Medarbejdernummer.' }) employmentNumber: string,
    @Arg('payments', () => [OneOffPaymentInput], { description: 'The lines, in the order their messages refer to (line 1 first).' }) payments: OneOffPaymentInput[],
    @Ctx() ctx: SubgraphContext,
    @Arg('validateOnly', () => Boolean, { defaultValue: false, description: 'Kun validér: Opus checks the payments and stores nothing.' }) validateOnly: boolean,
    @Arg('idempotencyKey', () => String, {
      nullable: true,
      description: 'Required unless `validateOnly`. One key per intended submission; retry with the same key. A validate-only call does not use the key up.',
    })
    idempotencyKey?: string | null,
  ): Promise<OneOffPaymentSubmission> {
    const number = parseEmploymentNumber(employmentNumber);
    const { lines, bothAccounts, problems } = paymentLines(payments, ctx.sources.opus.maxBatchSize);
    if (problems.length > 0) throw invalidPayments(problems.map((p) => listed(p)));
    if (idempotencyKey !== undefined && idempotencyKey !== null) Idempotency.validateKey(idempotencyKey);
    else if (!validateOnly) throw badInput('`idempotencyKey` is required to submit payments (it is what makes a retry safe)', { argument: 'idempotencyKey' });

    const context = { employmentNumber: number, validateOnly, lineCount: lines.length };
    if (bothAccounts.length > 0) return bothAccountsRefusal(bothAccounts, context);

    const send = (updateId: string) => ctx.sources.opus.updateOneOffPayments({ employmentNumber: number, updateId, validateOnly, payments: lines });
    if (validateOnly) return toSubmission(await send(randomUUID()), { ...context, replayed: false });

    try {
      const outcome = await ctx.idempotency.run(
        { operation: 'oneOffPayments', caller: `${ctx.principal.clientId}|${ctx.principal.subject}`, key: idempotencyKey!, request: fingerprint(number, lines) },
        async (updateId) => {
          const result = await send(updateId);
          if (!result.accepted) throw new OpusNotApplied(result);
          return result;
        },
      );
      return toSubmission(outcome.result, { ...context, replayed: outcome.replayed });
    } catch (error) {
      if (error instanceof OpusNotApplied) return toSubmission(error.result, { ...context, replayed: false });
      throw error;
    }
  }
}

/** What makes two submissions the same request: the employment and the lines as they would be sent. */
function fingerprint(employmentNumber: string, lines: readonly OneOffPaymentLine[]) {
  return { employmentNumber, lines };
}
