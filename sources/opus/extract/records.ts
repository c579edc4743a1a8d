// Turning one parsed record element (attributes and child element texts) into a typed record.
// Values are checked as strictly as KMD's file description allows: a malformed date or flag in a
// personnel file is a reason to stop the import, not to guess.
import { ExtractFormatError } from './errors.js';
import {
  DATE_ELEMENTS,
  EMPLOYEE_ELEMENTS,
  NUMBER_ELEMENTS,
  OPEN_END_DATE,
  ORG_UNIT_ELEMENTS,
  type ExtractEmployee,
  type ExtractOrgUnit,
} from './types.js';

export interface ParsedField {
  text: string;
  line: number;
  attributes: Record<string, string>;
}

export interface ParsedRecord {
  name: 'orgUnit' | 'employee';
  line: number;
  attributes: Record<string, string>;
  fields: Map<string, ParsedField>;
}

export interface RecordOptions {
  file: string;
  includeProtectedAddresses: boolean;
  /** Keep child elements this reader does not know in `extra`. */
  keepUnknownElements: boolean;
}

export function buildOrgUnit(record: ParsedRecord, options: RecordOptions): ExtractOrgUnit {
  const unit = { ...identity(record, options.file) } as Record<string, unknown>;
  for (const name of ORG_UNIT_ELEMENTS) unit[name] = value(record, name, options.file);
  if (options.keepUnknownElements) addExtra(unit, record, KNOWN_ORG_UNIT);
  return unit as unknown as ExtractOrgUnit;
}

export function buildEmployee(record: ParsedRecord, options: RecordOptions): ExtractEmployee {
  const { file } = options;
  const action = record.attributes.action;
  if (action !== undefined && action !== '' && action !== 'leave') {
    throw new ExtractFormatError(file, record.line, 'unknown action on <employee> (expected "leave")', { element: 'employee' });
  }
  const employee = { ...identity(record, file), action: action === 'leave' ? 'leave' : null } as Record<string, unknown>;
  for (const name of EMPLOYEE_ELEMENTS) {
    if (name === 'isManager') employee[name] = flag(record.fields.get(name), name, file);
    else employee[name] = value(record, name, file);
  }

  const address = record.fields.get('address');
  const isProtected = address !== undefined && isProtectedAddress(address.attributes);
  employee.protectedAddress = isProtected;
  if (isProtected && !options.includeProtectedAddresses) {
    // The postal code and city narrow a protected person down too, so they go with the street.
    employee.address = null;
    employee.postalCode = null;
    employee.city = null;
    employee.country = null;
  }
  if (options.keepUnknownElements) addExtra(employee, record, KNOWN_EMPLOYEE);
  return employee as unknown as ExtractEmployee;
}

const KNOWN_ORG_UNIT: ReadonlySet<string> = new Set(ORG_UNIT_ELEMENTS);
const KNOWN_EMPLOYEE: ReadonlySet<string> = new Set(EMPLOYEE_ELEMENTS);

/**
 * Elements KMD adds that this reader has no field for (OS2mo's importer meets `productionNumber` and
 * `invoiceRecipient`: integrations/opus/opus_helpers.py, compare_employees) are kept as text, so a
 * store of the file loses nothing. Set only when there are any, so records without them stay as before.
 */
function addExtra(target: Record<string, unknown>, record: ParsedRecord, known: ReadonlySet<string>): void {
  let extra: Record<string, string> | null = null;
  for (const [name, field] of record.fields) {
    if (known.has(name)) continue;
    (extra ??= {})[name] = field.text.trim();
  }
  if (extra) target.extra = extra;
}

/**
 * The file marks a protected address by attributes on `<address>` (written as `protected="true"`).
 * Any attribute other than an explicit `protected="false"` counts: wrongly hiding an address costs
 * a lookup, wrongly disclosing one cannot be undone.
 */
function isProtectedAddress(attributes: Record<string, string>): boolean {
  const names = Object.keys(attributes);
  if (names.length === 0) return false;
  return !(names.length === 1 && /^(false|0|no|nej)$/i.test(attributes.protected?.trim() ?? ''));
}

function identity(record: ParsedRecord, file: string) {
  const id = record.attributes.id?.trim();
  const client = record.attributes.client?.trim();
  const element = { element: record.name };
  if (!id) throw new ExtractFormatError(file, record.line, `<${record.name}> without an id attribute`, element);
  if (!client) throw new ExtractFormatError(file, record.line, `<${record.name}> without a client attribute`, element);
  const lastChanged = record.attributes.lastChanged?.trim();
  let lastChangedDate: string | null = null;
  if (lastChanged) {
    // Accepts a dateTime too; the date is all the extract's consumers compare.
    const date = lastChanged.slice(0, 10);
    if (!isCalendarDate(date) || (lastChanged.length > 10 && lastChanged[10] !== 'T' && lastChanged[10] !== ' ')) {
      throw new ExtractFormatError(file, record.line, `invalid lastChanged on <${record.name}> (expected YYYY-MM-DD)`, element);
    }
    lastChangedDate = date;
  }
  return { id, client, lastChanged: lastChangedDate };
}

function value(record: ParsedRecord, name: string, file: string): string | number | null {
  const field = record.fields.get(name);
  const text = field?.text.trim();
  if (!field || !text) return null;
  if (DATE_ELEMENTS.has(name)) {
    if (!isCalendarDate(text)) throw new ExtractFormatError(file, field.line, `invalid date in <${name}> (expected YYYY-MM-DD)`, { element: name });
    return text === OPEN_END_DATE ? null : text;
  }
  if (NUMBER_ELEMENTS.has(name)) {
    // Opus output has been seen with decimal commas as well as points.
    if (!/^-?\d+([.,]\d+)?$/.test(text)) throw new ExtractFormatError(file, field.line, `invalid number in <${name}>`, { element: name });
    return Number(text.replace(',', '.'));
  }
  return text;
}

function flag(field: ParsedField | undefined, name: string, file: string): boolean {
  const text = field?.text.trim().toLowerCase();
  if (!field || !text) return false;
  if (text === 'true') return true;
  if (text === 'false') return false;
  throw new ExtractFormatError(file, field.line, `invalid value in <${name}> (expected true or false)`, { element: name });
}

function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}
