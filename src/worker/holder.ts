// One tab at a time saves to the browser's store, like Prometheus' lock file: the worker holding the Web Lock
// is the holder; another tab's worker runs from what it restored without saving, says so, and can take over.
// Taking over asks the holder (over a BroadcastChannel) to save and let go; the taker then reloads, so it
// continues from everything the holder saved.

const LOCK = 'promlab-store';
const CHANNEL = 'promlab-holder';
/** How long a booting worker waits for the lock: a reloading tab's old worker lets go within this. */
const WAIT_MS = 3000;

/**
 * 'this': this tab saves. 'other': another tab does; this one runs unsaved. 'freed': the lock came to this
 * tab after it booted unsaved: reload to continue from the store. 'released': this tab handed over and stopped.
 */
export type HolderState = 'this' | 'other' | 'freed' | 'released';

export class Holder {
  state: HolderState = 'other';
  private release: (() => void) | null = null;
  private waiting = false;
  private readonly channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : null;

  constructor(private readonly onChange: (state: HolderState) => void) {}

  /**
   * Resolves once this worker holds the lock or, while another worker holds it, WAIT_MS have passed; `this.state`
   * says which. A free lock is taken however long a busy machine takes to grant it: only a holder is waited out.
   */
  async acquire(): Promise<void> {
    if (!navigator.locks) {
      this.state = 'this';
      return;
    }
    if (await this.takeIfFree()) return;
    await Promise.race([this.request(), new Promise((r) => setTimeout(r, WAIT_MS))]);
  }

  private takeIfFree(): Promise<boolean> {
    return new Promise<boolean>((taken) => {
      void navigator.locks.request(LOCK, { ifAvailable: true }, (lock) => {
        if (!lock) return taken(false);
        this.set('this');
        taken(true);
        return new Promise<void>((r) => (this.release = r));
      });
    });
  }

  /** When another tab asks, `handOver` saves and stops this one; the lock is released after it. */
  listen(handOver: () => Promise<void>): void {
    if (!this.channel) return;
    this.channel.onmessage = async (e) => {
      if (e.data !== 'take-over' || this.state !== 'this') return;
      await handOver();
      this.set('released');
      this.release?.();
      this.release = null;
    };
  }

  /** Asks the holder to let go; this tab gets the lock after it ('freed'). */
  takeOver(): void {
    this.channel?.postMessage('take-over');
    if (!this.waiting && this.state !== 'this') void this.request();
  }

  private request(): Promise<void> {
    this.waiting = true;
    return new Promise<void>((granted) => {
      void navigator.locks.request(LOCK, () => {
        this.waiting = false;
        // Booted as holder, or the lock came later: then this tab's memory is behind the store.
        this.set(this.booted ? 'freed' : 'this');
        granted();
        return new Promise<void>((r) => (this.release = r));
      });
    });
  }

  /** Set once the runtime has booted: a lock granted after that finds this tab behind the store. */
  booted = false;

  private set(state: HolderState): void {
    this.state = state;
    this.onChange(state);
  }
}
