// The drill files as raw text, each a lazily loaded chunk of the bundle; the core names which ones it reads.

const bundled = import.meta.glob<string>('../../../lessons/drills/*.yaml', { query: '?raw', import: 'default' });

export function readBundledDrill(path: string): Promise<string> {
  const load = bundled[`../../../${path}`];
  return load ? load() : Promise.reject(new Error(`${path} is not in the bundle`));
}
