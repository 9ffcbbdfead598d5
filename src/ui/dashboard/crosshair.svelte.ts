// The time under the mouse on any time series panel: every panel of the page draws its crosshair there.

export class Crosshair {
  t = $state<number | null>(null);
}
