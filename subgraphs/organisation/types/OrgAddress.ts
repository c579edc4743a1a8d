import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

/** The GraphQL names of FK ORG's address types; the values are the types as the source client names them. */
export enum OrgAddressType {
  POSTAL = 'Postadresse',
  EMAIL = 'Email',
  PHONE = 'Telefon',
  EAN = 'EAN',
  P_NUMBER = 'P-nummer',
  SE = 'SE',
  CVR = 'CVR',
  LOCATION = 'Lokation',
  UNKNOWN = 'Ukendt',
}

registerEnumType(OrgAddressType, {
  name: 'OrgAddressType',
  description: "The type (adressetype) of a unit's address in FK ORG.",
  valuesConfig: {
    POSTAL: { description: 'Postadresse, with its DAR address id.' },
    EMAIL: { description: 'E-mail.' },
    PHONE: { description: 'Telefon.' },
    EAN: { description: 'EAN-nummer (GLN) for electronic invoices.' },
    P_NUMBER: { description: 'P-nummer: the production unit number in CVR.' },
    SE: { description: 'SE-nummer.' },
    CVR: { description: "CVR-nummer, where the unit is its own legal unit (the municipality's own for the root)." },
    LOCATION: { description: 'Lokation: a free-text place (building, floor).' },
    UNKNOWN: { description: 'An address whose Rolle no table names (`roleId` says which): kept, not dropped. Map it in FKORG_CLASSES_FILE.' },
  },
});

@ObjectType({ description: 'Adresse: one of the contact and identification addresses FK ORG holds for a unit.' })
export class OrgAddress {
  @Field(() => OrgAddressType, { description: 'Adressetype.' })
  type!: OrgAddressType;

  @Field(() => String, { description: 'Adressetekst: the address, e-mail, number, ... as text.' })
  value!: string;

  @Field(() => ID, { nullable: true, description: 'DAR adresse-id (UUID) of a postal address; null for other types.' })
  darId!: string | null;

  @Field(() => ID, { nullable: true, description: "The address relation's Rolle (a Klasse UUID; the Anvisninger's for e-mail, phone, EAN, ...)." })
  roleId!: string | null;
}
