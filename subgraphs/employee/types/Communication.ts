import { Field, ObjectType } from 'type-graphql';
import { DateScalar, DateTimeScalar } from '../../../platform/scalars.js';

@ObjectType({ description: 'Kommunikation: work contact details of an employment, the one area callers may update (`updateCommunication`).' })
export class Communication {
  @Field(() => String, { nullable: true, description: 'Arbejds-e-mail.' })
  workEmail!: string | null;

  @Field(() => String, { nullable: true, description: 'Arbejdstelefon, as Opus holds it (updates store 8 digits, e.g. 87654321).' })
  workPhone!: string | null;

  @Field(() => String, { nullable: true, description: 'Mobiltelefon (arbejdsmobil), as Opus holds it (updates store 8 digits).' })
  mobilePhone!: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'In `communicationHistory`: the first day these details held, as the Opus extracts date the change (the record’s lastChanged). Null outside `communicationHistory`.',
  })
  validFrom?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'In `communicationHistory`: the last day these details held; null while they still do (null outside `communicationHistory`).' })
  validTo?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'In `communicationHistory`: when the Opus extracts first showed these details (the extract’s time). Null outside `communicationHistory`.' })
  registeredAt?: string | null;
}
