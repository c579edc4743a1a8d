import { registerEnumType } from 'type-graphql';

/** Values are the domain model's, so resolvers return what sources/identifiers.ts derives. */
export enum Gender {
  FEMALE = 'female',
  MALE = 'male',
}

registerEnumType(Gender, {
  name: 'Gender',
  description: 'Køn as the CPR number encodes it (last digit even: female, odd: male).',
  valuesConfig: { FEMALE: { description: 'Kvinde.' }, MALE: { description: 'Mand.' } },
});
