import { Field, ID, InputType } from 'type-graphql';
import { DateScalar, DateTimeScalar } from '../../../platform/scalars.js';

@InputType({
  description:
    'Which employments a list holds: the filters Opus list-employees applies itself, so every page costs a bounded number of Opus calls. ' +
    'All given conditions must hold.',
})
export class EmploymentFilter {
  @Field(() => [ID], {
    nullable: true,
    description: 'Opus org unit numbers (at most 500): only employments placed directly in one of these units on `activeOn` (sub-units are not included). An empty list matches nothing.',
  })
  orgUnitOpusIds?: string[] | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'Only employments whose contract period (ansættelsesdato to fratrædelsesdato) covers this date. Default today. It is also the `asOf` of the listed nodes.',
  })
  activeOn?: string | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'As the Opus extract registered it at this instant (extract mode only; SOURCE_NOT_AVAILABLE with the Dataservice). Default: the current registration. Also the `registeredAt` of the listed nodes.',
  })
  registeredAt?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      '`employees` only: persons whose name contains this (at least 2 characters): whole or start of a first, middle or last name, or any part of the full name; case, hyphens and accents ignored, and æ/ä, ø/ö, å match ae, oe, aa and a, o, a ("ågaard" finds Aagaard, "sorensen" Sørensen). ' +
      'Ranked: exact last or full name first, then names starting with the words, then the rest; within each by last name, first names and medarbejdernummer. Searches persons employed today (the person directory, refreshed every 15 minutes).',
  })
  name?: string | null;

  @Field(() => String, {
    nullable: true,
    description: '`employees` only: the person with this AD user name (Opus Kontraktindhold BrugerID) on an employment active today; exact, case-insensitive.',
  })
  userName?: string | null;

  @Field(() => String, {
    nullable: true,
    description: '`employees` only: the person with this work e-mail (Opus Kommunikation ArbejdsEmail) on an employment active today; exact, case-insensitive.',
  })
  email?: string | null;
}
