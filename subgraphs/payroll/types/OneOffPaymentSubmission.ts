import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { MessageSeverity } from '../../shared/opusMessages.js';
import { ListSize } from '../../shared/demandControl.js';

/** The Engangsydelser codes clients act on, by name; any other code arrives as OTHER with its raw `opusCode`. */
export const OneOffPaymentMessageCode = {
  INVALID_COST_CENTRE: 'INVALID_COST_CENTRE',
  EMPLOYEE_LOCKED: 'EMPLOYEE_LOCKED',
  INVALID_PSP_ELEMENT: 'INVALID_PSP_ELEMENT',
  COST_CENTRE_AND_PSP_ELEMENT: 'COST_CENTRE_AND_PSP_ELEMENT',
  OTHER: 'OTHER',
} as const;
registerEnumType(OneOffPaymentMessageCode, {
  name: 'OneOffPaymentMessageCode',
  description: 'What an Engangsydelser message (meddelelse) says, as a stable code.',
  valuesConfig: {
    INVALID_COST_CENTRE: { description: 'Opus 119: the afvigende omkostningssted is not a valid cost centre.' },
    EMPLOYEE_LOCKED: { description: 'Opus 138: the employee is locked in Opus (e.g. during a payroll run); try again later.' },
    INVALID_PSP_ELEMENT: { description: 'Opus 151: the afvigende PSP-element is not valid.' },
    COST_CENTRE_AND_PSP_ELEMENT: { description: 'Opus 167: a line gives both a cost centre and a PSP element; give at most one.' },
    OTHER: { description: 'Any other message; `opusCode` and `text` say what it is.' },
  },
});

// One enum for every subgraph that writes to Opus (the employee subgraph's updatePersonalData too).
export { MessageSeverity };

@ObjectType({ description: 'Meddelelse: one message of Opus\'s answer.' })
export class OneOffPaymentMessage {
  @Field(() => OneOffPaymentMessageCode, { description: 'The stable code; OTHER for codes without a name here.' })
  code!: string;

  @Field(() => String, { description: 'Kode: Opus\'s own message code, exactly as Opus sent it (e.g. "119").' })
  opusCode!: string;

  @Field(() => MessageSeverity, { description: 'Type: error, warning, information or success.' })
  severity!: string;

  @Field(() => String, { description: 'Tekst: Opus\'s own text (Danish).' })
  text!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'The payment line the message concerns, counted from 1 in the order of `payments` (Opus\'s "Engangsydelse Nr. 001" is line 1); null when it concerns the whole request.',
  })
  line!: number | null;
}

@ObjectType({ description: 'Opus\'s answer to an Engangsydelser update.' })
export class OneOffPaymentSubmission {
  @Field(() => ID, { description: 'Medarbejdernummer the payments were submitted for.' })
  employmentNumber!: string;

  @Field(() => Boolean, { description: 'Opus found nothing wrong (no message of severity ERROR).' })
  accepted!: boolean;

  @Field(() => Boolean, { description: 'The payments are stored in Opus: accepted and not validate-only.' })
  stored!: boolean;

  @Field(() => Boolean, { description: 'Kun validér: Opus only checked the payments and stored nothing.' })
  validateOnly!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'OpdateringsID sent to Opus (32 upper-case hex digits); every retry under the same idempotency key sends the same one. Null when the request was refused before reaching Opus.',
  })
  updateId!: string | null;

  @Field(() => String, { nullable: true, description: 'Timestamp of Opus\'s answer, as Opus wrote it; null when the request never reached Opus.' })
  timestamp!: string | null;

  @Field(() => Boolean, { description: 'True when this is the stored answer to an earlier request with the same idempotency key: nothing was sent again.' })
  replayed!: boolean;

  @ListSize({ assumedSize: 10 })
  @Field(() => [OneOffPaymentMessage], { description: 'Meddelelser, in Opus\'s order.' })
  messages!: OneOffPaymentMessage[];
}
