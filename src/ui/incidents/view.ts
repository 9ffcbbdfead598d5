// What the incident controls drive.

import type { Incidents } from '../../sim/incidents/incidents.ts';

export type IncidentsView = Pick<Incidents, 'active' | 'isActive' | 'start' | 'stop' | 'steadyRate' | 'setSteadyRate' | 'subscribe'>;
