// submitFixedPayItems: one faste tillæg/fradrag update per call, as submitOneOffPayments: a real
// submission runs under the client's idempotency key (required here: the update changes every future
// payroll run), every attempt sends the key's OpdateringsID, and a finished answer is replayed.
// Validate-only calls change nothing and do not use the key up.
import { randomUUID } from 'node:crypto';
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { FixedPayItemLine } from '../../../sources/opus/OpusSource.js';
import type { SubgraphContext } from '../../shared/context.js';
import { RequiresScopes } from '../../shared/auth/access.js';
import { parseEmploymentNumber } from '../../shared/arguments.js';
import { FixedPayItemInput } from '../inputs/FixedPayItemInput.js';
import { fixedPayLines } from '../fixedPayItems/lines.js';
import { problemsError, updateArgumentProblems } from '../../shared/inputProblems.js';
import { OpusNotApplied } from '../../shared/opusMessages.js';
import { toFixedPaySubmission } from '../fixedPayItems/submission.js';
import { FixedPayItemSubmission } from '../types/FixedPayItemSubmission.js';
import { Cost, SOURCE_UPDATE_COST } from '../../shared/demandControl.js';

@Resolver()
export class FixedPayItemMutationResolver {
  @RequiresScopes('fixed-pay:write')
  @Cost(SOURCE_UPDATE_COST)
  @Mutation(() => FixedPayItemSubmission, {
    nullable: true,
    description:
      'Adds and stops faste tillæg/fradrag of one employment in Opus (Personoplysninger og faste tillæg), all lines or none, or with `validateOnly` has Opus check them without changing anything. ' +
      "Opus's verdict comes back as the result, rejections included, each message with its line; errors are input a client must fix (BAD_USER_INPUT listing every problem of every line in `extensions.problems`, nothing sent) or a failed call to Opus (SOURCE_*): retry those with the same `idempotencyKey`.",
  })
  async submitFixedPayItems(
    @Arg('employmentNumber', () => ID, { description: 'Medarbejdernummer.' }) employmentNumber: string,
    @Arg('items', () => [FixedPayItemInput], { description: 'The lines, in the order their messages refer to (line 1 first); Opus applies them in this order.' }) items: FixedPayItemInput[],
    @Arg('idempotencyKey', () => String, {
      description: 'One key per intended change (8-128 characters; a UUID is ideal); retry with the same key and the same lines, and Opus applies them once. A validate-only call does not use the key up.',
    })
    idempotencyKey: string,
    @Ctx() ctx: SubgraphContext,
    @Arg('validateOnly', () => Boolean, { defaultValue: false, description: 'Kun validér: Opus checks the lines and changes nothing.' }) validateOnly: boolean,
  ): Promise<FixedPayItemSubmission> {
    const { lines, problems } = fixedPayLines(items, ctx.sources.opus.maxBatchSize);
    const all = [...updateArgumentProblems(employmentNumber, idempotencyKey), ...problems];
    if (all.length > 0) throw problemsError(all);

    const number = parseEmploymentNumber(employmentNumber);
    const context = { employmentNumber: number, validateOnly, lineCount: lines.length };
    const send = (updateId: string) => ctx.sources.opus.updateFixedPayItems({ employmentNumber: number, updateId, validateOnly, items: lines });
    if (validateOnly) return toFixedPaySubmission(await send(randomUUID()), { ...context, replayed: false });

    try {
      const outcome = await ctx.idempotency.run(
        { operation: 'fixedPayItems', caller: `${ctx.principal.clientId}|${ctx.principal.subject}`, key: idempotencyKey, request: fingerprint(number, lines) },
        async (updateId) => {
          const result = await send(updateId);
          if (!result.accepted) throw new OpusNotApplied(result);
          return result;
        },
      );
      return toFixedPaySubmission(outcome.result, { ...context, replayed: outcome.replayed });
    } catch (error) {
      if (error instanceof OpusNotApplied) return toFixedPaySubmission(error.result, { ...context, replayed: false });
      throw error;
    }
  }
}

/** What makes two submissions the same request: the employment and the lines as they would be sent. */
function fingerprint(employmentNumber: string, lines: readonly FixedPayItemLine[]) {
  return { employmentNumber, lines };
}
