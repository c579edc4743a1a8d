import { Field, InputType } from 'type-graphql';

@InputType({
  description:
    'New Kommunikation for an employment. A field left out keeps its current value; null or "" clears it. ' +
    'Phone numbers are Danish: 8 digits, optionally prefixed +45 or 0045, spaces allowed; they are stored as 8 digits. ' +
    'E-mail addresses are stored trimmed with the domain in lower case.',
})
export class CommunicationInput {
  @Field(() => String, { nullable: true, description: 'Arbejds-e-mail.' })
  workEmail?: string | null;

  @Field(() => String, { nullable: true, description: 'Arbejdstelefon.' })
  workPhone?: string | null;

  @Field(() => String, { nullable: true, description: 'Mobiltelefon.' })
  mobilePhone?: string | null;
}
