import { GraphQLError } from 'graphql';
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { Communication } from '../../../sources/model.js';
import { OpusBusinessError } from '../../../sources/opus/errors.js';
import { RequiresScopes } from '../../shared/auth/access.js';
import type { SubgraphContext } from '../../shared/context.js';
import { today } from '../../shared/dates.js';
import { ErrorCode, notFound } from '../../../platform/errors.js';
import { parseEmploymentNumber } from '../../shared/arguments.js';
import { parseCommunicationInput } from '../communication.js';
import { CommunicationInput } from '../inputs/CommunicationInput.js';
import type { EmploymentParent } from '../parents.js';
import { CommunicationUpdate } from '../types/CommunicationUpdate.js';
import { Cost, SOURCE_UPDATE_COST } from '../../shared/demandControl.js';

interface CommunicationUpdateValue {
  employmentNumber: string;
  communication: Communication;
  replayed: boolean;
  employment: EmploymentParent;
}

/** Opus said no: its own message and message codes, under the stable SOURCE_REJECTED. */
function rejected(error: OpusBusinessError): GraphQLError {
  return new GraphQLError(`KMD Opus rejected the update: ${error.message}`, {
    extensions: {
      code: ErrorCode.SOURCE_REJECTED,
      source: error.source,
      opusStatus: error.status,
      opusMessages: error.messages.map((m) => ({ code: m.code, type: m.type, text: m.text })),
    },
  });
}

@Resolver(() => CommunicationUpdate)
export class CommunicationResolver {
  @RequiresScopes('communication:write')
  @Cost(SOURCE_UPDATE_COST)
  @Mutation(() => CommunicationUpdate, {
    nullable: true,
    description:
      'Updates an employment’s Kommunikation in Opus and returns what Opus stored. Fields left out of `input` keep their value; null or "" clears one. ' +
      'Invalid input is refused with BAD_USER_INPUT naming each offending field, and nothing is sent. ' +
      '`idempotencyKey` is required (8-128 characters of A-Z a-z 0-9 . _ : -, a UUID is ideal; one per intended change): a retry with the same key and input returns the first answer ' +
      'and is applied at most once, since the same Opus OpdateringsID is sent; the same key with other input is refused (IDEMPOTENCY_KEY_REUSED). ' +
      'Opus rejections come back as SOURCE_REJECTED with Opus’s own message and codes in `extensions.opusMessages`. Every attempt and outcome is audited.',
  })
  async updateCommunication(
    @Arg('employmentNumber', () => ID) employmentNumber: string,
    @Arg('input', () => CommunicationInput) input: CommunicationInput,
    @Arg('idempotencyKey', () => String) idempotencyKey: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CommunicationUpdateValue> {
    const number = parseEmploymentNumber(employmentNumber);
    const changes = parseCommunicationInput(input);
    const outcome = await ctx.idempotency.run(
      {
        operation: 'updateCommunication',
        caller: `${ctx.principal.clientId}|${ctx.principal.subject}`,
        key: idempotencyKey,
        request: { employmentNumber: number, changes },
      },
      async (updateId) => {
        // Opus replaces all of Kommunikation, so the fields left out are sent as Opus holds them now.
        const current = (await ctx.sources.opus.readEmployments([number], ['Kommunikation'])).get(number)?.communication;
        if (!current) throw notFound('Employment', number);
        try {
          return await ctx.sources.opus.updateCommunication(number, { ...current, ...changes }, updateId);
        } catch (error) {
          throw error instanceof OpusBusinessError ? rejected(error) : error;
        }
      },
    );
    return {
      employmentNumber: number,
      communication: outcome.result,
      replayed: outcome.replayed,
      employment: { employmentNumber: number, asOf: today(), communication: outcome.result },
    };
  }
}
