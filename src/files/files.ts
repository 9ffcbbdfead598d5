// The files a Prometheus reads besides its config: rule files and file_sd target files. In the browser there is
// no disk, so they live here, editable in the page; watchers hear every write, like fsnotify for file_sd.

export type FilesListener = (path: string) => void;

export class Files {
  private readonly contents = new Map<string, string>();
  private readonly listeners = new Set<FilesListener>();

  constructor(initial: Record<string, string> = {}) {
    for (const [path, text] of Object.entries(initial)) this.contents.set(path, text);
  }

  read(path: string): string | undefined {
    return this.contents.get(path);
  }

  /** Paths in sorted order. */
  list(): string[] {
    return [...this.contents.keys()].sort();
  }

  write(path: string, text: string): void {
    if (this.contents.get(path) === text) return;
    this.contents.set(path, text);
    this.emit(path);
  }

  remove(path: string): void {
    if (this.contents.delete(path)) this.emit(path);
  }

  /** Paths matching a file_sd/rule_files pattern: `*` and `?` within the last path element, like filepath.Glob. */
  glob(pattern: string): string[] {
    return globPaths(this.list(), pattern);
  }

  watch(fn: FilesListener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private emit(path: string): void {
    for (const fn of this.listeners) fn(path);
  }
}

/** The paths matching a pattern: `*` and `?` within the last path element, like filepath.Glob. */
export function globPaths(paths: readonly string[], pattern: string): string[] {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}$`);
  return paths.filter((p) => re.test(p));
}
