// The Opus areas (områder) each Employment field of this subgraph reads.
import type { FieldAreas } from '../shared/employments.js';

export const EMPLOYMENT_AREAS: FieldAreas = {
  employee: ['Persondata'],
  contract: ['Kontraktindhold'],
  userId: ['Kontraktindhold'],
  workingTime: ['Arbejdstid'],
  workingTimeHistory: ['Arbejdstid'],
  communication: ['Kommunikation'],
  jobFunctions: ['Arbejdsfunktion'],
  activities: ['Aktiviteter'],
  affiliations: ['Tilslutninger'],
  dutyPlanPlacements: ['Tjenesteplansindplacering'],
  schedules: ['Moedetidsplaner'],
  orgUnit: ['Organisation'],
  placements: ['Organisation'],
};
