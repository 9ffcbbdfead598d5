import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { lessonsPlugin } from './vite/lessons.ts';

export default defineConfig({
  plugins: [svelte(), lessonsPlugin()],
  build: { target: 'es2022', sourcemap: false },
  // The in-browser Prometheus runs in a module worker (src/worker/main.ts), which may split into chunks.
  worker: { format: 'es' },
});
