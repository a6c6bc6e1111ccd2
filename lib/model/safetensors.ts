/**
 * The safetensors file format (Hugging Face), read and written by hand:
 *
 *   bytes 0..7     N, the header length, unsigned 64-bit little-endian
 *   bytes 8..8+N   UTF-8 JSON: { "<name>": {"dtype": "F32", "shape": [2, 3], "data_offsets": [b, e]}, …,
 *                               "__metadata__": {"<key>": "<string>"} (optional) }
 *                  (writers pad it with spaces so the data starts 8-byte aligned)
 *   then           the data buffer; each tensor is bytes [b, e) of it, row-major, little-endian
 *
 * Supported dtypes: F32; F16 and BF16 (widened to float32 on read); I8 and U8 (kept raw, for
 * quantized blocks). Example: a file holding one F32 scalar 1.0 named "x" is
 * 8-byte length, '{"x":{"dtype":"F32","shape":[],"data_offsets":[0,4]}}', 00 00 80 3F.
 */

export type SafeDType = 'F32' | 'F16' | 'BF16' | 'I8' | 'U8';
const BYTES: Record<SafeDType, number> = { F32: 4, F16: 2, BF16: 2, I8: 1, U8: 1 };

export interface SafeTensor {
  /** dtype as stored in the file. */
  dtype: SafeDType;
  shape: number[];
  /** F32/F16/BF16 → Float32Array; I8 → Int8Array; U8 → Uint8Array. */
  data: Float32Array | Int8Array | Uint8Array;
}

export interface SafetensorsFile {
  tensors: Map<string, SafeTensor>;
  metadata: Record<string, string>;
}

/** IEEE half → float: sign, 5-bit exponent (bias 15), 10-bit mantissa; subnormals, ∞ and NaN included. */
export function f16ToF32(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0) return s * m * 2 ** -24;
  if (e === 31) return m ? NaN : s * Infinity;
  return s * (1 + m / 1024) * 2 ** (e - 15);
}

/** float → IEEE half bits, round to nearest even (overflow → ∞). */
export function f32ToF16(x: number): number {
  const f = new Float32Array(1);
  const u = new Uint32Array(f.buffer);
  f[0] = x;
  const b = u[0];
  const sign = (b >>> 16) & 0x8000;
  const e = (b >>> 23) & 0xff;
  let m = b & 0x7fffff;
  if (e === 0xff) return sign | 0x7c00 | (m ? 0x200 : 0);
  const he = e - 127 + 15;
  if (he >= 31) return sign | 0x7c00;
  if (he <= 0) {
    if (he < -10) return sign;
    m |= 0x800000;
    const shift = 14 - he;
    let hm = m >>> shift;
    const rem = m & ((1 << shift) - 1);
    const half = 1 << (shift - 1);
    if (rem > half || (rem === half && hm & 1)) hm++;
    return sign | hm;
  }
  let out = sign | (he << 10) | (m >>> 13);
  const rem = m & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && out & 1)) out++;
  return out;
}

export function parseSafetensors(bytes: Uint8Array, fileName = 'model.safetensors'): SafetensorsFile {
  const fail = (msg: string): never => {
    throw new Error(`${fileName}: not a valid safetensors file: ${msg}`);
  };
  if (bytes.length < 8) fail('shorter than the 8-byte header length');
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = Number(dv.getBigUint64(0, true));
  if (8 + n > bytes.length) fail(`header length ${n} runs past the end (${bytes.length} bytes)`);
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)));
  } catch (e) {
    return fail(`header is not JSON (${(e as Error).message})`);
  }
  const dataStart = 8 + n;
  const tensors = new Map<string, SafeTensor>();
  let metadata: Record<string, string> = {};
  for (const [name, info] of Object.entries(header)) {
    if (name === '__metadata__') {
      metadata = info as Record<string, string>;
      continue;
    }
    const { dtype, shape, data_offsets: off } = info as { dtype: SafeDType; shape: number[]; data_offsets: [number, number] };
    if (!(dtype in BYTES)) fail(`tensor "${name}" has unsupported dtype ${dtype}`);
    const count = shape.reduce((a, b) => a * b, 1);
    if (off[1] - off[0] !== count * BYTES[dtype]) fail(`tensor "${name}" [${shape}] ${dtype} spans ${off[1] - off[0]} bytes`);
    if (dataStart + off[1] > bytes.length) fail(`tensor "${name}" runs past the end of the file`);
    const raw = bytes.slice(dataStart + off[0], dataStart + off[1]); // copy: aligned, owned
    tensors.set(name, { dtype, shape, data: decode(dtype, raw, count) });
  }
  return { tensors, metadata };
}

function decode(dtype: SafeDType, raw: Uint8Array, count: number): Float32Array | Int8Array | Uint8Array {
  if (dtype === 'F32') return new Float32Array(raw.buffer, 0, count);
  if (dtype === 'I8') return new Int8Array(raw.buffer, 0, count);
  if (dtype === 'U8') return raw;
  const h = new Uint16Array(raw.buffer, 0, count);
  const out = new Float32Array(count);
  if (dtype === 'F16') for (let i = 0; i < count; i++) out[i] = f16ToF32(h[i]);
  else {
    const u = new Uint32Array(out.buffer);
    for (let i = 0; i < count; i++) u[i] = h[i] << 16; // BF16 is the top half of a float32
  }
  return out;
}

export interface WritableTensor {
  /** Defaults to F32. F16 rounds the float32 values; I8/U8 need matching typed arrays. */
  dtype?: SafeDType;
  shape: number[];
  data: Float32Array | Int8Array | Uint8Array;
}

/** Serializes tensors (in the given order) with optional string metadata. */
export function writeSafetensors(tensors: [string, WritableTensor][], metadata?: Record<string, string>): Uint8Array {
  const header: Record<string, unknown> = {};
  if (metadata) header.__metadata__ = metadata;
  const blobs: Uint8Array[] = [];
  let off = 0;
  for (const [name, t] of tensors) {
    const dtype = t.dtype ?? 'F32';
    let blob: Uint8Array;
    if (dtype === 'F32') blob = new Uint8Array(Float32Array.from(t.data).buffer);
    else if (dtype === 'F16') blob = new Uint8Array(Uint16Array.from(t.data, f32ToF16).buffer);
    else if (dtype === 'BF16') blob = new Uint8Array(Uint16Array.from(new Uint32Array(Float32Array.from(t.data).buffer), (u) => u >>> 16).buffer);
    else blob = new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength);
    header[name] = { dtype, shape: t.shape, data_offsets: [off, off + blob.length] };
    blobs.push(blob);
    off += blob.length;
  }
  let json = JSON.stringify(header);
  while ((8 + new TextEncoder().encode(json).length) % 8 !== 0) json += ' ';
  const h = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + h.length + off);
  new DataView(out.buffer).setBigUint64(0, BigInt(h.length), true);
  out.set(h, 8);
  let p = 8 + h.length;
  for (const b of blobs) {
    out.set(b, p);
    p += b.length;
  }
  return out;
}
