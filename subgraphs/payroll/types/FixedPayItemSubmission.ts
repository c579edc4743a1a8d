import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { MessageSeverity } from './OneOffPaymentSubmission.js';
import { ListSize } from '../../shared/demandControl.js';

/** The faste tillæg/fradrag codes clients act on, by name; any other code arrives as OTHER with its raw `opusCode`. */
export const FixedPayItemMessageCode = {
  UNKNOWN_WAGE_TYPE: 'UNKNOWN_WAGE_TYPE',
  WRONG_KIND: 'WRONG_KIND',
  OVERLAPPING_PERIOD: 'OVERLAPPING_PERIOD',
  EMPLOYMENT_NOT_ACTIVE: 'EMPLOYMENT_NOT_ACTIVE',
  END_BEFORE_START: 'END_BEFORE_START',
  ITEM_NOT_FOUND: 'ITEM_NOT_FOUND',
  EMPLOYEE_LOCKED: 'EMPLOYEE_LOCKED',
  OTHER: 'OTHER',
} as const;
registerEnumType(FixedPayItemMessageCode, {
  name: 'FixedPayItemMessageCode',
  description: 'What a faste tillæg/fradrag message (meddelelse) says, as a stable code. The Opus codes behind them are this project\'s model until KMD\'s list is at hand (docs/payroll.md).',
  valuesConfig: {
    UNKNOWN_WAGE_TYPE: { description: 'The lønart is not a fast tillæg or fradrag in Opus.' },
    WRONG_KIND: { description: 'The lønart is a tillæg and a fradrag was asked for, or the other way round.' },
    OVERLAPPING_PERIOD: { description: 'The employment already has this lønart in part of the period: stop that item first (in the same request is fine).' },
    EMPLOYMENT_NOT_ACTIVE: { description: 'The employment is not active on the start date.' },
    END_BEFORE_START: { description: 'The end date is before the start date.' },
    ITEM_NOT_FOUND: { description: 'STOP: the employment has no item of this lønart starting on that date.' },
    EMPLOYEE_LOCKED: { description: 'Opus 138: the employee is locked in Opus (e.g. during a payroll run); try again later.' },
    OTHER: { description: 'Any other message; `opusCode` and `text` say what it is.' },
  },
});

@ObjectType({ description: 'Meddelelse: one message of Opus\'s answer to a faste tillæg/fradrag update.' })
export class FixedPayItemMessage {
  @Field(() => FixedPayItemMessageCode, { description: 'The stable code; OTHER for codes without a name here.' })
  code!: string;

  @Field(() => String, { description: 'Kode: Opus\'s own message code, exactly as Opus sent it.' })
  opusCode!: string;

  @Field(() => MessageSeverity, { description: 'Type: error, warning, information or success.' })
  severity!: string;

  @Field(() => String, { description: 'Tekst: Opus\'s own text (Danish).' })
  text!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'The line the message concerns, counted from 1 in the order of `items` (Opus\'s "Fast tillæg/fradrag Nr. 001" is line 1); null when it concerns the whole request.',
  })
  line!: number | null;
}

@ObjectType({ description: 'Opus\'s answer to a faste tillæg/fradrag update. Opus applies all lines or none.' })
export class FixedPayItemSubmission {
  @Field(() => ID, { description: 'Medarbejdernummer the items were submitted for.' })
  employmentNumber!: string;

  @Field(() => Boolean, { description: 'Opus found nothing wrong (no message of severity ERROR).' })
  accepted!: boolean;

  @Field(() => Boolean, { description: 'Every line is applied in Opus: accepted and not validate-only. When false, no line is.' })
  stored!: boolean;

  @Field(() => Boolean, { description: 'Kun validér: Opus only checked the lines and changed nothing.' })
  validateOnly!: boolean;

  @Field(() => String, { description: 'OpdateringsID sent to Opus (32 upper-case hex digits); every retry under the same idempotency key sends the same one.' })
  updateId!: string;

  @Field(() => String, { description: 'Timestamp of Opus\'s answer, as Opus wrote it.' })
  timestamp!: string;

  @Field(() => Boolean, { description: 'True when this is the stored answer to an earlier request with the same idempotency key: nothing was sent again.' })
  replayed!: boolean;

  @ListSize({ assumedSize: 10 })
  @Field(() => [FixedPayItemMessage], { description: 'Meddelelser, in Opus\'s order.' })
  messages!: FixedPayItemMessage[];
}
