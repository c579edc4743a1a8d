import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Kommunikation: work contact details of an employment, the one area callers may update (`updateCommunication`).' })
export class Communication {
  @Field(() => String, { nullable: true, description: 'Arbejds-e-mail.' })
  workEmail!: string | null;

  @Field(() => String, { nullable: true, description: 'Arbejdstelefon, as Opus holds it (updates store 8 digits, e.g. 87654321).' })
  workPhone!: string | null;

  @Field(() => String, { nullable: true, description: 'Mobiltelefon (arbejdsmobil), as Opus holds it (updates store 8 digits).' })
  mobilePhone!: string | null;
}
