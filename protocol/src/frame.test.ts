import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BODY_SIZE, MAX_FRAME_SIZE, deframe, encodeFrame } from './frame.ts';
import { PAYLOADS, type MessageType, type Telemetry } from './messages/index.ts';
import { arbitraryMessage } from './testing/arbitrary-message.ts';
import { SAMPLE_TELEMETRY } from './testing/sample-messages.ts';
import { cobsDecode, cobsEncode } from './cobs.ts';
import { crc32c } from './crc32c.ts';


/** Re-stuffs a frame after changing its body, with a CRC that matches, to reach the checks behind the CRC. */
function reframe(frame: Uint8Array, edit: (body: Uint8Array) => Uint8Array): Uint8Array {
  const body = cobsDecode(frame.subarray(0, -1))!;
  const edited = edit(body.slice(0, -4));
  const withCrc = new Uint8Array(edited.length + 4);
  withCrc.set(edited);
  new DataView(withCrc.buffer).setUint32(edited.length, crc32c(edited), true);
  return Uint8Array.from([...cobsEncode(withCrc), 0]);
}

describe('binary frames', () => {
  it.each(Object.keys(PAYLOADS) as MessageType[])('round-trips any %s message', (type) => {
    fc.assert(
      fc.property(arbitraryMessage(type), (message) => {
        const frame = encodeFrame(message);
        expect(frame.indexOf(0)).toBe(frame.length - 1);
        expect(frame.length).toBeLessThanOrEqual(MAX_FRAME_SIZE);
        const result = deframe(frame);
        // The packet count travels modulo 65536; receivers unwrap it.
        expect(result).toEqual({ status: 'ok', length: frame.length, message: { ...message, packetCount: message.packetCount % 65_536 } });
      }),
      { numRuns: 500 },
    );
  });

  it('fits a full telemetry frame in 64 bytes on the wire', () => {
    expect(BODY_SIZE.telemetry).toBe(62);
    expect(encodeFrame(SAMPLE_TELEMETRY).length).toBe(64);
    const allAbsent = Object.fromEntries(Object.entries(SAMPLE_TELEMETRY).map(([k, v]) => [k, typeof v === 'number' && !['teamId', 'packetCount', 'missionTime', 'health', 'faults', 'rejects'].includes(k) ? null : v]));
    expect(encodeFrame({ ...(allAbsent as Telemetry), cmdEcho: null }).length).toBeLessThanOrEqual(64);
  });

  it('keeps an absent reading absent, never a zero', () => {
    const result = deframe(encodeFrame({ ...SAMPLE_TELEMETRY, altitude: null, latitude: null, gpsSats: null }));
    expect(result.status === 'ok' && result.message).toMatchObject({ altitude: null, latitude: null, gpsSats: null, temperature: 21.5 });
  });

  it('refuses to encode a value its field cannot carry, naming the field', () => {
    expect(() => encodeFrame({ ...SAMPLE_TELEMETRY, altitude: 5000 })).toThrow(/"altitude"/);
    expect(() => encodeFrame({ ...SAMPLE_TELEMETRY, latitude: 91 })).toThrow(/"latitude"/);
    expect(() => encodeFrame({ ...SAMPLE_TELEMETRY, temperature: Number.NaN })).toThrow(/"temperature"/);
    expect(() => encodeFrame({ ...SAMPLE_TELEMETRY, state: 'ORBIT' as Telemetry['state'] })).toThrow(/"state"/);
    expect(() => encodeFrame({ ...SAMPLE_TELEMETRY, health: null as unknown as number })).toThrow(/"health"/);
  });

  it('rounds to the field resolution', () => {
    const result = deframe(encodeFrame({ ...SAMPLE_TELEMETRY, altitude: 123.456, pressure: 91.2349 }));
    expect(result.status === 'ok' && result.message).toMatchObject({ altitude: 123.5, pressure: 91.23 });
  });

  describe('rejections', () => {
    const good = encodeFrame(SAMPLE_TELEMETRY);

    it('asks for more bytes until the delimiter arrives', () => {
      for (let cut = 0; cut < good.length; cut++) expect(deframe(good.subarray(0, cut)).status).toBe('more-needed');
    });

    it('skips an empty frame (two delimiters in a row)', () => {
      expect(deframe(Uint8Array.of(0, ...good))).toEqual({ status: 'empty', length: 1 });
    });

    it('flags a bit flip as bad-crc', () => {
      const flipped = good.slice();
      flipped[20]! ^= 0x04;
      expect(deframe(flipped)).toMatchObject({ status: 'bad-crc', length: good.length });
    });

    it('flags a frame cut short as bad-length or bad-crc, consuming only up to its delimiter', () => {
      const cutShort = Uint8Array.of(...good.subarray(0, 30), 0, ...good);
      const first = deframe(cutShort);
      expect(['bad-length', 'bad-crc']).toContain(first.status);
      expect('length' in first && first.length).toBe(31);
      expect(deframe(cutShort, 31).status).toBe('ok');
    });

    it('skips a run without a delimiter but for its last MAX_FRAME_SIZE - 1 bytes, so buffers stay bounded', () => {
      expect(deframe(new Uint8Array(MAX_FRAME_SIZE - 1).fill(0x55)).status).toBe('more-needed');
      const noise = new Uint8Array(MAX_FRAME_SIZE + 10).fill(0x55);
      expect(deframe(noise)).toEqual({ status: 'bad-length', length: 11, detail: 'no delimiter' });
    });

    it('finds a good frame that ends a longer broken run', () => {
      const run = Uint8Array.of(...new Uint8Array(100).fill(0x55), ...good);
      const first = deframe(run);
      expect(first).toMatchObject({ status: 'bad-length', length: 100 });
      expect(deframe(run, 100)).toMatchObject({ status: 'ok', message: SAMPLE_TELEMETRY });
    });

    it('flags an unknown version, an unknown type, a wrong size and an out-of-range enum behind a good CRC', () => {
      expect(deframe(reframe(good, (b) => Uint8Array.of(0x21, ...b.subarray(1)))).status).toBe('bad-version');
      expect(deframe(reframe(good, (b) => Uint8Array.of(0x19, ...b.subarray(1)))).status).toBe('unknown-type');
      expect(deframe(reframe(good, (b) => b.subarray(0, -1))).status).toBe('bad-length');
      expect(deframe(reframe(good, (b) => Uint8Array.of(0x12, ...b.subarray(1)))).status).toBe('bad-length');
      // Byte 10 is the mission state: index 7 is past the last state.
      expect(deframe(reframe(good, (b) => Uint8Array.of(...b.subarray(0, 10), 7, ...b.subarray(11))))).toMatchObject({
        status: 'out-of-range',
        detail: 'state',
      });
    });

    it('flags another team when filtering by team id', () => {
      expect(deframe(good, 0, good.length, { teamId: 1234 }).status).toBe('ok');
      expect(deframe(good, 0, good.length, { teamId: 4321 })).toMatchObject({ status: 'wrong-team', detail: 'team 1234' });
    });
  });
});
