import { Field, ID, ObjectType } from 'type-graphql';
import { MessageSeverity } from '../../shared/opusMessages.js';
import { Employment } from './Employment.js';
import { ListSize } from '../../shared/demandControl.js';

@ObjectType({ description: 'Meddelelse: one message of Opus’s answer to a Personoplysninger update.' })
export class PersonalDataMessage {
  @Field(() => String, { description: 'Kode: Opus’s own message code, exactly as Opus sent it.' })
  opusCode!: string;

  @Field(() => MessageSeverity, { description: 'Type: error, warning, information or success.' })
  severity!: string;

  @Field(() => String, { description: 'Tekst: Opus’s own text (Danish).' })
  text!: string;
}

@ObjectType({ description: 'Opus’s answer to `updatePersonalData`. Opus applies every field or none; read the result back through `employment { employee { … } }`.' })
export class PersonalDataUpdate {
  @Field(() => ID, { description: 'Medarbejdernummer the update was sent for.' })
  employmentNumber!: string;

  @Field(() => Boolean, { description: 'Opus found nothing wrong (no message of severity ERROR).' })
  accepted!: boolean;

  @Field(() => Boolean, { description: 'The change is applied in Opus (accepted and not validate-only), for the person: every employment shows it.' })
  stored!: boolean;

  @Field(() => Boolean, { description: 'Kun validér: Opus only checked the update and changed nothing.' })
  validateOnly!: boolean;

  @Field(() => String, { description: 'OpdateringsID sent to Opus (32 upper-case hex digits); every retry under the same idempotency key sends the same one.' })
  updateId!: string;

  @Field(() => String, { description: 'Timestamp of Opus’s answer, as Opus wrote it.' })
  timestamp!: string;

  @Field(() => Boolean, { description: 'True when this is the stored answer to an earlier request with the same idempotency key: nothing was sent again.' })
  replayed!: boolean;

  @ListSize({ assumedSize: 10 })
  @Field(() => [PersonalDataMessage], { description: 'Meddelelser, in Opus’s order.' })
  messages!: PersonalDataMessage[];

  @Field(() => Employment, { description: 'The employment the update was sent for, read from Opus after it: `employee { name firstName lastName address }` shows what Opus now holds for the person (those fields need their own scopes).' })
  employment!: Employment;
}
