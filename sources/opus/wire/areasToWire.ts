// Simulator side: the domain model encoded as the Medarbejderoplysninger areas, typed against the
// schemas in areas.ts so the simulator can only send what the client's check accepts.
import type { CodedPeriod, Communication, Employment, FixedPayItem, Period } from '../../model.js';
import type { OpusArea } from '../OpusSource.js';
import { OPEN_END_DATE } from './constants.js';
import { overlaps, periodToWire } from './formats.js';
import {
  ABSENCE_STATUSES,
  ABSENCE_TYPES,
  EMPLOYMENT_TYPES,
  REFUSION_TYPES,
  TAX_CARD_TYPES,
  type WireFastLoenpost,
  type WireKodetPeriode,
  type WireKommunikation,
  type WireMedarbejderData,
} from './areas.js';

function filtered<T extends Period>(items: readonly T[], virkning: Period | null): readonly T[] {
  return virkning ? items.filter((i) => overlaps(i, virkning)) : items;
}

function codedToWire(c: CodedPeriod): WireKodetPeriode {
  return { ...periodToWire(c), Kode: c.code, Tekst: c.name };
}

function fixedPayToWire(f: FixedPayItem): WireFastLoenpost {
  return { ...periodToWire(f), Loenart: f.wageType, Tekst: f.name, Maanedsbeloeb: f.monthlyAmount };
}

export function communicationToWire(c: Communication): WireKommunikation {
  return { ArbejdsEmail: c.workEmail, ArbejdsTelefon: c.workPhone, Mobil: c.mobilePhone };
}

/**
 * One employee with the requested areas. With a virkning period, effective-dated lists keep only the
 * items overlapping it (absences too); tax cards by calendar year. Contract, person data and balances
 * are not effective-dated lists and come whole.
 */
export function employmentToWire(e: Employment, areas: ReadonlySet<OpusArea>, virkning: Period | null): WireMedarbejderData {
  const w: WireMedarbejderData = { Medarbejdernummer: e.employmentNumber };
  for (const area of areas) {
    switch (area) {
      case 'Persondata':
        w.Persondata = { CPR: e.person.cpr, Fornavn: e.person.firstName, Efternavn: e.person.lastName };
        break;
      case 'Adresse': {
        const a = e.person.address;
        w.Adresse = { Gade: a.street, Postnr: a.postalCode, By: a.city, Land: a.country, Beskyttet: a.protected };
        break;
      }
      case 'Kommunikation':
        w.Kommunikation = communicationToWire(e.communication);
        break;
      case 'Kontraktindhold': {
        const c = e.contract;
        w.Kontraktindhold = {
          Ansaettelsesform: EMPLOYMENT_TYPES[c.employmentType],
          Arbejdskontrakt: c.workContract,
          ArbejdskontraktTekst: c.workContractText,
          Startdato: c.start,
          Slutdato: c.end ?? OPEN_END_DATE,
          StillingsID: c.positionId,
          Stilling: c.position,
          StillingKort: c.positionShort,
          Overenskomst: { Kode: c.agreement.code, Tekst: c.agreement.name },
          JobID: c.jobId,
          Job: c.job,
          Leder: c.isManager,
          FoersteAnsaettelsesdato: c.initialEntry,
          IndtraedelsesdatoKoncern: c.entryIntoGroup,
          BrugerID: e.userId,
        };
        break;
      }
      case 'Arbejdstid':
        w.Arbejdstid = filtered(e.workingTime, virkning).map((t) => ({
          ...periodToWire(t),
          Broek: { Taeller: t.numerator, Naevner: t.denominator },
          Ugentimer: t.weeklyHours,
        }));
        break;
      case 'Arbejdsfunktion':
        w.Arbejdsfunktion = filtered(e.jobFunction, virkning).map(codedToWire);
        break;
      case 'Aktiviteter':
        w.Aktiviteter = filtered(e.activities, virkning).map(codedToWire);
        break;
      case 'Tilslutninger':
        w.Tilslutninger = filtered(e.affiliations, virkning).map(codedToWire);
        break;
      case 'Tjenesteplansindplacering':
        w.Tjenesteplansindplacering = filtered(e.dutyPlanPlacement, virkning).map(codedToWire);
        break;
      case 'Moedetidsplaner':
        w.Moedetidsplaner = filtered(e.schedules, virkning).map((s) => ({
          ...periodToWire(s),
          Navn: s.name,
          Dage: s.days.map((d) => ({ Ugedag: d.weekday, Fra: d.start, Til: d.end })),
        }));
        break;
      case 'Organisation':
        w.Organisation = filtered(e.placements, virkning).map((p) => ({ ...periodToWire(p), OrgEnhed: p.orgUnitOpusId }));
        break;
      case 'FravaerNaervaer':
        w.FravaerNaervaer = {
          Fravaer: filtered(e.absences, virkning).map((a) => ({
            ...periodToWire(a),
            Id: a.id,
            Fravaersart: ABSENCE_TYPES[a.type],
            DelvisTimer: a.partDayHours,
            Status: ABSENCE_STATUSES[a.status],
            Refusioner: a.refusions.map((r) => ({ ...periodToWire(r), Refusionsart: REFUSION_TYPES[r.type], Beloeb: r.amount })),
          })),
        };
        break;
      case 'Feriesaldo':
        w.Feriesaldo = e.vacationBalances.map((b) => ({
          Ferieaar: b.holidayYear,
          OptjenteDage: b.earnedDays,
          AfholdteDage: b.usedDays,
          OverfoerteDage: b.transferredDays,
        }));
        break;
      case 'Loenindplacering':
        w.Loenindplacering = filtered(e.salaryPlacement, virkning).map((s) => ({
          ...periodToWire(s),
          Loengruppe: s.payGroup,
          Loengruppetekst: s.payGroupText,
          Loentrin: s.step,
          Skalatrin: s.scale,
          Aarsloen: s.annualBaseSalary,
        }));
        break;
      case 'FasteTillaegFradrag': {
        const items = filtered(e.fixedPayItems, virkning);
        w.FasteTillaegFradrag = {
          Tillaeg: items.filter((i) => i.kind === 'supplement').map(fixedPayToWire),
          Fradrag: items.filter((i) => i.kind === 'deduction').map(fixedPayToWire),
        };
        break;
      }
      case 'Pensionsordninger':
        w.Pensionsordninger = filtered(e.pensions, virkning).map((p) => ({
          ...periodToWire(p),
          Pensionsselskab: p.provider,
          Ordningskode: p.schemeCode,
          Egetbidrag_Pct: p.employeePercent,
          Arbejdsgiverbidrag_Pct: p.employerPercent,
        }));
        break;
      case 'Skattedata': {
        const fromYear = virkning ? Number(virkning.from.slice(0, 4)) : -Infinity;
        const toYear = virkning?.to ? Number(virkning.to.slice(0, 4)) : Infinity;
        w.Skattedata = {
          Skattekort: e.tax
            .filter((t) => t.year >= fromYear && t.year <= toYear)
            .map((t) => ({ Aar: t.year, Korttype: TAX_CARD_TYPES[t.cardType], Traekprocent: t.withholdingRate, Fradrag: t.monthlyDeduction })),
        };
        break;
      }
    }
  }
  return w;
}
