// Client side: one employee of a read-employee-data answer, checked against WireMedarbejderData in one
// compiled check, then mapped field by field to the domain model. The mapping checks nothing the
// schema declares; it only renames, normalises spellings and reads the code tables backwards.
import type { CodedPeriod, Communication, Contract, FixedPayItem, PersonData } from '../../model.js';
import { OPUS_AREAS, type EmploymentAreas, type OpusArea, type PersonRead } from '../OpusSource.js';
import { checker, WireShapeError } from './check.js';
import { periodFromWire, toCode, toDate, toEndDate, toFlag, toNumber, toOptNumber, toOptText } from './formats.js';
import {
  ABSENCE_STATUSES_BACK,
  ABSENCE_TYPES_BACK,
  EMPLOYMENT_TYPES_BACK,
  FERIEAAR,
  REFUSION_TYPES_BACK,
  TAX_CARD_TYPES_BACK,
  WireKommunikation,
  WireMedarbejderData,
  type WireAdresse,
  type WireFastLoenpost,
  type WireKodetPeriode,
  type WireKontraktindhold,
  type WirePersondata,
} from './areas.js';

/**
 * The areas to ask Opus for. A person's name comes with Persondata alone; Adresse (the home address,
 * under navne- og adressebeskyttelse for some) is asked for only when a field shows it, and then
 * with Persondata, whose person it completes.
 */
export function wireAreasFor(areas: readonly OpusArea[]): OpusArea[] {
  const set = new Set(areas);
  if (set.has('Adresse')) set.add('Persondata');
  return OPUS_AREAS.filter((a) => set.has(a));
}

const checkEmployee = checker(WireMedarbejderData);
const checkCommunication = checker(WireKommunikation);

/** An area that is one object must be there when it was asked for. */
function present<T>(v: T | null | undefined, path: string): T {
  if (v === undefined || v === null) throw new WireShapeError(path, 'an object');
  return v;
}

const coded = (c: WireKodetPeriode): CodedPeriod => ({ ...periodFromWire(c), code: toCode(c.Kode), name: c.Tekst });

function person(p: WirePersondata, a: WireAdresse | undefined): PersonRead {
  const read: PersonRead = { cpr: p.CPR, firstName: p.Fornavn, lastName: p.Efternavn };
  if (a) read.address = { street: a.Gade, postalCode: toCode(a.Postnr), city: a.By, country: a.Land, protected: toFlag(a.Beskyttet) };
  return read;
}

function communication(c: WireKommunikation): Communication {
  return { workEmail: toOptText(c.ArbejdsEmail), workPhone: toOptText(c.ArbejdsTelefon), mobilePhone: toOptText(c.Mobil) };
}

export function communicationFromWire(v: unknown, path: string): Communication {
  return communication(checkCommunication(v, path));
}

function contract(c: WireKontraktindhold): Contract {
  return {
    employmentType: EMPLOYMENT_TYPES_BACK[c.Ansaettelsesform],
    workContract: toCode(c.Arbejdskontrakt),
    workContractText: c.ArbejdskontraktTekst,
    start: toDate(c.Startdato),
    end: toEndDate(c.Slutdato),
    positionId: toCode(c.StillingsID),
    position: c.Stilling,
    positionShort: c.StillingKort,
    agreement: { code: toCode(c.Overenskomst.Kode), name: c.Overenskomst.Tekst },
    jobId: toCode(c.JobID),
    job: c.Job,
    isManager: toFlag(c.Leder),
    initialEntry: toDate(c.FoersteAnsaettelsesdato),
    entryIntoGroup: toDate(c.IndtraedelsesdatoKoncern),
  };
}

/** The one rule a pattern cannot say: in "2025/26" the second year follows the first. */
function holidayYear(v: string | number, path: string): string {
  const year = toCode(v);
  const m = FERIEAAR.exec(year);
  if (!m || (m[2] !== undefined && Number(m[2]) !== (Number(m[1]) + 1) % 100)) throw new WireShapeError(path, 'a ferieår written YYYY or YYYY/YY');
  return year;
}

const fixedPay = (kind: FixedPayItem['kind']) => (f: WireFastLoenpost): FixedPayItem => ({
  ...periodFromWire(f),
  wageType: toCode(f.Loenart),
  name: f.Tekst,
  kind,
  monthlyAmount: toNumber(f.Maanedsbeloeb),
});
const supplement = fixedPay('supplement');
const deduction = fixedPay('deduction');

/** One employee of a read-employee-data answer, with exactly the fields of the requested areas. */
export function employmentFromWire(v: unknown, path: string, areas: readonly OpusArea[]): EmploymentAreas {
  const o = checkEmployee(v, path);
  const e: EmploymentAreas = { employmentNumber: toCode(o.Medarbejdernummer) };
  for (const area of areas) {
    switch (area) {
      case 'Persondata':
      case 'Adresse':
        e.person ??= person(present(o.Persondata, `${path}.Persondata`), areas.includes('Adresse') ? present(o.Adresse, `${path}.Adresse`) : undefined);
        break;
      case 'Kommunikation':
        e.communication = communication(present(o.Kommunikation, `${path}.Kommunikation`));
        break;
      case 'Kontraktindhold': {
        const c = present(o.Kontraktindhold, `${path}.Kontraktindhold`);
        e.contract = contract(c);
        e.userId = toOptText(c.BrugerID);
        break;
      }
      case 'Arbejdstid':
        e.workingTime = (o.Arbejdstid ?? []).map((t) => ({
          ...periodFromWire(t),
          numerator: toNumber(t.Broek.Taeller),
          denominator: toNumber(t.Broek.Naevner),
          weeklyHours: toNumber(t.Ugentimer),
        }));
        break;
      case 'Arbejdsfunktion':
        e.jobFunction = (o.Arbejdsfunktion ?? []).map(coded);
        break;
      case 'Aktiviteter':
        e.activities = (o.Aktiviteter ?? []).map(coded);
        break;
      case 'Tilslutninger':
        e.affiliations = (o.Tilslutninger ?? []).map(coded);
        break;
      case 'Tjenesteplansindplacering':
        e.dutyPlanPlacement = (o.Tjenesteplansindplacering ?? []).map(coded);
        break;
      case 'Moedetidsplaner':
        e.schedules = (o.Moedetidsplaner ?? []).map((s) => ({
          ...periodFromWire(s),
          name: s.Navn,
          days: (s.Dage ?? []).map((d) => ({ weekday: toNumber(d.Ugedag) as 1 | 2 | 3 | 4 | 5 | 6 | 7, start: d.Fra, end: d.Til })),
        }));
        break;
      case 'Organisation':
        e.placements = (o.Organisation ?? []).map((p) => ({ ...periodFromWire(p), orgUnitOpusId: toCode(p.OrgEnhed) }));
        break;
      case 'FravaerNaervaer':
        e.absences = (o.FravaerNaervaer?.Fravaer ?? []).map((a) => ({
          ...periodFromWire(a),
          id: toCode(a.Id),
          type: ABSENCE_TYPES_BACK[a.Fravaersart],
          partDayHours: toOptNumber(a.DelvisTimer),
          status: ABSENCE_STATUSES_BACK[a.Status],
          refusions: (a.Refusioner ?? []).map((r) => ({ ...periodFromWire(r), type: REFUSION_TYPES_BACK[r.Refusionsart], amount: toNumber(r.Beloeb) })),
        }));
        break;
      case 'Feriesaldo':
        e.vacationBalances = (o.Feriesaldo ?? []).map((b, i) => ({
          holidayYear: holidayYear(b.Ferieaar, `${path}.Feriesaldo[${i}].Ferieaar`),
          earnedDays: toNumber(b.OptjenteDage),
          usedDays: toNumber(b.AfholdteDage),
          transferredDays: toNumber(b.OverfoerteDage),
        }));
        break;
      case 'Loenindplacering':
        e.salaryPlacement = (o.Loenindplacering ?? []).map((s) => ({
          ...periodFromWire(s),
          payGroup: toCode(s.Loengruppe),
          payGroupText: s.Loengruppetekst,
          step: toNumber(s.Loentrin),
          scale: toCode(s.Skalatrin),
          annualBaseSalary: toNumber(s.Aarsloen),
        }));
        break;
      case 'FasteTillaegFradrag': {
        const f = o.FasteTillaegFradrag;
        e.fixedPayItems = [...(f?.Tillaeg ?? []).map(supplement), ...(f?.Fradrag ?? []).map(deduction)].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
        break;
      }
      case 'Pensionsordninger':
        e.pensions = (o.Pensionsordninger ?? []).map((p) => ({
          ...periodFromWire(p),
          provider: p.Pensionsselskab,
          schemeCode: toCode(p.Ordningskode),
          employeePercent: toNumber(p.Egetbidrag_Pct),
          employerPercent: toNumber(p.Arbejdsgiverbidrag_Pct),
        }));
        break;
      case 'Skattedata':
        e.tax = (o.Skattedata?.Skattekort ?? []).map((t) => ({
          year: toNumber(t.Aar),
          cardType: TAX_CARD_TYPES_BACK[t.Korttype],
          withholdingRate: toNumber(t.Traekprocent),
          monthlyDeduction: toNumber(t.Fradrag),
        }));
        break;
    }
  }
  return e;
}
