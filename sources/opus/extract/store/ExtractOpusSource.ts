// OpusSource over the extract store (schema.ts), selected by OPUS_SOURCE=extract: the graph reads
// what the daily Opus extracts said, at the current registration or at any earlier instant
// (`registeredAt`). Every method is one SQL query, whatever the number of employments, so a
// DataLoader batch stays one query. What the extract does not carry throws SOURCE_NOT_AVAILABLE.
import type { Communication, OneOffPayment, OpusOrgUnit } from '../../../model.js';
import { notAvailable } from '../../coverage.js';
import type { EmploymentAreas, EmploymentFilter, OneOffPaymentResult, OpusArea, OpusSource } from '../../OpusSource.js';
import type { ExtractOrgUnit } from '../types.js';
import type { SqlDatabase } from './database.js';
import { employmentFromRecord, EXTRACT_COVERAGE, type StoredEmployee } from './employmentFromRecord.js';
import { inRegistration } from './registration.js';

/** Medarbejdernumre order as Opus lists them (wire.ts compareEmploymentNumbers): by value, up to 10 digits. */
const NUMBER_ORDER = `lpad(employment_number, 10, '0'), employment_number`;

export class ExtractOpusSource implements OpusSource {
  /** Arrays of this size are one `= ANY($1)` query; larger lookups are refused by the graph before. */
  readonly maxBatchSize = 10_000;
  readonly coverage = EXTRACT_COVERAGE;

  constructor(private readonly db: SqlDatabase) {}

  async readEmployments(numbers: readonly string[], areas: readonly OpusArea[], virkning?: { from: string; to: string | null }, registeredAt?: string): Promise<Map<string, EmploymentAreas>> {
    const found = new Map<string, EmploymentAreas>();
    if (numbers.length === 0) return found;
    const { rows } = await this.db.query<{ employment_number: string; record: StoredEmployee }>(
      `SELECT employment_number, record FROM opus_employment_version
        WHERE employment_number = ANY($1::text[]) AND status <> 'annulled' AND ${inRegistration('$2')}`,
      [[...new Set(numbers)], registeredAt ?? null],
    );
    const served = new Set(areas.filter((a) => this.coverage.areas.has(a)));
    for (const row of rows) found.set(row.employment_number, employmentFromRecord(row.employment_number, row.record, served, virkning));
    return found;
  }

  async listEmployments(filter: EmploymentFilter, after: string | null, limit: number): Promise<{ numbers: string[]; hasMore: boolean }> {
    if (filter.orgUnitOpusIds?.length === 0) return { numbers: [], hasMore: false };
    const { rows } = await this.db.query<{ employment_number: string }>(
      `SELECT employment_number FROM opus_employment_version
        WHERE status <> 'annulled' AND ${inRegistration('$1')}
          AND ($2::date IS NULL OR ((valid_from IS NULL OR valid_from <= $2::date) AND (valid_to IS NULL OR valid_to >= $2::date)))
          AND ($3::date IS NULL OR ((valid_from IS NULL OR valid_from <= $4::date) AND (valid_to IS NULL OR valid_to >= $3::date)))
          AND ($5::text[] IS NULL OR org_unit = ANY($5::text[]))
          AND ($6::text IS NULL OR (lpad(employment_number, 10, '0'), employment_number) > (lpad($6::text, 10, '0'), $6::text))
        ORDER BY ${NUMBER_ORDER}
        LIMIT $7`,
      [
        filter.registeredAt ?? null,
        filter.activeOn ?? null,
        filter.activeDuring?.from ?? null,
        filter.activeDuring?.to ?? null,
        filter.orgUnitOpusIds ?? null,
        after,
        limit + 1,
      ],
    );
    const numbers = rows.map((r) => r.employment_number);
    return { numbers: numbers.slice(0, limit), hasMore: numbers.length > limit };
  }

  async findEmploymentsByCpr(cprs: readonly string[], registeredAt?: string): Promise<Map<string, string[]>> {
    const found = new Map<string, string[]>();
    if (cprs.length === 0) return found;
    const { rows } = await this.db.query<{ cpr: string; employment_number: string }>(
      `SELECT cpr, employment_number FROM opus_employment_version
        WHERE cpr = ANY($1::text[]) AND status <> 'annulled' AND ${inRegistration('$2')}
        ORDER BY ${NUMBER_ORDER}`,
      [[...new Set(cprs)], registeredAt ?? null],
    );
    for (const row of rows) found.set(row.cpr, [...(found.get(row.cpr) ?? []), row.employment_number]);
    return found;
  }

  /** The units of the current registration, as the last extract gave them. */
  async readOrgUnits(): Promise<OpusOrgUnit[]> {
    const { rows } = await this.db.query<{ org_unit: string; record: Partial<ExtractOrgUnit> }>(
      `SELECT org_unit, record FROM opus_org_unit_version WHERE registered_to IS NULL AND status <> 'annulled' ORDER BY org_unit`,
    );
    // The extract writes an empty element as absent; '' is how the domain model says "none given".
    const text = (v: string | null | undefined) => v ?? '';
    return rows.map(({ org_unit, record: u }) => ({
      id: org_unit,
      from: u.startDate ?? '0001-01-01',
      to: u.endDate ?? null,
      parentId: u.parentOrgUnit ?? null,
      shortName: text(u.shortName),
      longName: text(u.longName),
      street: text(u.street),
      zipCode: text(u.zipCode),
      city: text(u.city),
      phoneNumber: text(u.phoneNumber),
      cvrNr: text(u.cvrNr),
      eanNr: text(u.eanNr),
      seNr: text(u.seNr),
      pNr: text(u.pNr),
      costCenter: text(u.costCenter),
      orgType: text(u.orgType),
      orgTypeTxt: text(u.orgTypeTxt),
    }));
  }

  // The extract is read-only and has no payments: these belong to the Dataservice alone.
  async updateCommunication(_employmentNumber: string, _communication: Communication, _updateId: string): Promise<Communication> {
    throw notAvailable(this.coverage, 'Writing Kommunikation (updateCommunication)', 'updateCommunication');
  }

  async readOneOffPayments(): Promise<OneOffPayment[]> {
    throw notAvailable(this.coverage, 'Engangsydelser (one-off payments)', 'readOneOffPayments');
  }

  async updateOneOffPayments(): Promise<OneOffPaymentResult> {
    throw notAvailable(this.coverage, 'Submitting Engangsydelser (one-off payments)', 'updateOneOffPayments');
  }

  async updateFixedPayItems(): Promise<OneOffPaymentResult> {
    throw notAvailable(this.coverage, 'Submitting faste tillæg/fradrag', 'updateFixedPayItems');
  }

  async updatePersonalData(): Promise<OneOffPaymentResult> {
    throw notAvailable(this.coverage, 'Changing persondata and adresse (updatePersonalData)', 'updatePersonalData');
  }
}
