import { Field, ObjectType } from 'type-graphql';
import { Connection } from '../../shared/pagination.js';
import { DateTimeScalar } from '../../../platform/scalars.js';
import { ListSize } from '../../shared/demandControl.js';

@ObjectType({ description: 'One record of the audit log: who read or changed which personal data of whom, through which client and operation.' })
export class AccessLogEntry {
  @Field(() => DateTimeScalar, { description: 'When.' })
  at!: string;

  @Field(() => String, { description: "The token's subject (`sub`); a CPR-shaped subject appears as its keyed hash (`cprh_…`)." })
  subject!: string;

  @Field(() => String, { description: 'The OAuth client (`azp` or `client_id`).' })
  clientId!: string;

  @Field(() => String, { description: 'fagsystem, analyst or frontend.' })
  clientKind!: string;

  @Field(() => String, { nullable: true, description: "The client's operation name." })
  operationName!: string | null;

  @Field(() => String, { description: 'The request id (x-request-id).' })
  requestId!: string;

  @Field(() => String, { description: 'The subgraph that served the data: employee, organisation, absence or payroll.' })
  subgraph!: string;

  @Field(() => String, { description: '`read` or `mutation`.' })
  kind!: string;

  @Field(() => String, { nullable: true, description: 'Reads: the kind of personal data: cpr, tax, salary, protected-address, health, cpr-lookup or audit.' })
  category!: string | null;

  @Field(() => String, { nullable: true, description: 'Reads: the entity type read (Employment, Employee).' })
  entityType!: string | null;

  @Field(() => String, { description: 'The field read, or the mutation.' })
  field!: string;

  @ListSize({ assumedSize: 10 })
  @Field(() => [String], { description: 'The entities: employment numbers, opaque person ids, and for CPR lookups the keyed hashes of the numbers searched.' })
  entityIds!: string[];

  @Field(() => String, { nullable: true, description: 'Mutations: `attempt` (written before it ran) or `outcome`.' })
  phase!: string | null;

  @Field(() => String, { nullable: true, description: 'Mutation outcomes: `ok` or `error`.' })
  outcome!: string | null;

  @Field(() => String, { nullable: true, description: 'Mutation outcomes that failed: the error code.' })
  errorCode!: string | null;
}

export const AccessLogConnection = Connection(AccessLogEntry, 'AccessLog');
