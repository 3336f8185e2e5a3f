/**
 * Consistent Overhead Byte Stuffing (Cheshire and Baker, 1999): removes every 0x00 from a frame so that 0x00 can
 * delimit frames. Costs one byte per 254 (at most), and a receiver resynchronises at the next 0x00 after any
 * corruption.
 */

/** Largest encoded size of `length` bytes, without the delimiter. */
export function cobsMaxEncodedLength(length: number): number {
  return length + Math.ceil(length / 254) + (length === 0 ? 1 : 0);
}

/** Encodes `input` into `output` at `offset` (no delimiter); returns the bytes written. */
export function cobsEncodeInto(input: Uint8Array, output: Uint8Array, offset = 0): number {
  let codeAt = offset;
  let write = offset + 1;
  let code = 1;
  for (let i = 0; i < input.length; i++) {
    const byte = input[i]!;
    if (byte !== 0) {
      output[write++] = byte;
      code++;
    }
    if (byte === 0 || code === 0xff) {
      output[codeAt] = code;
      codeAt = write++;
      code = 1;
      // A full 254-byte block at the very end needs no empty block after it.
      if (byte !== 0 && i === input.length - 1) return codeAt - offset;
    }
  }
  output[codeAt] = code;
  return write - offset;
}

/** Encodes `input` (no delimiter). */
export function cobsEncode(input: Uint8Array): Uint8Array {
  const out = new Uint8Array(cobsMaxEncodedLength(input.length));
  return out.subarray(0, cobsEncodeInto(input, out));
}

/**
 * Decodes `input[start, end)` (no delimiter) into `output`; returns the decoded length, or -1 when the bytes are
 * not valid COBS (a zero byte, or a code that runs past the end) or do not fit `output`.
 */
export function cobsDecodeInto(input: Uint8Array, start: number, end: number, output: Uint8Array): number {
  let read = start;
  let write = 0;
  while (read < end) {
    const code = input[read]!;
    if (code === 0 || read + code > end) return -1;
    read++;
    const blockEnd = read + code - 1;
    if (write + (blockEnd - read) > output.length) return -1;
    while (read < blockEnd) {
      const byte = input[read++]!;
      if (byte === 0) return -1;
      output[write++] = byte;
    }
    if (code !== 0xff && read < end) {
      if (write >= output.length) return -1;
      output[write++] = 0;
    }
  }
  return write;
}

/** Decodes `input` (no delimiter); null when it is not valid COBS. */
export function cobsDecode(input: Uint8Array): Uint8Array | null {
  const out = new Uint8Array(input.length);
  const length = cobsDecodeInto(input, 0, input.length, out);
  return length < 0 ? null : out.subarray(0, length);
}
