// Access reports over records a sink holds in order (the memory sink, the JSON-lines file): the same
// filter the PostgreSQL sink runs as SQL, newest first, a record's position being its index.
import type { AuditFilter, AuditPage, AuditPageRequest, AuditRecord } from './record.js';

export function matchesFilter(record: AuditRecord, filter: AuditFilter): boolean {
  if (filter.subject !== undefined && record.subject !== filter.subject) return false;
  if (filter.clientId !== undefined && record.clientId !== filter.clientId) return false;
  const at = Date.parse(record.at);
  if (filter.from !== undefined && at < Date.parse(filter.from)) return false;
  if (filter.to !== undefined && at > Date.parse(filter.to)) return false;
  return (filter.entityIdSets ?? []).every((set) => set.some((id) => record.entityIds.includes(id)));
}

/** Collects a page from records read oldest first: keeps only the newest `first + 1` matches before `after`. */
export class PageCollector {
  private readonly kept: Array<{ position: string; record: AuditRecord }> = [];
  private readonly before: number;

  constructor(
    private readonly filter: AuditFilter,
    private readonly page: AuditPageRequest,
  ) {
    this.before = page.after === undefined ? Infinity : Number(page.after);
  }

  /** False once positions reach `after`: nothing later can be on the page. */
  offer(index: number, record: AuditRecord): boolean {
    if (index >= this.before) return false;
    if (!matchesFilter(record, this.filter)) return true;
    this.kept.push({ position: String(index), record });
    if (this.kept.length > this.page.first + 1) this.kept.shift();
    return true;
  }

  result(): AuditPage {
    const newest = this.kept.reverse();
    return { records: newest.slice(0, this.page.first), hasNextPage: newest.length > this.page.first };
  }
}

export function queryRecords(records: readonly AuditRecord[], filter: AuditFilter, page: AuditPageRequest): AuditPage {
  const collector = new PageCollector(filter, page);
  for (let i = 0; i < records.length && collector.offer(i, records[i]); i++);
  return collector.result();
}
