import { Field, Int, ObjectType } from 'type-graphql';
import { OneOffPaymentSubmission } from './OneOffPaymentSubmission.js';
import { DEFAULT_LIST_SIZE, ListSize } from '../../shared/demandControl.js';

@ObjectType({ description: "Opus's answers to a bulk submission of engangsydelser: one Engangsydelser update per employment." })
export class OneOffPaymentBulkSubmission {
  @ListSize({ assumedSize: DEFAULT_LIST_SIZE })
  @Field(() => [OneOffPaymentSubmission], {
    nullable: 'items',
    description:
      "One answer per employment, in the order of `submissions`, each as `submitOneOffPayments` answers. Null where the call to Opus failed (SOURCE_UNAVAILABLE, SOURCE_TIMEOUT, ... on that item's path): its payments may or may not be stored, so retry the whole request with the same `idempotencyKey`.",
  })
  results!: Array<OneOffPaymentSubmission | Error>;

  @Field(() => Int, { description: 'Employments whose payments are stored in Opus, by this request or an earlier one under the same key.' })
  storedCount!: number;

  @Field(() => Boolean, {
    description:
      'Every employment is stored (with `validateOnly`: accepted). When false, retry with the same key (stored employments are not sent again) once the cause is gone, or send only the refused employments, corrected, under a new key.',
  })
  complete!: boolean;

  @Field(() => Boolean, { description: 'Kun validér: Opus only checked the payments and stored nothing.' })
  validateOnly!: boolean;

  @Field(() => Boolean, { description: 'True when this is the stored answer to an earlier request with the same idempotency key: nothing was sent again.' })
  replayed!: boolean;
}
