/**
 * A minimal protocol-buffers *writer*: just the wire types ONNX needs.
 *
 * Wire format (https://protobuf.dev/programming-guides/encoding/):
 *   every field = key, payload;   key = (fieldNumber << 3) | wireType, written as a varint.
 *
 *   wire type 0  VARINT            int32 / int64 / enum / bool. 7 bits per byte, low group first,
 *                                  high bit set on every byte but the last. Negative int64 values
 *                                  are written as their 64-bit two's complement (always 10 bytes).
 *                                  Worked example: 300 = 0b10_0101100 → bytes AC 02.
 *   wire type 2  LENGTH-DELIMITED  string / bytes / embedded message / packed repeated scalars:
 *                                  varint byte length, then the bytes.
 *   wire type 5  FIXED32           float: 4 bytes IEEE-754, little-endian.
 *
 * Nested messages need their byte length *before* their bytes. Rather than encoding a child
 * and copying it into the parent (a copy per nesting level, bad for megabyte weight tensors),
 * a writer keeps a list of chunks; `message()` encodes the child into its own chunk list and
 * splices that list into the parent behind a length prefix. `finish()` copies every byte once.
 */

export const WIRE_VARINT = 0;
export const WIRE_LEN = 2;
export const WIRE_FIXED32 = 5;

const utf8 = new TextEncoder();

export class ProtoWriter {
  private chunks: Uint8Array[] = [];
  private scratch: number[] = [];
  /** Total bytes written so far (chunks + scratch). */
  length = 0;

  /** Moves pending small writes (keys, varints) into a chunk. */
  private flush(): void {
    if (this.scratch.length === 0) return;
    this.chunks.push(Uint8Array.from(this.scratch));
    this.scratch = [];
  }

  private byte(b: number): void {
    this.scratch.push(b);
    this.length += 1;
  }

  /** Unsigned/two's-complement varint. Accepts any safe integer or a bigint (int64 range). */
  varint(value: number | bigint): this {
    if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 0xffffffff) {
      let v = value >>> 0;
      while (v > 0x7f) {
        this.byte((v & 0x7f) | 0x80);
        v >>>= 7;
      }
      this.byte(v);
      return this;
    }
    if (typeof value === 'number' && !Number.isSafeInteger(value)) {
      throw new Error(`protobuf varint: ${value} is not a safe integer`);
    }
    let v = BigInt.asUintN(64, BigInt(value)); // negative → 64-bit two's complement
    while (v > 0x7fn) {
      this.byte(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.byte(Number(v));
    return this;
  }

  key(field: number, wireType: number): this {
    return this.varint(field * 8 + wireType);
  }

  /** Raw bytes appended without a copy (the caller must not mutate them before finish()). */
  private raw(bytes: Uint8Array): void {
    this.flush();
    this.chunks.push(bytes);
    this.length += bytes.byteLength;
  }

  // ---- fields -------------------------------------------------------------------------------

  /** int32 / int64 / enum field. */
  int(field: number, value: number | bigint): this {
    return this.key(field, WIRE_VARINT).varint(value);
  }

  /** float field (fixed32, little-endian). */
  float(field: number, value: number): this {
    this.key(field, WIRE_FIXED32);
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, value, true);
    this.raw(b);
    return this;
  }

  bytes(field: number, value: Uint8Array): this {
    this.key(field, WIRE_LEN).varint(value.byteLength);
    this.raw(value);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, utf8.encode(value));
  }

  /** Embedded message: `build` writes the child's fields into a fresh writer. */
  message(field: number, build: (w: ProtoWriter) => void): this {
    const child = new ProtoWriter();
    build(child);
    child.flush();
    this.key(field, WIRE_LEN).varint(child.length);
    this.flush();
    for (const c of child.chunks) this.chunks.push(c);
    this.length += child.length;
    return this;
  }

  /** All bytes, concatenated once. */
  finish(): Uint8Array {
    this.flush();
    const out = new Uint8Array(this.length);
    let off = 0;
    for (const c of this.chunks) {
      out.set(c, off);
      off += c.byteLength;
    }
    return out;
  }
}
