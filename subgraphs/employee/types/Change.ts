import { Field, ID, ObjectType } from 'type-graphql';
import { Connection } from '../../shared/pagination.js';
import { DateScalar, DateTimeScalar } from '../../../platform/scalars.js';
import { ChangeType } from './ChangeType.js';
import { Employment } from './Employment.js';
import { OrgUnit } from './OrgUnit.js';
import { ListSize } from '../../shared/demandControl.js';

@ObjectType({
  description:
    'One event of the change feed: what changed about one employment or org unit, as the Opus extracts showed it. ' +
    'It says only which entity, what kind of change, when and which fields; read the entity itself through `employment` or `orgUnit`, with that data’s own scopes.',
})
export class Change {
  @Field(() => String, { description: 'This event’s position in the feed; pass it as `after` to read what follows it.' })
  cursor!: string;

  @Field(() => ChangeType)
  type!: ChangeType;

  @Field(() => DateTimeScalar, { description: 'When it was registered: the time of the Opus extract that first showed it.' })
  registeredAt!: Date;

  @Field(() => DateScalar, { nullable: true, description: 'The day it takes effect (virkning), e.g. the entry or leave date; null when the extract gives none.' })
  effectiveFrom!: string | null;

  @ListSize({ assumedSize: 10 })
  @Field(() => [String], { description: 'The fields that changed, named as in the Opus extract file (e.g. `orgUnit`, `position`, `email`).' })
  fields!: string[];

  @Field(() => ID, { description: 'The entity’s key: the medarbejdernummer, or the Opus unit number. Given even when the entity can no longer be read (an annulled employment).' })
  entityKey!: string;

  @Field(() => Employment, { nullable: true, description: 'The employment the event is about (EMPLOYMENT_* types), viewed as of today.' })
  employment!: unknown;

  @Field(() => OrgUnit, { nullable: true, description: 'The org unit the event is about (ORG_UNIT_* types).' })
  orgUnit!: unknown;
}

export const ChangeConnection = Connection(Change, 'Change');
