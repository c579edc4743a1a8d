// The KMD Opus JSON gateway protocol: every wire shape, declared as schemas in wire/, and the only
// place where Danish Opus field names meet the English domain model. Both the client (OpusHttpClient)
// and the simulator use it, so the two cannot drift apart; aligning with KMD's documentation later
// means editing wire/ only.
//
// Engangsydelser follows a public client of the real service (field names, Loebenummer as a number,
// Antal as a decimal string, dateTime start dates, Header.Status "Error" on a failed update).
// Dataservice Medarbejderoplysninger is not publicly documented; its endpoints here are modelled in
// the same gateway style, with one object per area (område) named as in OPUS_AREAS. Nor is the
// "Personoplysninger og faste tillæg" webservice (update-fixed-pay-items): its request is modelled on
// the Engangsydelser update (Header, Medarbejder, numbered lines, Meddelelse per line) and its items on
// the FasteTillaegFradrag area they are read back from. Its personal-data half (update-personal-data)
// is modelled the same way: the request carries the Persondata and Adresse elements of the read side
// (read-employee-data), only those to change, and the answer is Header and Meddelelse.
//
// wire/constants.ts     endpoints, limits, statuses, Meddelelse codes, business-rule constants
// wire/check.ts         compiled schema checks and WireShapeError (the path of the offending field)
// wire/formats.ts       scalar formats (codes, numbers, dates, flags) and periods
// wire/common.ts        Header, Medarbejder, VirkningFilter, Meddelelse
// wire/areas.ts         the Medarbejderoplysninger areas and their code tables
// wire/areasFromWire.ts the client's decoding of an employee; wire/areasToWire.ts the simulator's encoding
// wire/answers.ts       every endpoint's answer; wire/requests.ts every request and the client's encoding
// wire/simulatorRequests.ts the simulator's reading of requests
export * from './wire/constants.js';
export { WireShapeError, list } from './wire/check.js';
export { isIsoDate, overlaps, periodToWire, type WirePeriode } from './wire/formats.js';
export * from './wire/common.js';
export * from './wire/areas.js';
export * from './wire/areasFromWire.js';
export * from './wire/areasToWire.js';
export * from './wire/answers.js';
export * from './wire/requests.js';
export * from './wire/simulatorRequests.js';
