/**
 * Loading model weights: verify the file's sha256 against the manifest, parse safetensors, and
 * map tensors by weight name (lib/model/config.ts), checking every name the config needs.
 *
 *   const w = await loadWeights(bytes, { fileName: 'model.safetensors', sha256: manifest.sha256, config });
 *   transformer(new EagerOps(w), config, ids);
 */
import type { Tensor } from '@/lib/tensor';
import type { TransformerConfig } from './config';
import type { WeightMap } from './eager';
import { weightShapes } from './init';
import { parseSafetensors } from './safetensors';

/** Lower-case hex SHA-256 via WebCrypto (browser, worker and Node ≥ 20). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const d = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(d), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The bytes are not the file the manifest names. */
export class Sha256Mismatch extends Error {
  override name = 'Sha256Mismatch';
}

/** Whether `e` (an error, or its message after crossing a worker boundary) is a Sha256Mismatch. */
export function isSha256Mismatch(e: unknown): boolean {
  const msg = e instanceof Error ? e.message : typeof e === 'string' ? e : '';
  return e instanceof Sha256Mismatch || /sha256 mismatch/i.test(msg);
}

/** Throws `<file>: sha256 mismatch: expected <hex>, got <hex>` when the bytes are not the expected file. */
export async function verifySha256(bytes: Uint8Array, expected: string, fileName: string): Promise<void> {
  const actual = await sha256Hex(bytes);
  if (actual !== expected.toLowerCase()) {
    throw new Sha256Mismatch(`${fileName}: sha256 mismatch: expected ${expected.toLowerCase()}, got ${actual} (${bytes.length} bytes); the download is corrupt or the manifest is stale`);
  }
}

export interface LoadOptions {
  fileName?: string;
  /** Expected hex digest from the manifest; omit only for files you just made. */
  sha256?: string;
  /** When given, every weight of this config must be present with its exact shape. */
  config?: TransformerConfig;
}

export async function loadWeights(bytes: Uint8Array, opts: LoadOptions = {}): Promise<WeightMap> {
  const fileName = opts.fileName ?? 'model.safetensors';
  if (opts.sha256 !== undefined) await verifySha256(bytes, opts.sha256, fileName);
  const { tensors } = parseSafetensors(bytes, fileName);
  const map = new Map<string, Tensor>();
  const notFloat = new Map<string, string>();
  for (const [name, t] of tensors) {
    if (t.data instanceof Float32Array) map.set(name, { data: t.data, shape: t.shape });
    else notFloat.set(name, t.dtype);
  }
  if (opts.config) checkWeights(map, opts.config, fileName, notFloat);
  return map;
}

/**
 * Throws one error listing every missing, mis-typed or mis-shaped weight the config needs.
 * notFloat: tensors the file holds in an integer dtype (name → dtype), which a float model cannot use.
 */
export function checkWeights(map: WeightMap, cfg: TransformerConfig, fileName = 'weights', notFloat: ReadonlyMap<string, string> = new Map()): void {
  const problems: string[] = [];
  for (const [name, shape] of weightShapes(cfg)) {
    const t = map.get(name);
    if (!t && notFloat.has(name)) problems.push(`weight "${name}" is stored as ${notFloat.get(name)}, the model needs a float tensor (F32, F16 or BF16)`);
    else if (!t) problems.push(`missing weight "${name}" [${shape}]`);
    else if (t.shape.join() !== shape.join()) problems.push(`weight "${name}" is [${t.shape}], the config needs [${shape}]`);
  }
  if (problems.length) throw new Error(`${fileName}: ${problems.join('; ')}`);
}
