import { registerEnumType } from 'type-graphql';

/** The event types the extract ingestion writes to `opus_change_event.type`, spelled the same. */
export enum ChangeType {
  EMPLOYMENT_HIRED = 'EMPLOYMENT_HIRED',
  EMPLOYMENT_LEFT = 'EMPLOYMENT_LEFT',
  EMPLOYMENT_CANCELLED = 'EMPLOYMENT_CANCELLED',
  EMPLOYMENT_MOVED = 'EMPLOYMENT_MOVED',
  EMPLOYMENT_POSITION_CHANGED = 'EMPLOYMENT_POSITION_CHANGED',
  EMPLOYMENT_MANAGER_CHANGED = 'EMPLOYMENT_MANAGER_CHANGED',
  EMPLOYMENT_NAME_CHANGED = 'EMPLOYMENT_NAME_CHANGED',
  EMPLOYMENT_CONTACT_CHANGED = 'EMPLOYMENT_CONTACT_CHANGED',
  EMPLOYMENT_WORKING_TIME_CHANGED = 'EMPLOYMENT_WORKING_TIME_CHANGED',
  ORG_UNIT_CREATED = 'ORG_UNIT_CREATED',
  ORG_UNIT_RENAMED = 'ORG_UNIT_RENAMED',
  ORG_UNIT_MOVED = 'ORG_UNIT_MOVED',
  ORG_UNIT_CLOSED = 'ORG_UNIT_CLOSED',
}

export const CHANGE_TYPES = Object.values(ChangeType);

registerEnumType(ChangeType, {
  name: 'ChangeType',
  description: 'What happened, as one Opus extract compared with the one before it showed it.',
  valuesConfig: {
    EMPLOYMENT_HIRED: { description: 'A new employment (medarbejdernummer) appeared.' },
    EMPLOYMENT_LEFT: { description: 'The employment ended (action="leave" or a leave date).' },
    EMPLOYMENT_CANCELLED: { description: 'The employment vanished from the extract: annulled, as if it never existed.' },
    EMPLOYMENT_MOVED: { description: 'The employment was placed in another org unit.' },
    EMPLOYMENT_POSITION_CHANGED: { description: 'Stilling, job or contract changed.' },
    EMPLOYMENT_MANAGER_CHANGED: { description: 'Whether the employment is a manager (isManager, levels) changed.' },
    EMPLOYMENT_NAME_CHANGED: { description: 'The person’s name changed.' },
    EMPLOYMENT_CONTACT_CHANGED: { description: 'Address, phone or e-mail changed.' },
    EMPLOYMENT_WORKING_TIME_CHANGED: { description: 'Arbejdstid (numerator/denominator) changed.' },
    ORG_UNIT_CREATED: { description: 'A new Opus org unit appeared.' },
    ORG_UNIT_RENAMED: { description: 'The unit’s short or long name changed.' },
    ORG_UNIT_MOVED: { description: 'The unit got another parent.' },
    ORG_UNIT_CLOSED: { description: 'The unit ended (end date) or vanished.' },
  },
});
