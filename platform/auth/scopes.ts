// The scopes a token can carry, each guarding one kind of data. Fields declare the scopes they need
// with @RequiresScopes (access.ts); a token's `scope` claim lists what its holder was granted.
export const SCOPES = {
  'employee:read': 'Employees and employments: persondata (name, birth date, gender), address, kommunikation, kontraktindhold, arbejdstid and placement',
  'employee:cpr': 'CPR numbers (audited)',
  'employee:protected-address': 'Addresses under navne- og adressebeskyttelse (audited)',
  'communication:write': "Update an employment's kommunikation (work e-mail, phones)",
  // Its own scope, not employee:read + communication:write: changing a person's name or home address is
  // rarer and weighs more than a work phone (it changes who the person is in payroll, payslips and
  // letters, for every employment), so few systems (the HR department's own) should hold it.
  'personal-data:write': "Change a person's persondata and adresse (first and last name, home address) in Opus (updatePersonalData)",
  'org:read': 'The FK ORG organisation: units, managers, positions, addresses, KLE tasks, interest groups, IT users',
  'absence:read': 'Fravær/nærvær, refusions, vacation balances and absence statistics',
  'payroll:read': 'Lønindplacering, fixed supplements and deductions, pensions and one-off payments (audited)',
  'payroll:tax': 'Skattedata (audited)',
  'payments:write': 'Submit one-off payments (engangsydelser) to Opus',
  // Its own scope, not payments:write: a fast tillæg or fradrag changes every payroll run from its start
  // until someone stops it, where a one-off payment is paid once; systems that submit overtime need not
  // be able to change standing pay.
  'fixed-pay:write': 'Add and stop faste tillæg/fradrag (fixed monthly supplements and deductions) in Opus',
  'audit:read': 'Read the audit log (the DPO): who read or changed whose personal data, and who searched which CPR numbers (accessLog; every such read is itself audited)',
  // Aggregates only, so an analyst who needs headcounts never holds employee:read; it grants no field of a person.
  'statistics:read': 'Workforce statistics: aggregates only (headcount, FTE, hires, leavers, turnover, distributions, absence rates), never a person\'s data; small groups suppressed',
  'changes:read': 'The change feed: which employments and org units changed, how and when (types, dates, field names, keys; the entities themselves need their own scopes)',
} as const;

export type Scope = keyof typeof SCOPES;
export const ALL_SCOPES = Object.keys(SCOPES) as Scope[];

export function isScope(value: string): value is Scope {
  return Object.hasOwn(SCOPES, value);
}
