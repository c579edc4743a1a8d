// Danish postal districts and street names. The fictive Eksempel Kommune sits in mid-Jutland, so
// most staff live in the surrounding postal districts and a few commute from further away.

export interface PostalDistrict {
  code: string;
  city: string;
  /** Relative share of residents, so nearby towns dominate. */
  weight: number;
}

export const POSTAL_DISTRICTS: readonly PostalDistrict[] = [
  { code: '8600', city: 'Silkeborg', weight: 30 },
  { code: '8800', city: 'Viborg', weight: 20 },
  { code: '8850', city: 'Bjerringbro', weight: 8 },
  { code: '8620', city: 'Kjellerup', weight: 8 },
  { code: '8680', city: 'Ry', weight: 6 },
  { code: '8653', city: 'Them', weight: 4 },
  { code: '8660', city: 'Skanderborg', weight: 8 },
  { code: '8450', city: 'Hammel', weight: 6 },
  { code: '8870', city: 'Langå', weight: 4 },
  { code: '8900', city: 'Randers C', weight: 10 },
  { code: '8000', city: 'Aarhus C', weight: 12 },
  { code: '8210', city: 'Aarhus V', weight: 6 },
  { code: '8260', city: 'Viby J', weight: 5 },
  { code: '8700', city: 'Horsens', weight: 6 },
  { code: '7400', city: 'Herning', weight: 6 },
  { code: '7430', city: 'Ikast', weight: 4 },
  { code: '7500', city: 'Holstebro', weight: 2 },
  { code: '8500', city: 'Grenaa', weight: 1 },
  { code: '7100', city: 'Vejle', weight: 2 },
  { code: '8840', city: 'Rødkærsbro', weight: 2 },
  { code: '8632', city: 'Lemming', weight: 1 },
  { code: '8641', city: 'Sorring', weight: 1 },
  { code: '8643', city: 'Ans By', weight: 1 },
  { code: '8654', city: 'Bryrup', weight: 1 },
  { code: '8740', city: 'Brædstrup', weight: 1 },
  { code: '5000', city: 'Odense C', weight: 1 },
  { code: '2100', city: 'København Ø', weight: 1 },
  { code: '9000', city: 'Aalborg', weight: 1 },
];

export const STREET_NAMES: readonly string[] = [
  'Vestergade', 'Østergade', 'Nørregade', 'Søndergade', 'Torvet', 'Skolegade', 'Kirkevej', 'Møllevej', 'Stationsvej', 'Skovvej',
  'Birkevej', 'Egevej', 'Bøgevej', 'Ahornvej', 'Lindevej', 'Kastanievej', 'Rosenvænget', 'Engvej', 'Markvej', 'Bakkevej',
  'Søvej', 'Strandvej', 'Havnegade', 'Åboulevarden', 'Borgergade', 'Fabriksvej', 'Industrivej', 'Grønnegade', 'Jernbanegade', 'Kongensgade',
  'Dronningensgade', 'Frederiksgade', 'Christiansgade', 'Valdemarsgade', 'Tværgade', 'Parkvej', 'Solvej', 'Tranevej', 'Fasanvej', 'Mågevej',
  'Hybenvej', 'Syrenvej', 'Lærkevej', 'Vibevej', 'Spurvevej', 'Kløvervej', 'Hedevej', 'Fyrrevej', 'Granvej', 'Elmevej',
  'Vesterbrogade', 'Silkeborgvej', 'Viborgvej', 'Randersvej', 'Aarhusvej', 'Herningvej', 'Skanderborgvej', 'Gudenåvej', 'Bindslevs Plads', 'Drewsensvej',
  'Hostrupsgade', 'Papirfabrikken', 'Balle Bygade', 'Sejlsvej', 'Nylandsvej', 'Frisenborgvej', 'Hattenæsvej', 'Resenbro Bygade', 'Virklundvej', 'Gødvadvej',
];

/** Streets of the municipality's own buildings: town halls, schools, centres. */
export const UNIT_STREET_NAMES: readonly string[] = [
  'Søvej', 'Rådhuspladsen', 'Skolevej', 'Centervej', 'Torvet', 'Idrætsvej', 'Fælledvej', 'Kirkebakken', 'Parkvej', 'Enghavevej', 'Toftevej', 'Bakkevej', 'Stationsvej',
];

/** Postal districts inside the municipality, the main town listed more often as most units are there. */
export const UNIT_POSTAL_DISTRICTS: ReadonlyArray<readonly [code: string, city: string]> = [
  ['8600', 'Silkeborg'], ['8600', 'Silkeborg'], ['8600', 'Silkeborg'], ['8620', 'Kjellerup'], ['8680', 'Ry'],
  ['8653', 'Them'], ['8654', 'Bryrup'], ['8632', 'Lemming'], ['8641', 'Sorring'], ['8643', 'Ans By'], ['8883', 'Gjern'],
];
