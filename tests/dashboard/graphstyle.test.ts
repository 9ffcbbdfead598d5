// A time series panel's drawing options: Grafana's defaults where the panel says nothing (or something of the
// wrong kind), the panel's own values where it does.

import { describe, expect, it } from 'vitest';
import { autoPointsShow, graphStyle } from '../../src/dashboard/graphstyle.ts';
import type { Panel } from '../../src/dashboard/model.ts';

const panel = (fieldConfig: Panel['fieldConfig'], options: Panel['options'] = {}): Panel => ({
  id: 1,
  type: 'timeseries',
  title: 't',
  gridPos: { x: 0, y: 0, w: 12, h: 8 },
  fieldConfig,
  options,
});

describe('graphStyle', () => {
  it("fills in Grafana's timeseries defaults: line width 1, no fill, points auto, no limits, a list legend at the bottom", () => {
    expect(graphStyle(panel(undefined))).toEqual({
      drawStyle: 'line',
      lineWidth: 1,
      fillOpacity: 0,
      showPoints: 'auto',
      pointSize: 5,
      min: undefined,
      max: undefined,
      softMin: undefined,
      softMax: undefined,
      legend: { mode: 'list', placement: 'bottom', calcs: [] },
    });
  });

  it("reads the panel's own settings: hard and soft limits, fill, points, a table legend on the right with its calcs", () => {
    const s = graphStyle(
      panel(
        { defaults: { min: 0, max: 100, custom: { drawStyle: 'bars', lineWidth: 2, fillOpacity: 40, showPoints: 'never', pointSize: 8, axisSoftMin: 5, axisSoftMax: 50 } } },
        { legend: { showLegend: true, displayMode: 'table', placement: 'right', calcs: ['mean', 'max', 'median'] } },
      ),
    );
    expect(s).toMatchObject({ drawStyle: 'bars', lineWidth: 2, fillOpacity: 40, showPoints: 'never', pointSize: 8, min: 0, max: 100, softMin: 5, softMax: 50 });
    // 'median' is no calc we know: dropped, as Grafana skips unknown reducers.
    expect(s.legend).toEqual({ mode: 'table', placement: 'right', calcs: ['mean', 'max'] });
  });

  it('treats values of the wrong kind as unset, clamps fill opacity to 100, and hides the legend when showLegend is false', () => {
    const s = graphStyle(panel({ defaults: { custom: { lineWidth: 'thick', fillOpacity: 250, showPoints: 'sometimes' } } }, { legend: { showLegend: false, displayMode: 'table' } }));
    expect(s).toMatchObject({ lineWidth: 1, fillOpacity: 100, showPoints: 'auto' });
    expect(s.legend.mode).toBe('hidden');
  });
});

describe('autoPointsShow', () => {
  it('shows points only while they are at least two point widths apart', () => {
    expect(autoPointsShow(30, 300, 5)).toBe(true);
    expect(autoPointsShow(31, 300, 5)).toBe(false);
    expect(autoPointsShow(0, 300, 5)).toBe(false);
  });
});
