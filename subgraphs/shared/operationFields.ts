// The names of the fields an operation selects anywhere (its fragments included), found once per
// parsed document and recorded for the request before execution. A loader that can read less from a
// source when no field needs a part of it looks here (loaders.ts: orgUnits, employments).
import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { Kind, visit, type DocumentNode } from 'graphql';

/** Apollo Server keeps one parsed document per query text, so each is walked once. */
const memo = new WeakMap<DocumentNode, ReadonlySet<string>>();

export function fieldsOf(document: DocumentNode): ReadonlySet<string> {
  let names = memo.get(document);
  if (!names) {
    const found = new Set<string>();
    visit(document, { [Kind.FIELD]: (node) => void found.add(node.name.value) });
    memo.set(document, (names = found));
  }
  return names;
}

/**
 * One per request, made with its context. An object of its own: Apollo Server runs the operation with
 * a shallow copy of the context, which shares this object but not properties set on the copy.
 */
export interface OperationFields {
  /** Every field name the operation selects; not set where no operation went through Apollo Server. */
  fields?: ReadonlySet<string>;
}

/**
 * Whether the operation selects a field of one of these names (by any type): so also when it is not
 * known, which reads as everything. For a loader to leave out what no such field needs.
 */
export function selectsAny(operation: OperationFields, names: readonly string[]): boolean {
  const { fields } = operation;
  return fields === undefined || names.some((n) => fields.has(n));
}

const listener: GraphQLRequestListener<{ operation: OperationFields }> = {
  async didResolveOperation({ document, contextValue }) {
    contextValue.operation.fields = fieldsOf(document);
  },
};

export function operationFieldsPlugin(): ApolloServerPlugin<{ operation: OperationFields }> {
  return { requestDidStart: async () => listener };
}
