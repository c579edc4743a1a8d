// The Medarbejderoplysninger areas (områder) of a read-employee-data answer, declared as schemas: field
// names, which are optional, formats and code tables. Dataservice Medarbejderoplysninger is not
// publicly documented; these shapes are modelled in the gateway style of Engangsydelser, one object
// (or list) per area named as in OPUS_AREAS. The types the simulator encodes with are read off them.
import Type, { type Static } from 'typebox';
import type { Absence, AbsenceType, Contract, Refusion, TaxData } from '../../model.js';
import type { OpusArea } from '../OpusSource.js';
import { Code, EndDate, Flag, Int, Num, OptList, OptNum, OptText, Periode, Text, WireDate, invert, wireValues } from './formats.js';

// ---------------------------------------------------------------- code tables (domain -> wire)

export const EMPLOYMENT_TYPES = {
  permanent: 'Fastansat',
  fixedTerm: 'Tidsbegraenset',
  hourly: 'Timeloennet',
  trainee: 'Elev',
} as const satisfies Record<Contract['employmentType'], string>;
export const ABSENCE_TYPES = {
  ferie: 'Ferie',
  feriefridage: 'Feriefridage',
  sygdom: 'Sygdom',
  barnsSygedag: 'BarnsSygedag',
  barsel: 'Barsel',
  orlov: 'Orlov',
  omsorgsdage: 'Omsorgsdage',
  seniordage: 'Seniordage',
  tjenestefri: 'Tjenestefri',
} as const satisfies Record<AbsenceType, string>;
export const ABSENCE_STATUSES = { approved: 'Godkendt', requested: 'Anmodet', rejected: 'Afvist' } as const satisfies Record<Absence['status'], string>;
export const REFUSION_TYPES = {
  sygedagpenge: 'Sygedagpenge',
  barselsdagpenge: 'Barselsdagpenge',
  forsikring: 'Forsikring',
} as const satisfies Record<Refusion['type'], string>;
export const TAX_CARD_TYPES = { main: 'Hovedkort', secondary: 'Bikort', free: 'Frikort' } as const satisfies Record<TaxData['cardType'], string>;

export const EMPLOYMENT_TYPES_BACK = invert(EMPLOYMENT_TYPES);
export const ABSENCE_TYPES_BACK = invert(ABSENCE_TYPES);
export const ABSENCE_STATUSES_BACK = invert(ABSENCE_STATUSES);
export const REFUSION_TYPES_BACK = invert(REFUSION_TYPES);
export const TAX_CARD_TYPES_BACK = invert(TAX_CARD_TYPES);

// ---------------------------------------------------------------- areas

export const WirePersondata = Type.Object({ CPR: Text, Fornavn: Text, Efternavn: Text });

export const WireAdresse = Type.Object({
  Gade: Text,
  Postnr: Code,
  By: Text,
  Land: Text,
  /** Navne- og adressebeskyttelse. */
  Beskyttet: Flag,
});

export const WireKommunikation = Type.Object({ ArbejdsEmail: OptText, ArbejdsTelefon: OptText, Mobil: OptText });

export const WireKontraktindhold = Type.Object({
  Ansaettelsesform: Type.Enum(wireValues(EMPLOYMENT_TYPES)),
  Arbejdskontrakt: Code,
  ArbejdskontraktTekst: Text,
  Startdato: WireDate,
  Slutdato: EndDate,
  StillingsID: Code,
  Stilling: Text,
  StillingKort: Text,
  Overenskomst: Type.Object({ Kode: Code, Tekst: Text }),
  JobID: Code,
  Job: Text,
  Leder: Flag,
  FoersteAnsaettelsesdato: WireDate,
  IndtraedelsesdatoKoncern: WireDate,
  BrugerID: OptText,
});

export const WireArbejdstid = Type.Object({ ...Periode, Broek: Type.Object({ Taeller: Num, Naevner: Num }), Ugentimer: Num });

/** Arbejdsfunktion, Aktiviteter, Tilslutninger, Tjenesteplansindplacering: a code and its text per period. */
export const WireKodetPeriode = Type.Object({ ...Periode, Kode: Code, Tekst: Text });

export const WireMoedetidsplan = Type.Object({
  ...Periode,
  Navn: Text,
  Dage: OptList(Type.Object({ Ugedag: Type.Union([Type.Integer({ minimum: 1, maximum: 7 }), Type.String({ pattern: '^[1-7]$' })], { description: 'a weekday 1-7' }), Fra: Text, Til: Text })),
});

export const WireOrganisationsplacering = Type.Object({ ...Periode, OrgEnhed: Code });

export const WireRefusion = Type.Object({ ...Periode, Refusionsart: Type.Enum(wireValues(REFUSION_TYPES)), Beloeb: Num });

export const WireFravaer = Type.Object({
  ...Periode,
  Id: Code,
  Fravaersart: Type.Enum(wireValues(ABSENCE_TYPES)),
  /** Hours of a part-day absence, null for whole days. */
  DelvisTimer: OptNum,
  Status: Type.Enum(wireValues(ABSENCE_STATUSES)),
  Refusioner: OptList(WireRefusion),
});

/** Ferieaar: the calendar year the ferieår starts in, alone ("2025") or with the next ("2025/26"). */
export const FERIEAAR = /^(\d{4})(?:\/(\d{2}))?$/;
export const WireFeriesaldo = Type.Object({
  Ferieaar: Type.Union([Type.Integer(), Type.String({ pattern: FERIEAAR.source })], { description: 'a ferieår written YYYY or YYYY/YY' }),
  OptjenteDage: Num,
  AfholdteDage: Num,
  OverfoerteDage: Num,
});

export const WireLoenindplacering = Type.Object({ ...Periode, Loengruppe: Code, Loengruppetekst: Text, Loentrin: Num, Skalatrin: Code, Aarsloen: Num });

export const WireFastLoenpost = Type.Object({ ...Periode, Loenart: Code, Tekst: Text, Maanedsbeloeb: Num });

export const WirePensionsordning = Type.Object({
  ...Periode,
  Pensionsselskab: Text,
  Ordningskode: Code,
  Egetbidrag_Pct: Num,
  Arbejdsgiverbidrag_Pct: Num,
});

export const WireSkattekort = Type.Object({ Aar: Int, Korttype: Type.Enum(wireValues(TAX_CARD_TYPES)), Traekprocent: Num, Fradrag: Num });

/** An area that is one object: required when asked for. */
const Optional = <S extends Parameters<typeof Type.Optional>[0]>(s: S) => Type.Optional(Type.Union([s, Type.Null()], { description: 'an object' }));

/** One employee in a read-employee-data answer: only the requested areas are present. */
export const WireMedarbejderData = Type.Object({
  Medarbejdernummer: Code,
  Persondata: Optional(WirePersondata),
  Adresse: Optional(WireAdresse),
  Kommunikation: Optional(WireKommunikation),
  Kontraktindhold: Optional(WireKontraktindhold),
  Arbejdstid: OptList(WireArbejdstid),
  Arbejdsfunktion: OptList(WireKodetPeriode),
  Aktiviteter: OptList(WireKodetPeriode),
  Tilslutninger: OptList(WireKodetPeriode),
  Tjenesteplansindplacering: OptList(WireKodetPeriode),
  Moedetidsplaner: OptList(WireMoedetidsplan),
  Organisation: OptList(WireOrganisationsplacering),
  FravaerNaervaer: Optional(Type.Object({ Fravaer: OptList(WireFravaer) })),
  Feriesaldo: OptList(WireFeriesaldo),
  Loenindplacering: OptList(WireLoenindplacering),
  FasteTillaegFradrag: Optional(Type.Object({ Tillaeg: OptList(WireFastLoenpost), Fradrag: OptList(WireFastLoenpost) })),
  Pensionsordninger: OptList(WirePensionsordning),
  Skattedata: Optional(Type.Object({ Skattekort: OptList(WireSkattekort) })),
} satisfies Record<'Medarbejdernummer' | OpusArea, unknown>);

export type WirePersondata = Static<typeof WirePersondata>;
export type WireAdresse = Static<typeof WireAdresse>;
export type WireKommunikation = Static<typeof WireKommunikation>;
export type WireKontraktindhold = Static<typeof WireKontraktindhold>;
export type WireArbejdstid = Static<typeof WireArbejdstid>;
export type WireKodetPeriode = Static<typeof WireKodetPeriode>;
export type WireMoedetidsplan = Static<typeof WireMoedetidsplan>;
export type WireOrganisationsplacering = Static<typeof WireOrganisationsplacering>;
export type WireRefusion = Static<typeof WireRefusion>;
export type WireFravaer = Static<typeof WireFravaer>;
export type WireFeriesaldo = Static<typeof WireFeriesaldo>;
export type WireLoenindplacering = Static<typeof WireLoenindplacering>;
export type WireFastLoenpost = Static<typeof WireFastLoenpost>;
export type WirePensionsordning = Static<typeof WirePensionsordning>;
export type WireSkattekort = Static<typeof WireSkattekort>;
export type WireMedarbejderData = Static<typeof WireMedarbejderData>;
