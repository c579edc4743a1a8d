import { Field, InputType } from 'type-graphql';

@InputType({
  description:
    'New Adresse (bopælsadresse) of the person. A field left out keeps its value; none may be cleared (Opus holds a complete home address). ' +
    'For an address abroad give `country` with `postalCode`: a Danish postal code is 4 digits (1000-9990).',
})
export class HomeAddressInput {
  @Field(() => String, { nullable: true, description: 'Vej, husnummer, etage og side; at most 60 characters.' })
  street?: string | null;

  @Field(() => String, { nullable: true, description: 'Postnummer: 4 digits 1000-9990 in Denmark, else at most 10 characters.' })
  postalCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Postdistrikt (by); at most 40 characters.' })
  city?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Land: an ISO 3166-1 alpha-2 code ("DK") or the Danish name ("Danmark"); stored and read back as the Danish name, as `HomeAddress.country` shows it.',
  })
  country?: string | null;
}

@InputType({
  description:
    'New Persondata and Adresse of the person (Opus "Personoplysninger"). A field left out keeps its value; none may be cleared. ' +
    'Not the CPR number (the person’s identity) and not navne- og adressebeskyttelse (Opus has it from CPR, not from HR). Values are trimmed.',
})
export class PersonalDataInput {
  @Field(() => String, { nullable: true, description: 'Fornavn (with any middle names); 1-40 characters.' })
  firstName?: string | null;

  @Field(() => String, { nullable: true, description: 'Efternavn; 1-40 characters.' })
  lastName?: string | null;

  @Field(() => HomeAddressInput, { nullable: true, description: 'Adresse: only the fields given change.' })
  address?: HomeAddressInput | null;
}
