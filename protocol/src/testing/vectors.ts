/** Published test vectors, shared by the tests and PROTOCOL.md. */

const hex = (s: string) => Uint8Array.from(s.replace(/ /g, '').match(/../g) ?? [], (h) => parseInt(h, 16));
const run = (from: number, to: number) => Uint8Array.from({ length: to - from + 1 }, (_, i) => from + i);
const cat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

/** CRC-32C check values: the common "123456789" check and RFC 3720 appendix B.4. */
export const CRC32C_VECTORS: readonly { label: string; bytes: Uint8Array; crc: number }[] = [
  { label: 'ASCII `123456789`', bytes: new TextEncoder().encode('123456789'), crc: 0xe3069283 },
  { label: '32 bytes of 0x00', bytes: new Uint8Array(32), crc: 0x8a9136aa },
  { label: '32 bytes of 0xff', bytes: new Uint8Array(32).fill(0xff), crc: 0x62a8ab43 },
  { label: '32 bytes 0x00, 0x01 … 0x1f', bytes: run(0x00, 0x1f), crc: 0x46dd794e },
  { label: '32 bytes 0x1f, 0x1e … 0x00', bytes: run(0x00, 0x1f).reverse(), crc: 0x113fdb5c },
  { label: 'no bytes', bytes: new Uint8Array(0), crc: 0 },
];

/** COBS examples of Cheshire and Baker's paper, as listed on Wikipedia's COBS page. */
export const COBS_VECTORS: readonly { label: string; decoded: Uint8Array; encoded: Uint8Array }[] = [
  { label: 'empty', decoded: new Uint8Array(0), encoded: hex('01') },
  { label: '`00`', decoded: hex('00'), encoded: hex('01 01') },
  { label: '`00 00`', decoded: hex('00 00'), encoded: hex('01 01 01') },
  { label: '`00 11 00`', decoded: hex('00 11 00'), encoded: hex('01 02 11 01') },
  { label: '`11 22 00 33`', decoded: hex('11 22 00 33'), encoded: hex('03 11 22 02 33') },
  { label: '`11 22 33 44`', decoded: hex('11 22 33 44'), encoded: hex('05 11 22 33 44') },
  { label: '`11 00 00 00`', decoded: hex('11 00 00 00'), encoded: hex('02 11 01 01 01') },
  { label: '`01 02 … fe` (254 bytes)', decoded: run(0x01, 0xfe), encoded: cat(hex('ff'), run(0x01, 0xfe)) },
  { label: '`00 01 02 … fe` (255 bytes)', decoded: cat(hex('00'), run(0x01, 0xfe)), encoded: cat(hex('01 ff'), run(0x01, 0xfe)) },
  { label: '`01 02 … fe ff` (255 bytes)', decoded: run(0x01, 0xff), encoded: cat(hex('ff'), run(0x01, 0xfe), hex('02 ff')) },
  { label: '`02 03 … ff 00` (255 bytes)', decoded: cat(run(0x02, 0xff), hex('00')), encoded: cat(hex('ff'), run(0x02, 0xff), hex('01 01')) },
  { label: '`03 04 … ff 00 01` (255 bytes)', decoded: cat(run(0x03, 0xff), hex('00 01')), encoded: cat(hex('fe'), run(0x03, 0xff), hex('02 01')) },
];
