import 'reflect-metadata';
// Cursor pagination, one implementation for every list that can grow large. Cursors are opaque to
// clients (base64url of the position) so the position's form can change without breaking them.
import { Directive, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { badInput } from '../../platform/errors.js';

import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../platform/pageSize.js';

export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE };

@ObjectType({ description: 'Where a page ends and whether another follows.' })
@Directive('@shareable')
export class PageInfo {
  @Field(() => String, { nullable: true, description: 'Cursor of the last item; pass it as `after` for the next page.' })
  endCursor!: string | null;

  @Field(() => Boolean)
  hasNextPage!: boolean;
}

export interface ConnectionValue<T> {
  nodes: T[];
  pageInfo: PageInfo;
  totalCount?: number;
}

/** A `<Name>Connection { nodes, pageInfo, totalCount }` type for one node type. */
export function Connection<T extends object>(node: ClassType<T>, name: string) {
  @ObjectType(`${name}Connection`, { description: `A page of ${name} items.` })
  class ConnectionClass {
    @Field(() => [node])
    nodes!: T[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { nullable: true, description: 'Total number of matches, where the source can tell cheaply.' })
    totalCount?: number;
  }
  return ConnectionClass;
}

export function encodeCursor(position: string): string {
  return Buffer.from(`c:${position}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): string | null {
  if (cursor === null || cursor === undefined) return null;
  const raw = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!raw.startsWith('c:') || encodeCursor(raw.slice(2)) !== cursor) throw badInput('`after` is not a cursor returned by this API', { argument: 'after' });
  return raw.slice(2);
}

export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) throw badInput(`\`first\` must be from 0 to ${MAX_PAGE_SIZE}, got ${first}`, { argument: 'first' });
  return first;
}

/** Offset pagination over a list already in memory (small, source-sorted lists). */
export function pageOf<T>(items: readonly T[], first: number | null | undefined, after: string | null | undefined): ConnectionValue<T> {
  const size = pageSize(first);
  const position = decodeCursor(after);
  const start = position === null ? 0 : Number(position) + 1;
  if (!Number.isInteger(start) || start < 0) throw badInput('`after` is not a cursor returned by this API', { argument: 'after' });
  const nodes = items.slice(start, start + size);
  const last = start + nodes.length - 1;
  return {
    nodes,
    totalCount: items.length,
    pageInfo: { endCursor: nodes.length ? encodeCursor(String(last)) : after ?? null, hasNextPage: last + 1 < items.length },
  };
}
