import { Field, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../shared/scalars.js';
import { OrgUnit } from './OrgUnit.js';

@ObjectType({ description: 'A coded, effective-dated registration (arbejdsfunktion, aktivitet, tilslutning, tjenesteplansindplacering).' })
export class CodedPeriod {
  @Field(() => String, { description: 'Opus code.' })
  code!: string;

  @Field(() => String, { description: 'Text of the code.' })
  name!: string;

  @Field(() => DateScalar, { description: 'Gyldig fra.' })
  from!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Gyldig til, null when open-ended.' })
  to!: string | null;
}

@ObjectType({ description: 'One working day of a schedule.' })
export class ScheduleDay {
  @Field(() => Int, { description: 'Ugedag, 1 = Monday ... 7 = Sunday.' })
  weekday!: number;

  @Field(() => String, { description: 'Mødetid, HH:MM.' })
  start!: string;

  @Field(() => String, { description: 'Sluttid, HH:MM.' })
  end!: string;
}

@ObjectType({ description: 'Mødetidsplan: a repeating weekly schedule.' })
export class Schedule {
  @Field(() => String)
  name!: string;

  @Field(() => [ScheduleDay])
  days!: ScheduleDay[];

  @Field(() => DateScalar, { description: 'Gyldig fra.' })
  from!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Gyldig til, null when open-ended.' })
  to!: string | null;
}

@ObjectType({ description: 'Organisatorisk placering: where the employment sat in a period.' })
export class Placement {
  @Field(() => OrgUnit, { description: 'The unit.' })
  orgUnit!: OrgUnit;

  @Field(() => DateScalar)
  from!: string;

  @Field(() => DateScalar, { nullable: true })
  to!: string | null;
}
