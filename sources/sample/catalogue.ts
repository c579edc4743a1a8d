// The fixed vocabulary of the sample municipality: its administrative structure, institution kinds,
// jobs with their collective agreements and pay, and the codes Opus uses for them. Codes are
// plausible Opus/KL-style codes, not an authoritative list: the sample only has to be consistent.

export type Area = 'admin' | 'social' | 'technical' | 'school' | 'daycare' | 'care' | 'disability' | 'library';
export type InstitutionKind = 'skole' | 'daginstitution' | 'plejecenter' | 'bosted' | 'bibliotek';

export interface DepartmentTemplate {
  name: string;
  /** Name after the re-organisation, for departments that get renamed. */
  renamedTo?: string;
  area: Area;
  kle: string[];
  teams: string[];
  institutions?: InstitutionKind;
}

export interface DirectorateTemplate {
  name: string;
  shortName: string;
  kle: string[];
  departments: DepartmentTemplate[];
}

export const DIRECTORATES: readonly DirectorateTemplate[] = [
  {
    name: 'Børne- og Ungeforvaltningen',
    shortName: 'BUF',
    kle: ['17.00', '28.00'],
    departments: [
      { name: 'Skoleafdelingen', renamedTo: 'Skole og Læring', area: 'admin', kle: ['17.01', '17.02', '17.04'], teams: ['Skoleadministration', 'Specialundervisning'], institutions: 'skole' },
      { name: 'Dagtilbudsafdelingen', renamedTo: 'Dagtilbud og Familie', area: 'admin', kle: ['28.01', '28.03', '28.09'], teams: ['Pladsanvisningen', 'Dagplejen'], institutions: 'daginstitution' },
      { name: 'Familieafdelingen', area: 'social', kle: ['27.24', '27.27', '28.10'], teams: ['Myndighed Børn og Unge', 'Forebyggelse', 'Familiebehandling', 'Ungeteamet'] },
      { name: 'Pædagogisk Psykologisk Rådgivning', area: 'social', kle: ['17.21', '17.22'], teams: ['Psykologer', 'Tale-høre', 'Fysio- og ergoterapi'] },
    ],
  },
  {
    name: 'Social- og Sundhedsforvaltningen',
    shortName: 'SSF',
    kle: ['27.00', '29.00'],
    departments: [
      { name: 'Ældreområdet', area: 'admin', kle: ['27.36', '27.39', '29.09'], teams: ['Visitationen', 'Hjemmeplejen Nord', 'Hjemmeplejen Syd'], institutions: 'plejecenter' },
      { name: 'Handicap og Psykiatri', renamedTo: 'Voksen, Handicap og Psykiatri', area: 'admin', kle: ['27.20', '27.21', '27.12'], teams: ['Bostøtten', 'Socialpsykiatrien'], institutions: 'bosted' },
      { name: 'Sundhed og Forebyggelse', area: 'social', kle: ['29.03', '29.30', '29.12'], teams: ['Sundhedsplejen', 'Forebyggende hjemmebesøg', 'Træning og Rehabilitering'] },
      { name: 'Myndighed Voksne', area: 'social', kle: ['27.12', '27.15', '32.18'], teams: ['Hjælpemidler', 'Socialrådgivningen', 'Boligtildeling'] },
    ],
  },
  {
    name: 'Teknik- og Miljøforvaltningen',
    shortName: 'TMF',
    kle: ['01.00', '02.00', '05.00', '09.00'],
    departments: [
      { name: 'Plan og Byg', area: 'technical', kle: ['01.02', '02.00', '02.34'], teams: ['Byggesag', 'Lokalplaner', 'Byudvikling'] },
      { name: 'Natur og Miljø', renamedTo: 'Natur, Miljø og Klima', area: 'technical', kle: ['09.02', '09.04', '01.05'], teams: ['Natur', 'Miljø og Landbrug', 'Vand', 'Klima'] },
      { name: 'Vej og Park', area: 'technical', kle: ['05.01', '05.04', '05.13'], teams: ['Driftsafdelingen', 'Trafik', 'Materielgården', 'Vintertjenesten'] },
      { name: 'Kommunale Ejendomme', area: 'technical', kle: ['82.02', '82.06'], teams: ['Bygningsdrift', 'Energi', 'Rengøring'] },
    ],
  },
  {
    name: 'Økonomi og Personale',
    shortName: 'ØP',
    kle: ['00.00', '81.00'],
    departments: [
      { name: 'Økonomiafdelingen', area: 'admin', kle: ['00.30', '00.32', '00.22'], teams: ['Budget og Analyse', 'Regnskab', 'Indkøb'] },
      { name: 'HR og Løn', area: 'admin', kle: ['81.01', '81.05', '81.10'], teams: ['Lønservice', 'HR-jura', 'Arbejdsmiljø'] },
      { name: 'IT og Digitalisering', renamedTo: 'Digitalisering og Data', area: 'admin', kle: ['85.02', '85.04'], teams: ['IT-drift', 'Digital udvikling', 'Informationssikkerhed'] },
      { name: 'Borgerservice', area: 'admin', kle: ['23.00', '25.02', '07.00'], teams: ['Pas og Kørekort', 'Ydelser', 'Opkrævning'] },
    ],
  },
  {
    name: 'Beskæftigelsesforvaltningen',
    shortName: 'BEF',
    kle: ['15.00', '32.00'],
    departments: [
      { name: 'Jobcenter', area: 'social', kle: ['15.20', '32.18', '15.02'], teams: ['Virksomhedsservice', 'Ungeindsatsen', 'Sygedagpenge', 'Kontanthjælp'] },
      { name: 'Integration', area: 'social', kle: ['15.25', '27.02'], teams: ['Sprogcenter', 'Integrationsteamet'] },
    ],
  },
  {
    name: 'Kultur- og Fritidsforvaltningen',
    shortName: 'KFF',
    kle: ['18.00', '17.12'],
    departments: [
      { name: 'Kultur og Idræt', area: 'admin', kle: ['18.14', '18.20'], teams: ['Idrætsfaciliteter', 'Kulturhuset', 'Musikskolen'] },
      { name: 'Bibliotekerne', area: 'library', kle: ['18.12'], teams: ['Digitale tilbud'], institutions: 'bibliotek' },
    ],
  },
];

/** Extra team names when a department grows beyond its named teams. */
export const DISTRICTS: readonly string[] = ['Nord', 'Syd', 'Øst', 'Vest', 'Midt', 'Centrum', 'Land', 'By'];

export interface InstitutionTemplate {
  kind: InstitutionKind;
  typeName: string;
  area: Area;
  /** `{}` is replaced by a place name. */
  namePatterns: string[];
  teams: string[];
  /** Sub-teams under a team: the sixth level of the tree, for the largest institutions. */
  subTeams?: string[];
  kle: string[];
  weight: number;
}

export const INSTITUTIONS: Record<InstitutionKind, InstitutionTemplate> = {
  skole: {
    kind: 'skole', typeName: 'Skole', area: 'school', weight: 3,
    namePatterns: ['{} Skole', '{}skolen'],
    teams: ['Indskoling', 'Mellemtrin', 'Udskoling', 'SFO', 'Specialklasser'],
    kle: ['17.01', '17.02.05', '17.04', '17.20'],
  },
  daginstitution: {
    kind: 'daginstitution', typeName: 'Daginstitution', area: 'daycare', weight: 4,
    namePatterns: ['Børnehuset {}', 'Daginstitution {}', 'Naturbørnehaven {}', 'Vuggestuen {}'],
    teams: ['Vuggestuen', 'Børnehaven', 'Udegruppen'],
    kle: ['28.01', '28.03', '28.09.01'],
  },
  plejecenter: {
    kind: 'plejecenter', typeName: 'Plejecenter', area: 'care', weight: 3,
    namePatterns: ['Plejecenter {}', 'Lokalcenter {}'],
    teams: ['Afsnit A', 'Afsnit B', 'Afsnit C', 'Køkkenet'],
    subTeams: ['Dagvagt', 'Aftenvagt', 'Nattevagt'],
    kle: ['27.36', '27.39', '29.09'],
  },
  bosted: {
    kind: 'bosted', typeName: 'Bosted', area: 'disability', weight: 2,
    namePatterns: ['Bostedet {}', 'Botilbud {}', 'Aktivitetscenter {}'],
    teams: ['Hus 1', 'Hus 2', 'Nattevagten'],
    kle: ['27.20', '27.21', '27.12'],
  },
  bibliotek: {
    kind: 'bibliotek', typeName: 'Bibliotek', area: 'library', weight: 1,
    namePatterns: ['{} Bibliotek'],
    teams: ['Børn og Unge', 'Udlån og Formidling'],
    kle: ['18.12'],
  },
};

/** Place names for institutions: parishes, villages and quarters around the fictive municipality. */
export const PLACE_NAMES: readonly string[] = [
  'Balle', 'Virklund', 'Sejs', 'Resenbro', 'Gødvad', 'Hvinningdal', 'Lemming', 'Grauballe', 'Kragelund', 'Funder',
  'Them', 'Gjessø', 'Alderslyst', 'Thorning', 'Gjern', 'Voel', 'Sorring', 'Buskelund', 'Bryrup', 'Vrads',
  'Linå', 'Laven', 'Svejbæk', 'Skægkær', 'Sejling', 'Dalgas', 'Nørrevang', 'Søndervang', 'Vestervang', 'Østervang',
  'Engesvang', 'Kjellerup', 'Hinge', 'Vinderslev', 'Levring', 'Serup', 'Grønbæk', 'Ans', 'Tange', 'Lysbro',
  'Sølystgård', 'Hårup', 'Fårvang', 'Dallerup', 'Bjerringbro Vest', 'Vestbyen', 'Østbyen', 'Midtbyen', 'Søholt', 'Lyngbygård',
  'Birkebakken', 'Bakkehuset', 'Solsikken', 'Mariehønen', 'Troldehøj', 'Skovbrynet', 'Engtoften', 'Kildebakken', 'Egebjerg', 'Lindegården',
  'Rosenhaven', 'Toftegården', 'Kastaniegården', 'Møllebakken', 'Åhaven', 'Fuglereden', 'Humlebien', 'Regnbuen', 'Stjernen', 'Ahornhøj',
];

// ---------------------------------------------------------------- agreements and jobs

export interface Agreement {
  code: string;
  name: string;
  union: string;
  pension: { provider: string; schemeCode: string; total: number };
  payGroup: string;
}

export const AGREEMENTS = {
  hk: { code: '0601', name: 'HK Kommunal - kontorpersonale', union: 'HK Kommunal', pension: { provider: 'PKA', schemeCode: 'PKA-KT', total: 15.2 }, payGroup: '06' },
  foa: { code: '5201', name: 'FOA - social- og sundhedspersonale', union: 'FOA', pension: { provider: 'PenSam', schemeCode: 'PS-SOSU', total: 13.8 }, payGroup: '52' },
  foaPaed: { code: '5701', name: 'FOA - pædagogmedhjælpere og pædagogiske assistenter', union: 'FOA', pension: { provider: 'PenSam', schemeCode: 'PS-PAM', total: 12.6 }, payGroup: '57' },
  lc: { code: '4701', name: 'Lærere m.fl. i folkeskolen (OK24)', union: 'Danmarks Lærerforening', pension: { provider: 'Lærernes Pension', schemeCode: 'LP-OK', total: 18.3 }, payGroup: '47' },
  bupl: { code: '7301', name: 'BUPL - pædagogisk personale', union: 'BUPL', pension: { provider: 'PKA', schemeCode: 'PKA-PBU', total: 16.9 }, payGroup: '73' },
  sl: { code: '7302', name: 'Socialpædagogerne', union: 'Socialpædagogerne', pension: { provider: 'PKA', schemeCode: 'PKA-SL', total: 16.9 }, payGroup: '74' },
  ac: { code: '0404', name: 'Akademikere (AC)', union: 'Akademikerne', pension: { provider: 'Sampension', schemeCode: 'SP-AC', total: 18.0 }, payGroup: '04' },
  f3: { code: '1101', name: '3F - faglærte og ikke-faglærte', union: '3F', pension: { provider: 'PenSam', schemeCode: 'PS-3F', total: 12.0 }, payGroup: '11' },
  dsr: { code: '1505', name: 'Dansk Sygeplejeråd', union: 'Dansk Sygeplejeråd', pension: { provider: 'PKA', schemeCode: 'PKA-SPK', total: 15.2 }, payGroup: '15' },
  ds: { code: '0801', name: 'Dansk Socialrådgiverforening', union: 'Dansk Socialrådgiverforening', pension: { provider: 'PKA', schemeCode: 'PKA-SR', total: 16.1 }, payGroup: '08' },
  etf: { code: '1701', name: 'Ergo- og fysioterapeuter', union: 'Ergoterapeutforeningen', pension: { provider: 'PKA', schemeCode: 'PKA-TER', total: 15.2 }, payGroup: '17' },
  leder: { code: '0101', name: 'Chefer og ledere', union: 'Lederne', pension: { provider: 'AP Pension', schemeCode: 'AP-LED', total: 18.6 }, payGroup: '01' },
} satisfies Record<string, Agreement>;

export type AgreementKey = keyof typeof AGREEMENTS;

export interface Job {
  positionId: string;
  position: string;
  positionShort: string;
  jobId: string;
  agreement: AgreementKey;
  /** Relative frequency within its area. */
  weight: number;
  steps: [number, number];
  /** Arbejdsfunktion and aktivitet the job usually has. */
  function: { code: string; name: string };
  activity: { code: string; name: string };
  shift: 'day' | 'rota' | 'school';
  /** Mostly part-time, as in care and daycare. */
  partTime: number;
}

/**
 * The 4-digit job id (and løngruppe suffix) of a stilling: its overenskomst's two digits and the stilling's
 * last two, so each id names one stilling. (The first four digits alone would give every HK stilling the
 * id 0601 under several names.)
 */
export function jobIdOf(positionId: string): string {
  return positionId.slice(0, 2) + positionId.slice(4, 6);
}

function job(
  positionId: string, position: string, positionShort: string, agreement: AgreementKey, weight: number, steps: [number, number],
  fn: [string, string], activity: [string, string], shift: Job['shift'] = 'day', partTime = 0.2,
): Job {
  return { positionId, position, positionShort, jobId: jobIdOf(positionId), agreement, weight, steps, function: { code: fn[0], name: fn[1] }, activity: { code: activity[0], name: activity[1] }, shift, partTime };
}

const ADMIN = ['ADM', 'Administration'] as [string, string];

export const JOBS: Record<Area, Job[]> = {
  admin: [
    job('060110', 'Administrativ medarbejder', 'Adm. medarb.', 'hk', 30, [17, 27], ['KON', 'Kontorarbejde'], ADMIN),
    job('060120', 'Sagsbehandler', 'Sagsbeh.', 'hk', 20, [22, 32], ['SAG', 'Sagsbehandling'], ADMIN),
    job('040110', 'Konsulent', 'Konsulent', 'ac', 22, [30, 40], ['KNS', 'Konsulentbistand'], ADMIN),
    job('040120', 'Specialkonsulent', 'Spec.kons.', 'ac', 8, [38, 46], ['KNS', 'Konsulentbistand'], ADMIN),
    job('060130', 'Lønkonsulent', 'Lønkons.', 'hk', 6, [24, 33], ['LØN', 'Løn og personale'], ADMIN),
    job('060140', 'Elev (kontor)', 'Elev', 'hk', 3, [1, 5], ['ELV', 'Elevuddannelse'], ADMIN, 'day', 0),
  ],
  social: [
    job('080110', 'Socialrådgiver', 'Socialrådg.', 'ds', 35, [28, 36], ['SOC', 'Socialfagligt arbejde'], ['MYN', 'Myndighedsopgaver']),
    job('060120', 'Sagsbehandler', 'Sagsbeh.', 'hk', 25, [22, 32], ['SAG', 'Sagsbehandling'], ADMIN),
    job('040110', 'Konsulent', 'Konsulent', 'ac', 12, [30, 40], ['KNS', 'Konsulentbistand'], ADMIN),
    job('040130', 'Psykolog', 'Psykolog', 'ac', 8, [34, 44], ['PSY', 'Psykologfagligt arbejde'], ['RÅD', 'Rådgivning']),
    job('150110', 'Sundhedsplejerske', 'Sundh.pl.', 'dsr', 6, [30, 37], ['SUN', 'Sundhedspleje'], ['FOB', 'Forebyggelse']),
    job('170110', 'Ergoterapeut', 'Ergoterap.', 'etf', 6, [27, 34], ['TRÆ', 'Træning'], ['REH', 'Rehabilitering']),
    job('170120', 'Fysioterapeut', 'Fysioterap.', 'etf', 6, [27, 34], ['TRÆ', 'Træning'], ['REH', 'Rehabilitering']),
  ],
  technical: [
    job('040140', 'Ingeniør', 'Ingeniør', 'ac', 15, [32, 42], ['TEK', 'Teknisk sagsbehandling'], ['PLA', 'Planlægning']),
    job('040150', 'Byplanlægger', 'Byplanl.', 'ac', 8, [32, 40], ['PLA', 'Planlægning'], ['PLA', 'Planlægning']),
    job('060150', 'Byggesagsbehandler', 'Byggesagsb.', 'hk', 12, [24, 32], ['SAG', 'Sagsbehandling'], ADMIN),
    job('110110', 'Vejmand', 'Vejmand', 'f3', 20, [12, 20], ['DRI', 'Drift og vedligehold'], ['VEJ', 'Vejdrift']),
    job('110120', 'Gartner', 'Gartner', 'f3', 12, [14, 22], ['DRI', 'Drift og vedligehold'], ['GRØ', 'Grønne områder']),
    job('110130', 'Serviceleder', 'Servicel.', 'f3', 10, [18, 26], ['DRI', 'Drift og vedligehold'], ['BYG', 'Bygningsdrift']),
    job('110140', 'Rengøringsassistent', 'Rengøring', 'f3', 10, [10, 15], ['REN', 'Rengøring'], ['REN', 'Rengøring'], 'day', 0.5),
  ],
  school: [
    job('470110', 'Lærer', 'Lærer', 'lc', 70, [30, 38], ['UND', 'Undervisning'], ['UND', 'Undervisning'], 'school', 0.1),
    job('730110', 'Pædagog (SFO)', 'Pædagog', 'bupl', 14, [25, 32], ['PÆD', 'Pædagogisk arbejde'], ['SFO', 'Skolefritidsordning'], 'school', 0.4),
    job('570110', 'Pædagogisk assistent', 'Pæd. ass.', 'foaPaed', 6, [14, 20], ['PÆD', 'Pædagogisk arbejde'], ['SFO', 'Skolefritidsordning'], 'school', 0.5),
    job('060160', 'Skolesekretær', 'Skolesekr.', 'hk', 4, [20, 27], ['KON', 'Kontorarbejde'], ADMIN, 'day', 0.3),
    job('110130', 'Serviceleder', 'Servicel.', 'f3', 3, [18, 26], ['DRI', 'Drift og vedligehold'], ['BYG', 'Bygningsdrift']),
  ],
  daycare: [
    job('730120', 'Pædagog', 'Pædagog', 'bupl', 50, [25, 32], ['PÆD', 'Pædagogisk arbejde'], ['DAG', 'Dagtilbud'], 'day', 0.4),
    job('570120', 'Pædagogmedhjælper', 'Pæd.medhj.', 'foaPaed', 30, [11, 17], ['PÆD', 'Pædagogisk arbejde'], ['DAG', 'Dagtilbud'], 'day', 0.6),
    job('570110', 'Pædagogisk assistent', 'Pæd. ass.', 'foaPaed', 15, [14, 20], ['PÆD', 'Pædagogisk arbejde'], ['DAG', 'Dagtilbud'], 'day', 0.5),
    job('110150', 'Køkkenassistent', 'Køkkenass.', 'f3', 4, [11, 16], ['KØK', 'Køkken'], ['KØK', 'Køkken'], 'day', 0.6),
  ],
  care: [
    job('520110', 'Social- og sundhedsassistent', 'SOSU-ass.', 'foa', 35, [18, 25], ['PLE', 'Pleje og omsorg'], ['PLE', 'Pleje'], 'rota', 0.6),
    job('520120', 'Social- og sundhedshjælper', 'SOSU-hj.', 'foa', 30, [12, 18], ['PLE', 'Pleje og omsorg'], ['PLE', 'Pleje'], 'rota', 0.7),
    job('150120', 'Sygeplejerske', 'Sygepl.', 'dsr', 14, [28, 35], ['SYG', 'Sygepleje'], ['SYG', 'Sygepleje'], 'rota', 0.4),
    job('170110', 'Ergoterapeut', 'Ergoterap.', 'etf', 5, [27, 34], ['TRÆ', 'Træning'], ['REH', 'Rehabilitering']),
    job('110150', 'Køkkenassistent', 'Køkkenass.', 'f3', 6, [11, 16], ['KØK', 'Køkken'], ['KØK', 'Køkken'], 'day', 0.5),
    job('520130', 'Aktivitetsmedarbejder', 'Akt.medarb.', 'foa', 4, [14, 20], ['AKT', 'Aktivitet og samvær'], ['AKT', 'Aktiviteter'], 'day', 0.5),
  ],
  disability: [
    job('740110', 'Socialpædagog', 'Socialpæd.', 'sl', 50, [26, 33], ['SPÆ', 'Socialpædagogisk arbejde'], ['BOS', 'Bostøtte'], 'rota', 0.3),
    job('520110', 'Social- og sundhedsassistent', 'SOSU-ass.', 'foa', 25, [18, 25], ['PLE', 'Pleje og omsorg'], ['PLE', 'Pleje'], 'rota', 0.5),
    job('570120', 'Pædagogmedhjælper', 'Pæd.medhj.', 'foaPaed', 20, [11, 17], ['PÆD', 'Pædagogisk arbejde'], ['BOS', 'Bostøtte'], 'rota', 0.6),
  ],
  library: [
    job('040160', 'Bibliotekar', 'Bibliotekar', 'ac', 50, [28, 36], ['BIB', 'Biblioteksarbejde'], ['FOR', 'Formidling'], 'day', 0.3),
    job('060170', 'Biblioteksassistent', 'Bibl.ass.', 'hk', 40, [18, 25], ['BIB', 'Biblioteksarbejde'], ['UDL', 'Udlån'], 'day', 0.4),
  ],
};

export interface ManagerJob {
  position: string;
  positionShort: string;
  positionId: string;
  steps: [number, number];
}

/** The manager title by the kind of unit managed. */
export const MANAGER_JOBS: Record<'kommune' | 'forvaltning' | 'afdeling' | 'team' | InstitutionKind, ManagerJob> = {
  kommune: { position: 'Kommunaldirektør', positionShort: 'Kom.dir.', positionId: '010100', steps: [50, 50] },
  forvaltning: { position: 'Direktør', positionShort: 'Direktør', positionId: '010110', steps: [48, 50] },
  afdeling: { position: 'Afdelingschef', positionShort: 'Afd.chef', positionId: '010120', steps: [44, 48] },
  team: { position: 'Teamleder', positionShort: 'Teamleder', positionId: '010130', steps: [38, 44] },
  skole: { position: 'Skoleleder', positionShort: 'Skoleleder', positionId: '010140', steps: [42, 46] },
  daginstitution: { position: 'Dagtilbudsleder', positionShort: 'Dagt.leder', positionId: '010150', steps: [38, 43] },
  plejecenter: { position: 'Plejecenterleder', positionShort: 'Plejec.leder', positionId: '010160', steps: [40, 45] },
  bosted: { position: 'Forstander', positionShort: 'Forstander', positionId: '010170', steps: [40, 45] },
  bibliotek: { position: 'Bibliotekschef', positionShort: 'Bibl.chef', positionId: '010180', steps: [40, 45] },
};

/** Opus arbejdskontrakt codes by employment type. */
export const WORK_CONTRACTS = {
  permanent: { code: '01', text: 'Månedslønnet, fastansat' },
  fixedTerm: { code: '02', text: 'Månedslønnet, tidsbegrænset' },
  hourly: { code: '05', text: 'Timelønnet' },
  trainee: { code: '07', text: 'Elev/lærling' },
  manager: { code: '03', text: 'Månedslønnet, leder' },
} as const;

// ---------------------------------------------------------------- payroll codes

export const SUPPLEMENTS: ReadonlyArray<{ wageType: string; name: string; min: number; max: number }> = [
  { wageType: '1120', name: 'Funktionstillæg', min: 500, max: 2500 },
  { wageType: '1130', name: 'Kvalifikationstillæg', min: 400, max: 2000 },
  { wageType: '1210', name: 'Lokalt tillæg', min: 300, max: 1500 },
  { wageType: '1315', name: 'Tillæg for særlige opgaver', min: 600, max: 3000 },
  { wageType: '1420', name: 'Erfaringstillæg', min: 300, max: 1200 },
];

export const MANAGER_SUPPLEMENT = { wageType: '1145', name: 'Ledelsestillæg', min: 2500, max: 9000 };

export const DEDUCTIONS: ReadonlyArray<{ wageType: string; name: string; min: number; max: number }> = [
  { wageType: '8610', name: 'Fagforeningskontingent', min: 350, max: 650 },
  { wageType: '8710', name: 'Frokostordning', min: 250, max: 450 },
  { wageType: '8720', name: 'Personaleforening', min: 25, max: 60 },
  { wageType: '8740', name: 'Sundhedsordning', min: 80, max: 150 },
];

/**
 * Engangsydelser by lønart, each with the one rate the sample pays per unit of Antal: Opus computes a
 * one-off payment's Beloeb as Antal × the lønart's sats, and the simulator's update-onetime-payments
 * stores what it is sent the same way (ONE_OFF_RATES). The rates are the sample's own, at plausible
 * 2026 municipal levels; real satser come from the overenskomst and the employee's pay, and Opus's
 * lønart table is not public.
 */
export const ONE_OFF_WAGE_TYPES: ReadonlyArray<{ wageType: string; name: string; unit: 'hours' | 'km' | 'pieces'; rate: number }> = [
  { wageType: '2410', name: 'Merarbejde', unit: 'hours', rate: 265 },
  { wageType: '2420', name: 'Overarbejde 50 %', unit: 'hours', rate: 385 },
  { wageType: '2430', name: 'Aftentillæg', unit: 'hours', rate: 38.5 },
  { wageType: '2440', name: 'Honorar (pr. møde)', unit: 'pieces', rate: 1_250 },
  // Statens høje takst for kørselsgodtgørelse in 2026, the sample's year: 3,94 kr. pr. km for the first
  // 20,000 km a year, set yearly by Skatterådet (2024: 3,79 kr.; 2025: 3,81 kr.); Skattestyrelsen's figures
  // as tabulated at https://www.tekniq.dk/nyheder/se-satserne-for-skattefrie-koerepenge-og-diaeter-i-2026.
  { wageType: '2460', name: 'Kørselsgodtgørelse', unit: 'km', rate: 3.94 },
  { wageType: '2470', name: 'Engangsvederlag (pr. portion)', unit: 'pieces', rate: 2_500 },
];

/** DKK per unit of Antal by lønart: what a one-off payment of that lønart is worth (Beloeb = Antal × rate). */
export const ONE_OFF_RATES: Readonly<Record<string, number>> = Object.fromEntries(ONE_OFF_WAGE_TYPES.map((t) => [t.wageType, t.rate]));

/** Beloeb of a one-off payment: Antal × the lønart's rate, in øre-exact DKK. */
export function oneOffAmount(rate: number, quantity: number): number {
  return Math.round(rate * quantity * 100) / 100;
}

export const IT_SYSTEMS = [
  { name: 'KMD Opus', shortName: 'OPUS' },
  { name: 'SBSYS', shortName: 'SBSYS' },
  { name: 'Aula', shortName: 'AULA' },
] as const;
