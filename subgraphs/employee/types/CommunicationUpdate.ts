import { Field, ID, ObjectType } from 'type-graphql';
import { Communication } from './Communication.js';
import { Employment } from './Employment.js';

@ObjectType({ description: 'The outcome of `updateCommunication`: what Opus stored.' })
export class CommunicationUpdate {
  @Field(() => ID, { description: 'Medarbejdernummer of the updated employment.' })
  employmentNumber!: string;

  @Field(() => Communication, { description: 'Kommunikation exactly as Opus answered it after storing the update.' })
  communication!: Communication;

  @Field(() => Boolean, { description: 'True when this is the stored answer to an earlier request with the same idempotency key: nothing was sent to Opus this time.' })
  replayed!: boolean;

  @Field(() => Employment, { description: 'The updated employment, to read further fields in the same response.' })
  employment!: Employment;
}
