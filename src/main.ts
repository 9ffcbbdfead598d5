// Boot: the worker that runs the in-browser Prometheus (clock, world, scrapes, head, rules, Alertmanager,
// persistence; see src/worker) starts first, from the smallest entry chunk, so it loads and compiles while the
// page loads the UI (src/ui/boot.ts), which mirrors the worker's snapshots and calls it. index.html's
// placeholder stays on screen until then.

import { WorkerClient } from './ui/remote/client.ts';
import './ui/styles.css';

const client = new WorkerClient(new Worker(new URL('./worker/main.ts', import.meta.url), { type: 'module', name: 'promlab-prometheus' }));
performance.mark('promlab:worker-started');

const target = document.getElementById('app')!;
import('./ui/boot.ts')
  .then(({ boot }) => boot(target, client))
  .catch((err: unknown) => {
    console.error(err);
    const p = document.createElement('p');
    p.className = 'boot error';
    p.dataset.testid = 'boot-error';
    p.textContent = `promlab: ${err instanceof Error ? err.message : String(err)}`;
    target.replaceChildren(p);
  });
