// The supergraph declares the graph's custom scalars without their rules, so @apollo/gateway would
// accept any value for them and leave it to a subgraph to refuse, which the gateway then reports as a
// failed fetch. Giving the gateway's schema the same scalar functions the subgraphs use makes it
// refuse a bad Date itself: GRAPHQL_VALIDATION_FAILED for a literal, BAD_USER_INPUT for a variable.
import { isScalarType, type GraphQLScalarType, type GraphQLSchema } from 'graphql';
import { DateScalar, DateTimeScalar } from '../platform/scalars.js';

const SCALARS: readonly GraphQLScalarType[] = [DateScalar, DateTimeScalar];

export function applyScalarRules(schema: GraphQLSchema): void {
  for (const rules of SCALARS) {
    const type = schema.getType(rules.name);
    if (!isScalarType(type)) continue;
    Object.assign(type, { serialize: rules.serialize, parseValue: rules.parseValue, parseLiteral: rules.parseLiteral, specifiedByURL: rules.specifiedByURL });
  }
}
