// The incidents there are, apart from the machinery, so the UI can list them without loading the simulation.

export const INCIDENT_KINDS = ['error-rate', 'latency', 'memory-leak', 'goroutine-leak', 'traffic-surge', 'crash-loop'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

export class IncidentError extends Error {}

/** The steady-traffic switch: a load generator's requests per second to image-gallery (Incidents.setSteadyRate). */
export const STEADY_TRAFFIC = 2;
