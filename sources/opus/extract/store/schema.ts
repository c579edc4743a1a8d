// The extract store's tables (`npm run extract:migrate`, idempotent). Bitemporal, as FK ORG and OS2mo
// keep history: every version of a record has its valid time (from the record: entry/leave dates,
// start/end dates) and its registration time (the timestamps of the extracts that said it, from the
// file name ZLPE<YYYYMMDDHHMMSS>). Nothing is updated in place except closing a version's registration
// (`registered_to`) when a later extract says something else; annulled employments keep every row.
export const EXTRACT_STORE_DDL = /* sql */ `
CREATE TABLE IF NOT EXISTS opus_extract_file (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  file_name     text NOT NULL,
  extracted_at  timestamptz NOT NULL UNIQUE,
  sha256        text NOT NULL UNIQUE,
  ingested_at   timestamptz NOT NULL DEFAULT now(),
  employees     integer NOT NULL,
  org_units     integer NOT NULL,
  -- Whole days between this extract and the one before it, minus one (0: the next day's); null for the
  -- first file, whose events describe everything in it (docs/extract.md).
  gap_days      integer CHECK (gap_days >= 0)
);

-- One row per version of an employment record (medarbejdernummer) as the extracts said it.
CREATE TABLE IF NOT EXISTS opus_employment_version (
  employment_number text NOT NULL,
  registered_from   timestamptz NOT NULL,
  registered_to     timestamptz,
  -- Valid time: entryDate .. leaveDate (inclusive; null = open).
  valid_from        date,
  valid_to          date,
  -- 'active', 'left' (action="leave") or 'annulled' (gone from the extract while active: as if it never
  -- existed). A leaver who drops out of the file keeps its 'left' version.
  status            text NOT NULL CHECK (status IN ('active', 'left', 'annulled')),
  cpr               text,
  org_unit          text,
  -- The whole record as read, field names as in the file, unknown elements included.
  record            jsonb NOT NULL,
  PRIMARY KEY (employment_number, registered_from)
);
CREATE INDEX IF NOT EXISTS opus_employment_version_current ON opus_employment_version (employment_number) WHERE registered_to IS NULL;
CREATE INDEX IF NOT EXISTS opus_employment_version_cpr ON opus_employment_version (cpr);
CREATE INDEX IF NOT EXISTS opus_employment_version_unit ON opus_employment_version (org_unit);

CREATE TABLE IF NOT EXISTS opus_org_unit_version (
  org_unit          text NOT NULL,
  registered_from   timestamptz NOT NULL,
  registered_to     timestamptz,
  valid_from        date,
  valid_to          date,
  status            text NOT NULL CHECK (status IN ('active', 'annulled')),
  parent            text,
  record            jsonb NOT NULL,
  PRIMARY KEY (org_unit, registered_from)
);
CREATE INDEX IF NOT EXISTS opus_org_unit_version_current ON opus_org_unit_version (org_unit) WHERE registered_to IS NULL;

-- The change feed: events in the order the extracts were ingested; cursor is their position.
CREATE TABLE IF NOT EXISTS opus_change_event (
  cursor          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  extract_id      bigint NOT NULL REFERENCES opus_extract_file (id),
  type            text NOT NULL,
  registered_at   timestamptz NOT NULL,
  effective_from  date,
  entity          text NOT NULL CHECK (entity IN ('Employment', 'OrgUnit')),
  entity_key      text NOT NULL,
  -- Opus units the event concerns (before and after a move), for the subtree filter.
  org_units       text[] NOT NULL DEFAULT '{}',
  fields          text[] NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS opus_change_event_type ON opus_change_event (type, cursor);
-- A file's events (its first and last cursor), e.g. to start a feed after the first file.
CREATE INDEX IF NOT EXISTS opus_change_event_extract ON opus_change_event (extract_id, cursor);
`;
