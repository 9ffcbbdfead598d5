// The book's "Image Gallery" dashboard (diamol ch09/exercises/grafana/dashboard.json, Grafana 6.4, uid kb5nhJAZk):
// four rows, the same panels, queries, legends, types and thresholds, written in today's panel model (graph →
// timeseries, singlestat → stat, with the graphs' line width, fill and points) the way Grafana migrates it on load.
// Three changes: the book opens on the last 6 hours; the simulated world starts when the page opens, so the last
// 15 minutes show the same data without a mostly empty graph. The book's panels span 18 of Grafana's 24 columns;
// here each row spans all 24 (same rows, heights and order, each panel at least as wide), so titles fit beside the
// lesson panel. The memory graphs draw lines, not the book's bars: bars of a gauge that hardly moves, from zero,
// fill the panel solid and hide its trend.

import { SCHEMA_VERSION, type Dashboard, type FieldDefaults, type Panel, type PanelOptions, type Target } from './model.ts';

export const DEFAULT_UID = 'kb5nhJAZk';
// By name, as the book's dashboard does: it resolves to the provisioned "Prometheus" data source whatever its uid.
const DATASOURCE = 'Prometheus';
// Panels are numbered in document order once the list is built.

function row(title: string, y: number): Panel {
  return { id: 0, type: 'row', title, gridPos: { x: 0, y, w: 24, h: 1 }, collapsed: false, panels: [] };
}

function panel(
  type: string,
  title: string,
  [x, y, w, h]: [number, number, number, number],
  target: Pick<Target, 'expr' | 'legendFormat' | 'format'>,
  defaults: FieldDefaults = {},
  options: PanelOptions = {},
): Panel {
  return {
    id: 0,
    type,
    title,
    gridPos: { x, y, w, h },
    datasource: DATASOURCE,
    targets: [{ refId: 'A', ...target, datasource: DATASOURCE }],
    fieldConfig: { defaults, overrides: [] },
    options,
  };
}

// Grafana's migration of the book's graphs: linewidth 1, fill 1 (fillOpacity 10), points on or off; bars are filled.
const graph = (unit: string, showPoints: boolean): FieldDefaults => ({
  unit,
  custom: { drawStyle: 'line', lineWidth: 1, fillOpacity: 10, showPoints: showPoints ? 'always' : 'never' },
});
const bars = (unit: string): FieldDefaults => ({ unit, custom: { drawStyle: 'bars', lineWidth: 1, fillOpacity: 100, showPoints: 'never' } });
const legend = (showLegend: boolean): PanelOptions => ({ legend: { showLegend } });
const textStat = (label: string): PanelOptions => ({ reduceOptions: { calcs: ['first'], fields: `/^${label}$/`, values: false } });
const engineInfo = { expr: 'engine_daemon_engine_info', format: 'table' } as const;

export function defaultDashboard(): Dashboard {
  const panels: Panel[] = [
    row('Image Gallery', 0),
    panel('timeseries', 'HTTP 200 Responses', [0, 1, 7, 6], { expr: 'sum(image_gallery_requests_total{code="200"}) without(instance)' }, graph('short', true), legend(false)),
    panel('timeseries', 'In-Flight Requests', [7, 1, 7, 6], { expr: 'sum(image_gallery_in_flight_requests) without(instance)' }, graph('short', true), legend(false)),
    panel('timeseries', 'Memory In Use', [14, 1, 5, 6], { expr: 'go_memstats_stack_inuse_bytes{job="image-gallery"}', legendFormat: '{{instance}}' }, graph('bytes', false), legend(true)),
    panel('timeseries', 'Active Goroutines', [19, 1, 5, 6], { expr: 'sum(go_goroutines{job="image-gallery"}) without(instance)' }, graph('short', false), legend(false)),

    row('Image of the Day API', 7),
    panel(
      'timeseries',
      'Get Image Requests',
      [0, 8, 4, 6],
      { expr: 'sum(method_timed_seconds_count{class="iotd.ImageController",exception="none",method="get"}) without(instance, class, exception, method)' },
      graph('short', true),
      legend(false),
    ),
    panel(
      'gauge',
      'Image Loads from NASA',
      [4, 8, 5, 6],
      { expr: 'sum(iotd_api_image_load_total{status="success"}) without(instance)' },
      {
        unit: 'short',
        min: 0,
        max: 100,
        thresholds: { mode: 'absolute', steps: [{ color: 'green', value: null }, { color: 'dark-orange', value: 3 }, { color: 'dark-red', value: 10 }] },
      },
      { reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false }, orientation: 'horizontal' },
    ),
    panel(
      'gauge',
      'Image Loads from Cache',
      [9, 8, 5, 6],
      { expr: 'sum(iotd_api_image_load_total{status="cached"}) without(instance)' },
      {
        unit: 'short',
        min: 0,
        max: 100,
        thresholds: { mode: 'absolute', steps: [{ color: 'dark-red', value: null }, { color: '#EAB839', value: 1 }, { color: 'green', value: 10 }] },
      },
      { reduceOptions: { calcs: ['mean'], fields: '', values: false }, orientation: 'auto' },
    ),
    panel('timeseries', 'JVM Memory Use', [14, 8, 5, 6], { expr: 'sum(jvm_memory_used_bytes) without(area, id, instance)' }, graph('bytes', false), legend(true)),
    panel('timeseries', 'Active Threads', [19, 8, 5, 6], { expr: 'sum(tomcat_threads_current_threads{name="http-nio-80",}) without(instance)' }, graph('short', false), legend(false)),

    row('Access Log', 14),
    panel('timeseries', 'Logs by Container', [0, 15, 7, 6], { expr: 'access_log_total', legendFormat: '{{hostname}}' }, graph('short', true), legend(true)),
    panel('timeseries', 'Current Client IPs', [7, 15, 7, 6], { expr: 'sum(access_client_ip_current) without(hostname, instance)' }, graph('short', true), legend(false)),
    panel('timeseries', 'Memory Use by Container', [14, 15, 5, 6], { expr: 'nodejs_external_memory_bytes', legendFormat: '{{hostname}}' }, graph('bytes', false), legend(true)),
    panel('timeseries', 'Active Sockets', [19, 15, 5, 6], { expr: 'sum(nodejs_active_handles{type="Socket"}) without (hostname, instance)' }, bars('short'), legend(false)),

    row('Docker', 21),
    panel('timeseries', 'Container Status', [0, 22, 6, 6], { expr: 'engine_daemon_container_states_containers', legendFormat: '{{state}}' }, graph('short', true), legend(true)),
    panel('stat', 'Health Checks', [6, 22, 4, 3], { expr: 'engine_daemon_health_checks_failed_total' }, { unit: 'short' }, { reduceOptions: { calcs: ['mean'], fields: '', values: false } }),
    panel('stat', 'Failed Health Checks', [6, 25, 4, 3], { expr: 'engine_daemon_health_checks_failed_total' }, { unit: 'short' }, { reduceOptions: { calcs: ['mean'], fields: '', values: false } }),
    panel('stat', 'Version', [10, 22, 4, 2], engineInfo, {}, textStat('version')),
    panel('stat', 'Architecture', [10, 24, 4, 2], engineInfo, {}, textStat('architecture')),
    panel('stat', 'OS Type', [10, 26, 4, 2], engineInfo, {}, textStat('os_type')),
    panel('timeseries', 'Memory In Use', [14, 22, 5, 6], { expr: 'go_memstats_stack_inuse_bytes{job="docker"}', legendFormat: '{{instance}}' }, graph('bytes', false), legend(true)),
    panel('timeseries', 'Active Goroutines', [19, 22, 5, 6], { expr: 'sum(go_goroutines{job="docker"}) without(instance)' }, graph('short', false), legend(false)),
  ];
  return {
    uid: DEFAULT_UID,
    title: 'Image Gallery',
    schemaVersion: SCHEMA_VERSION,
    version: 1,
    editable: true,
    tags: [],
    time: { from: 'now-15m', to: 'now' },
    refresh: '10s',
    panels: panels.map((p, i) => ({ ...p, id: i + 1 })),
  };
}
