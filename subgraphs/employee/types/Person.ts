import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Adresse: the home address Opus holds for the person.' })
export class Address {
  @Field(() => Boolean, { description: 'Navne- og adressebeskyttelse: when true, street, postal code and city are withheld from callers without the right to see protected addresses.' })
  protected!: boolean;

  @Field(() => String, { nullable: true, description: 'Vej og husnummer.' })
  street!: string | null;

  @Field(() => String, { nullable: true, description: 'Postnummer.' })
  postalCode!: string | null;

  @Field(() => String, { nullable: true, description: 'Postdistrikt.' })
  city!: string | null;

  @Field(() => String, { nullable: true, description: 'Land.' })
  country!: string | null;
}

@ObjectType({ description: 'Kommunikation: work contact details (the one area callers may update).' })
export class Communication {
  @Field(() => String, { nullable: true, description: 'Arbejds-e-mail.' })
  workEmail!: string | null;

  @Field(() => String, { nullable: true, description: 'Arbejdstelefon.' })
  workPhone!: string | null;

  @Field(() => String, { nullable: true, description: 'Mobiltelefon.' })
  mobilePhone!: string | null;
}
