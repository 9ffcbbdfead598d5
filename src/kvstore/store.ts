// Where the learner's work survives a reload: one IndexedDB object store of structured-clone values under
// string keys ('config/prometheus.yml', 'tsdb/snapshot', 'lessons/progress', …). Where IndexedDB is missing
// (Node tests, private modes) a MemoryStore stands in, and the reason is kept so the page can say so.

export type StoreErrorKind = 'quota' | 'unavailable' | 'failed';

export class StoreError extends Error {
  constructor(
    readonly kind: StoreErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

export interface Store {
  get<T>(key: string): Promise<T | undefined>;
  /** Rejects with a StoreError (kind 'quota' when the browser is out of space); the caller keeps its in-memory state. */
  put(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
  /** Keys starting with `prefix`, sorted. */
  keys(prefix?: string): Promise<string[]>;
  clear(): Promise<void>;
}

export class MemoryStore implements Store {
  private readonly data = new Map<string, unknown>();

  async get<T>(key: string): Promise<T | undefined> {
    return this.data.has(key) ? (structuredClone(this.data.get(key)) as T) : undefined;
  }
  async put(key: string, value: unknown): Promise<void> {
    this.data.set(key, structuredClone(value));
  }
  async delete(key: string): Promise<void> {
    this.data.delete(key);
  }
  async keys(prefix = ''): Promise<string[]> {
    return [...this.data.keys()].filter((k) => k.startsWith(prefix)).sort();
  }
  async clear(): Promise<void> {
    this.data.clear();
  }
}

const OBJECT_STORE = 'kv';

function storeError(err: unknown): StoreError {
  const name = err instanceof DOMException ? err.name : '';
  const message = err instanceof Error ? err.message : String(err);
  return new StoreError(name === 'QuotaExceededError' ? 'quota' : 'failed', message || name);
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(storeError(req.error));
  });
}

export class IndexedDBStore implements Store {
  constructor(private readonly db: IDBDatabase) {}

  private async run<T>(mode: IDBTransactionMode, op: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
    const tx = this.db.transaction(OBJECT_STORE, mode);
    const result = request(op(tx.objectStore(OBJECT_STORE)));
    // A put is durable only once its transaction completes; quota errors often surface only here.
    const done = new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onabort = tx.onerror = () => reject(storeError(tx.error));
    });
    const [value] = await Promise.all([result, done]);
    return value;
  }

  async get<T>(key: string): Promise<T | undefined> {
    return (await this.run('readonly', (s) => s.get(key))) as T | undefined;
  }
  async put(key: string, value: unknown): Promise<void> {
    await this.run('readwrite', (s) => s.put(value, key));
  }
  async delete(key: string): Promise<void> {
    await this.run('readwrite', (s) => s.delete(key));
  }
  async keys(prefix = ''): Promise<string[]> {
    const all = await this.run('readonly', (s) => s.getAllKeys());
    return all.map(String).filter((k) => k.startsWith(prefix)).sort();
  }
  async clear(): Promise<void> {
    await this.run('readwrite', (s) => s.clear());
  }
}

export interface OpenedStore {
  readonly store: Store;
  /** Why the work will not survive a reload, or null when it will. */
  readonly unavailable: string | null;
}

/** Opens the IndexedDB database `name`, or a MemoryStore with the reason when IndexedDB cannot be used. */
export async function openStore(name = 'promlab', factory: IDBFactory | undefined = globalThis.indexedDB): Promise<OpenedStore> {
  if (!factory) return { store: new MemoryStore(), unavailable: 'IndexedDB is not available' };
  try {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = factory.open(name, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(OBJECT_STORE);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(storeError(req.error));
      req.onblocked = () => reject(new StoreError('unavailable', 'the database is blocked by another tab'));
    });
    return { store: new IndexedDBStore(db), unavailable: null };
  } catch (err) {
    return { store: new MemoryStore(), unavailable: err instanceof Error ? err.message : String(err) };
  }
}
