import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: "A KLE task (Opgave) a unit handles: a Klasse of the municipality's Klassifikation, read from Klassifikation (or FKORG_CLASSES_FILE)." })
export class KleTask {
  @Field(() => ID, { description: 'Klasse UUID of the task.' })
  id!: string;

  @Field(() => String, { description: "KLE number (the class's BrugervendtNoegle, e.g. 00.30 or a local number); the class's UUID when it could not be resolved." })
  number!: string;

  @Field(() => String, { description: 'KLE title (the class\'s Titel); `unknown` when it could not be resolved.' })
  title!: string;
}
