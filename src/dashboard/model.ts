// A dashboard is kept as Grafana's own dashboard JSON (the subset in README.md), not a private shape: what the
// learner imports is what gets exported, fields we do not understand included. These types name the fields we
// read; the index signatures carry everything else through untouched.

export type PanelType = 'timeseries' | 'stat' | 'gauge' | 'bargauge' | 'table' | 'row';
/** Visualisations a panel can be switched to in the editor (rows are layout, not visualisations). */
export const VISUALISATIONS = ['timeseries', 'stat', 'gauge', 'bargauge', 'table'] as const;
export type Visualisation = (typeof VISUALISATIONS)[number];

export interface GridPos {
  x: number;
  y: number;
  w: number;
  h: number;
  [extra: string]: unknown;
}

export interface Target {
  refId: string;
  /** Absent on targets of other data sources, which are kept but not queried. */
  expr?: string;
  legendFormat?: string;
  /** 'table' turns labels into fields a stat panel can show (reduceOptions.fields). */
  format?: 'time_series' | 'table';
  hide?: boolean;
  [extra: string]: unknown;
}

export interface ThresholdStep {
  color: string;
  /** null is the base step (Grafana writes it as -Infinity's stand-in). */
  value: number | null;
  [extra: string]: unknown;
}

export interface Thresholds {
  mode: 'absolute' | 'percentage';
  steps: ThresholdStep[];
  [extra: string]: unknown;
}

export interface FieldDefaults {
  unit?: string;
  decimals?: number;
  min?: number;
  max?: number;
  thresholds?: Thresholds;
  custom?: { drawStyle?: 'line' | 'bars' | 'points'; [extra: string]: unknown };
  [extra: string]: unknown;
}

export interface ReduceOptions {
  calcs: string[];
  /** '' for numeric fields, or a /regex/ naming a label (a table-format target's column). */
  fields?: string;
  values?: boolean;
  [extra: string]: unknown;
}

export interface PanelOptions {
  reduceOptions?: ReduceOptions;
  orientation?: 'auto' | 'horizontal' | 'vertical';
  legend?: { showLegend?: boolean; [extra: string]: unknown };
  [extra: string]: unknown;
}

export interface Panel {
  id: number;
  type: string;
  title: string;
  gridPos: GridPos;
  datasource?: unknown;
  targets?: Target[];
  fieldConfig?: { defaults: FieldDefaults; overrides?: unknown[]; [extra: string]: unknown };
  options?: PanelOptions;
  /** Row panels only: whether the row is folded, and then the panels it holds. */
  collapsed?: boolean;
  panels?: Panel[];
  [extra: string]: unknown;
}

export interface TimeRange {
  /** 'now-15m' or an ISO date / epoch-ms string for an absolute range. */
  from: string;
  to: string;
  [extra: string]: unknown;
}

export interface Dashboard {
  uid: string;
  title: string;
  schemaVersion: number;
  version?: number;
  time: TimeRange;
  /** '' or false (off), or a Grafana interval: '5s', '1m'. */
  refresh: string | false;
  panels: Panel[];
  [extra: string]: unknown;
}

/** The schema version written by the Grafana releases whose panel model we follow (timeseries, fieldConfig). */
export const SCHEMA_VERSION = 39;

/** Whether a panel shows data (as opposed to being a row or an unsupported type). */
export function isVisualisation(type: string): type is Visualisation {
  return (VISUALISATIONS as readonly string[]).includes(type);
}

/** All panels, rows' folded panels included, in document order. */
export function allPanels(d: Dashboard): Panel[] {
  return d.panels.flatMap((p) => [p, ...(p.panels ?? [])]);
}
