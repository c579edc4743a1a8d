// The Opus areas (områder) each Employment field of this subgraph reads. References and lists load
// the union of the selected fields' areas in one Medarbejderoplysninger call per plan step.
import type { FieldAreas } from '../shared/employments.js';

export const EMPLOYMENT_AREAS: FieldAreas = {
  validFrom: ['Kontraktindhold'],
  validTo: ['Kontraktindhold'],
  active: ['Kontraktindhold'],
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
