// Webhook subscribers of the change feed and what could not be delivered to them. Kept apart from the
// extract tables (schema.ts): the ingestion never touches these, the delivery loop never touches those.
export const WEBHOOK_DDL = /* sql */ `
CREATE TABLE IF NOT EXISTS change_subscriber (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  url               text NOT NULL,
  -- Shared with the receiver; signs every delivery (HMAC-SHA256).
  secret            text NOT NULL,
  types             text[],
  org_unit_subtree  text,
  -- The last event cursor delivered (or dead-lettered): progress survives restarts.
  delivered_cursor  bigint NOT NULL DEFAULT 0,
  failures          integer NOT NULL DEFAULT 0,
  next_attempt_at   timestamptz NOT NULL DEFAULT now(),
  last_error        text,
  active            boolean NOT NULL DEFAULT true
);

CREATE TABLE IF NOT EXISTS change_dead_letter (
  subscriber_id  bigint NOT NULL REFERENCES change_subscriber (id),
  event_cursor   bigint NOT NULL,
  attempts       integer NOT NULL,
  last_error     text NOT NULL,
  failed_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (subscriber_id, event_cursor)
);
`;
