/**
 * Where calibrated backend choices are remembered, so a device measures each model and
 * workload once, not on every visit. Keyed by model, workload and a device signature (the
 * WebGPU adapter description), so a new GPU or browser measures again.
 *
 * indexedDbStore works in windows and workers; without IndexedDB (Node, some private modes)
 * the Runtime keeps choices in memory only.
 */

import type { BackendChoice, Workload } from './protocol';

export interface DecisionStore {
  get(key: string): Promise<BackendChoice | undefined>;
  set(key: string, choice: BackendChoice): Promise<void>;
}

/** Bump when the calibration method changes, so old choices are not reused. */
export const DECISION_VERSION = 1;

export function decisionKey(modelId: string, workload: Workload, device: string): string {
  return `v${DECISION_VERSION}|${modelId}|${workload}|${device}`;
}

export function memoryStore(): DecisionStore {
  const m = new Map<string, BackendChoice>();
  return {
    get: async (k) => m.get(k),
    set: async (k, c) => {
      m.set(k, c);
    },
  };
}

const STORE = 'decisions';

/** A store in IndexedDB database `dbName`; null when IndexedDB is missing. Never throws. */
export function indexedDbStore(dbName = 'llm-lab-runtime'): DecisionStore | null {
  const idb = (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  if (!idb) return null;
  let db: Promise<IDBDatabase> | null = null;
  const open = () =>
    (db ??= new Promise((resolve, reject) => {
      const req = idb.open(dbName, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    }));
  const request = <T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest): Promise<T | undefined> =>
    open()
      .then((d) => new Promise<T | undefined>((resolve, reject) => {
        const r = fn(d.transaction(STORE, mode).objectStore(STORE));
        r.onsuccess = () => resolve(r.result as T);
        r.onerror = () => reject(r.error);
      }))
      .catch(() => undefined); // a broken store only costs a re-measurement
  return {
    get: (k) => request<BackendChoice>('readonly', (s) => s.get(k)),
    set: async (k, c) => {
      await request('readwrite', (s) => s.put(c, k));
    },
  };
}
