import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Adresse: the home address (bopælsadresse) Opus holds for the person.' })
export class HomeAddress {
  @Field(() => Boolean, {
    description:
      'Navne- og adressebeskyttelse. When true, street, postal code, city and country are null unless the token holds `employee:protected-address`; every such disclosure is audited.',
  })
  protected!: boolean;

  @Field(() => String, { nullable: true, description: 'Vej, husnummer, etage og side.' })
  street!: string | null;

  @Field(() => String, { nullable: true, description: 'Postnummer.' })
  postalCode!: string | null;

  @Field(() => String, { nullable: true, description: 'Postdistrikt (by).' })
  city!: string | null;

  @Field(() => String, { nullable: true, description: 'Land.' })
  country!: string | null;
}
