/** The integer encodings a field may use on the wire; all are little-endian. */
export type WireType = 'u8' | 'i8' | 'u16' | 'i16' | 'u32' | 'i32';

/** Size in bytes of each wire type. */
export const WIRE_SIZE: Readonly<Record<WireType, number>> = { u8: 1, i8: 1, u16: 2, i16: 2, u32: 4, i32: 4 };

/** The smallest and largest raw value of each wire type. */
export const WIRE_RANGE: Readonly<Record<WireType, readonly [number, number]>> = {
  u8: [0, 0xff],
  i8: [-0x80, 0x7f],
  u16: [0, 0xffff],
  i16: [-0x8000, 0x7fff],
  u32: [0, 0xffffffff],
  i32: [-0x80000000, 0x7fffffff],
};

/**
 * The raw value that means "absent" for a nullable field: the top of an unsigned type, the bottom of a signed
 * one (as MAVLink does with INT16_MAX/UINT16_MAX), so that 0 always stays a real reading.
 */
export const ABSENT_RAW: Readonly<Record<WireType, number>> = {
  u8: 0xff,
  i8: -0x80,
  u16: 0xffff,
  i16: -0x8000,
  u32: 0xffffffff,
  i32: -0x80000000,
};

/** Writes one raw value; the caller has checked that it fits. */
export function writeWire(view: DataView, offset: number, wire: WireType, raw: number): void {
  switch (wire) {
    case 'u8':
      view.setUint8(offset, raw);
      return;
    case 'i8':
      view.setInt8(offset, raw);
      return;
    case 'u16':
      view.setUint16(offset, raw, true);
      return;
    case 'i16':
      view.setInt16(offset, raw, true);
      return;
    case 'u32':
      view.setUint32(offset, raw, true);
      return;
    case 'i32':
      view.setInt32(offset, raw, true);
      return;
  }
}
