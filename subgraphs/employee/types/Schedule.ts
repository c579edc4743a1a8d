import { Field, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../../platform/scalars.js';
import { ListSize } from '../../shared/demandControl.js';

@ObjectType({ description: 'One working day of a mødetidsplan.' })
export class ScheduleDay {
  @Field(() => Int, { description: 'Ugedag, 1 = mandag ... 7 = søndag.' })
  weekday!: number;

  @Field(() => String, { description: 'Mødetid, HH:MM.' })
  start!: string;

  @Field(() => String, { description: 'Sluttid, HH:MM (earlier than the start for a night shift that ends the next day).' })
  end!: string;
}

@ObjectType({ description: 'Mødetidsplan: a repeating weekly schedule, effective-dated.' })
export class Schedule {
  @Field(() => String, { description: 'Navn på mødetidsplanen.' })
  name!: string;

  @ListSize({ assumedSize: 7 })
  @Field(() => [ScheduleDay], { description: 'Mødedage, Monday first.' })
  days!: ScheduleDay[];

  @Field(() => DateScalar, { description: 'Gyldig fra.' })
  validFrom!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Gyldig til, null when open-ended.' })
  validTo!: string | null;
}
