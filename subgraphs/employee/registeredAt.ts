// The `registeredAt` argument, described once for every query and field that takes it.
export const REGISTERED_AT =
  'As the Opus extracts registered it at this instant: the version whose registration interval contains it (extract mode, OPUS_SOURCE=extract; ' +
  'with the Dataservice SOURCE_NOT_AVAILABLE). Default: the current registration, or the parent’s.';
