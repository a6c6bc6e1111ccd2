/**
 * A tiny protobuf *reader* for tests, written independently of lib/onnx/protobuf.ts: it turns a
 * message into { fieldNumber → list of raw values } (varints as bigint, fixed32 as the 4 bytes,
 * length-delimited as bytes), so tests can check what the writer produced field by field.
 */

export type ProtoValue = bigint | Uint8Array;
export type ProtoFields = Map<number, ProtoValue[]>;

export function readVarint(buf: Uint8Array, pos: number): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  for (;;) {
    const b = buf[pos++];
    if (b === undefined) throw new Error('truncated varint');
    result |= BigInt(b & 0x7f) << shift;
    if ((b & 0x80) === 0) return [result, pos];
    shift += 7n;
  }
}

export function readFields(buf: Uint8Array): ProtoFields {
  const out: ProtoFields = new Map();
  let pos = 0;
  while (pos < buf.length) {
    const [key, p1] = readVarint(buf, pos);
    const field = Number(key >> 3n);
    const wire = Number(key & 7n);
    let value: ProtoValue;
    if (wire === 0) {
      [value, pos] = readVarint(buf, p1);
    } else if (wire === 2) {
      const [len, p2] = readVarint(buf, p1);
      value = buf.subarray(p2, p2 + Number(len));
      pos = p2 + Number(len);
    } else if (wire === 5) {
      value = buf.subarray(p1, p1 + 4);
      pos = p1 + 4;
    } else if (wire === 1) {
      value = buf.subarray(p1, p1 + 8);
      pos = p1 + 8;
    } else {
      throw new Error(`unexpected wire type ${wire} at byte ${pos}`);
    }
    if (!out.has(field)) out.set(field, []);
    out.get(field)!.push(value);
  }
  return out;
}

export function int(f: ProtoFields, field: number, index = 0): bigint {
  const v = f.get(field)?.[index];
  if (typeof v !== 'bigint') throw new Error(`field ${field}[${index}] is not a varint`);
  return v;
}

/** int64 read as a signed value (two's complement). */
export function sint64(f: ProtoFields, field: number, index = 0): bigint {
  return BigInt.asIntN(64, int(f, field, index));
}

export function bytes(f: ProtoFields, field: number, index = 0): Uint8Array {
  const v = f.get(field)?.[index];
  if (!(v instanceof Uint8Array)) throw new Error(`field ${field}[${index}] is not bytes`);
  return v;
}

export function str(f: ProtoFields, field: number, index = 0): string {
  return new TextDecoder().decode(bytes(f, field, index));
}

export function sub(f: ProtoFields, field: number, index = 0): ProtoFields {
  return readFields(bytes(f, field, index));
}

export function all(f: ProtoFields, field: number): ProtoValue[] {
  return f.get(field) ?? [];
}

export function float32(f: ProtoFields, field: number, index = 0): number {
  const b = bytes(f, field, index);
  return new DataView(b.buffer, b.byteOffset, 4).getFloat32(0, true);
}
