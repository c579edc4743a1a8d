import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, MAX_PAGE_SIZE, pageOf } from '../../subgraphs/shared/pagination.js';

describe('cursor pagination', () => {
  const items = Array.from({ length: 23 }, (_, i) => i);

  it('walks a list page by page without gaps or repeats', () => {
    const seen: number[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 10; guard++) {
      const page: ReturnType<typeof pageOf<number>> = pageOf(items, 5, after);
      seen.push(...page.nodes);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(items);
  });

  it('rejects cursors it did not issue and page sizes out of range', () => {
    expect(() => decodeCursor('bm9wZQ')).toThrow(/not a cursor/);
    expect(() => pageOf(items, MAX_PAGE_SIZE + 1, null)).toThrow(/first/);
    expect(() => pageOf(items, -1, null)).toThrow(/first/);
    expect(decodeCursor(encodeCursor('42'))).toBe('42');
  });
});
