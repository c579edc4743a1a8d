// updatePersonalData: Persondata and Adresse of a person to Opus ("Personoplysninger og faste
// tillæg", its personal-data half), as submitFixedPayItems sends the faste tillæg half: every input
// problem listed at once with nothing sent, a real update under the client's idempotency key (every
// attempt sends the key's OpdateringsID, a finished answer is replayed), Opus's verdict and messages
// as the answer. Validate-only calls change nothing and do not use the key up.
import { randomUUID } from 'node:crypto';
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { OneOffPaymentResult } from '../../../sources/opus/OpusSource.js';
import { updateIdToWire } from '../../../sources/opus/wire.js';
import { RequiresScopes } from '../../shared/auth/access.js';
import type { SubgraphContext } from '../../shared/context.js';
import { today } from '../../shared/dates.js';
import { OpusNotApplied, SEVERITY } from '../../shared/opusMessages.js';
import { parseEmploymentNumber } from '../../shared/arguments.js';
import { PersonalDataInput } from '../inputs/PersonalDataInput.js';
import { parsePersonalDataInput } from '../personalData.js';
import { problemsError, updateArgumentProblems } from '../../shared/inputProblems.js';
import type { EmploymentParent } from '../parents.js';
import { PersonalDataUpdate } from '../types/PersonalDataUpdate.js';
import { Cost, SOURCE_UPDATE_COST } from '../../shared/demandControl.js';

type PersonalDataUpdateValue = Omit<PersonalDataUpdate, 'employment'> & { employment: EmploymentParent };

function answer(result: OneOffPaymentResult, employmentNumber: string, validateOnly: boolean, replayed: boolean): PersonalDataUpdateValue {
  return {
    employmentNumber,
    accepted: result.accepted,
    stored: result.accepted && !validateOnly,
    validateOnly,
    updateId: updateIdToWire(result.updateId),
    timestamp: result.timestamp,
    replayed,
    messages: result.messages.map((m) => ({ opusCode: m.code, severity: SEVERITY[m.type], text: m.text })),
    // No areas: each field the client selects reads Opus after the update.
    employment: { employmentNumber, asOf: today() },
  };
}

@Resolver(() => PersonalDataUpdate)
export class PersonalDataResolver {
  @RequiresScopes('personal-data:write')
  @Cost(SOURCE_UPDATE_COST)
  @Mutation(() => PersonalDataUpdate, {
    nullable: true,
    description:
      'Changes a person’s Persondata (first and last name) and Adresse (home address) in Opus, all fields or none, or with `validateOnly` has Opus check them without changing anything. ' +
      'The data belongs to the person: every employment of the person shows it on the next read. Fields left out keep their value. ' +
      'Opus’s verdict comes back as the result, rejections included, with Opus’s messages; errors are input a client must fix (BAD_USER_INPUT listing every problem of every field in `extensions.problems`, nothing sent) ' +
      'or a failed call to Opus (SOURCE_*): retry those with the same `idempotencyKey`. Every attempt and outcome is audited, names and street as their length only.',
  })
  async updatePersonalData(
    @Arg('employmentNumber', () => ID, { description: 'Medarbejdernummer of any of the person’s employments; it must not have ended.' }) employmentNumber: string,
    @Arg('input', () => PersonalDataInput) input: PersonalDataInput,
    @Arg('idempotencyKey', () => String, {
      description: 'One key per intended change (8-128 characters; a UUID is ideal); retry with the same key and the same input, and Opus applies it once. A validate-only call does not use the key up.',
    })
    idempotencyKey: string,
    @Ctx() ctx: SubgraphContext,
    @Arg('validateOnly', () => Boolean, { defaultValue: false, description: 'Kun validér: Opus checks the update and changes nothing.' }) validateOnly: boolean,
  ): Promise<PersonalDataUpdateValue> {
    const { changes, problems } = parsePersonalDataInput(input);
    const all = [...updateArgumentProblems(employmentNumber, idempotencyKey), ...problems];
    if (all.length > 0) throw problemsError(all);

    const number = parseEmploymentNumber(employmentNumber);
    const send = (updateId: string) => ctx.sources.opus.updatePersonalData({ employmentNumber: number, updateId, validateOnly, changes });
    if (validateOnly) return answer(await send(randomUUID()), number, true, false);

    try {
      const outcome = await ctx.idempotency.run(
        { operation: 'updatePersonalData', caller: `${ctx.principal.clientId}|${ctx.principal.subject}`, key: idempotencyKey, request: { employmentNumber: number, changes } },
        async (updateId) => {
          const result = await send(updateId);
          if (!result.accepted) throw new OpusNotApplied(result);
          return result;
        },
      );
      return answer(outcome.result, number, false, outcome.replayed);
    } catch (error) {
      if (error instanceof OpusNotApplied) return answer(error.result, number, false, false);
      throw error;
    }
  }
}
