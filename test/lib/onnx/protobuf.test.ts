import { describe, expect, it } from 'vitest';
import { ProtoWriter } from '@/lib/onnx/protobuf';

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');

describe('ProtoWriter', () => {
  it('writes the varint 300 as AC 02 (the protobuf encoding guide example)', () => {
    expect(hex(new ProtoWriter().varint(300).finish())).toBe('ac 02');
  });

  it('writes field 1 = 150 as 08 96 01 (the protobuf encoding guide example)', () => {
    expect(hex(new ProtoWriter().int(1, 150).finish())).toBe('08 96 01');
  });

  it('writes a negative int64 as ten bytes of two\'s complement', () => {
    // -1 = 0xFFFF_FFFF_FFFF_FFFF: nine bytes of 0xFF (7 bits each = 63 bits) then 0x01.
    expect(hex(new ProtoWriter().varint(-1).finish())).toBe('ff ff ff ff ff ff ff ff ff 01');
  });

  it('writes 2^32 (beyond uint32) with the bigint path', () => {
    // 2^32 = bit 32 set: groups of 7 → 0,0,0,0 then 2^(32-28)=16 → 80 80 80 80 10
    expect(hex(new ProtoWriter().varint(2 ** 32).finish())).toBe('80 80 80 80 10');
  });

  it('writes a float as fixed32 little-endian after a wire-type-5 key', () => {
    // field 2, wire 5 → key 0x15; 1.0f = 0x3F800000 → 00 00 80 3f
    expect(hex(new ProtoWriter().float(2, 1).finish())).toBe('15 00 00 80 3f');
  });

  it('prefixes an embedded message with its byte length (the guide\'s "Test3" example)', () => {
    // message Test3 { Test1 c = 3; } with c.a = 150 → 1a 03 08 96 01
    const bytes = new ProtoWriter().message(3, (w) => w.int(1, 150)).finish();
    expect(hex(bytes)).toBe('1a 03 08 96 01');
  });

  it('writes a string as length-delimited UTF-8 ("testing" example, then an emoji)', () => {
    expect(hex(new ProtoWriter().string(2, 'testing').finish())).toBe('12 07 74 65 73 74 69 6e 67');
    expect(hex(new ProtoWriter().string(1, '🙂').finish())).toBe('0a 04 f0 9f 99 82');
  });

  it('reports the same length it finishes with across nested chunks', () => {
    const w = new ProtoWriter();
    w.message(1, (a) => a.message(2, (b) => b.bytes(3, new Uint8Array(200)).int(4, 7)));
    expect(w.finish().length).toBe(w.length);
  });
});
