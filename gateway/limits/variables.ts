// The variable values an operation will execute with: the request's inputs coerced to the declared
// types, with each variable's declared default where the request leaves it out. Limits are measured on
// these, so `query($n: Int = 100000)` sent without variables counts as a page of 100,000.
import { getVariableValues, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';

/**
 * The coerced values; empty when the inputs do not coerce (execution refuses those itself, with
 * Apollo's own validation error, so the literal limits are all that still need checking).
 */
export function operationVariables(schema: GraphQLSchema, operation: OperationDefinitionNode, inputs: Record<string, unknown> | undefined): Record<string, unknown> {
  const result = getVariableValues(schema, operation.variableDefinitions ?? [], inputs ?? {}, { maxErrors: 1 });
  return result.coerced ?? {};
}
