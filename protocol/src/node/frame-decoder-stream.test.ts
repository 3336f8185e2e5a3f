import { describe, expect, it } from 'vitest';
import { MAX_FRAME_SIZE, encodeFrame } from '../frame.ts';
import type { Message } from '../messages/index.ts';
import { SAMPLE_ACK, SAMPLE_EVENT, SAMPLE_TELEMETRY } from '../testing/sample-messages.ts';
import { FrameDecoderStream, type FrameRejection } from './frame-decoder-stream.ts';

const frames = [SAMPLE_TELEMETRY, SAMPLE_EVENT, SAMPLE_ACK, { ...SAMPLE_TELEMETRY, packetCount: 8 }].map((m) => ({ message: m, bytes: encodeFrame(m) }));
const cat = (...parts: Uint8Array[]) => Buffer.concat(parts);

/** Writes the chunks one by one and collects what comes out. */
async function decode(chunks: Uint8Array[], options = {}) {
  const stream = new FrameDecoderStream(options);
  const messages: Message[] = [];
  const rejections: FrameRejection[] = [];
  stream.on('data', (m: Message) => messages.push(m));
  stream.on('reject', (r: FrameRejection) => rejections.push(r));
  for (const chunk of chunks) stream.write(chunk);
  stream.end();
  await new Promise((resolve) => stream.on('end', resolve));
  return { messages, rejections, stats: stream.stats };
}

describe('FrameDecoderStream', () => {
  it('decodes byte-at-a-time writes', async () => {
    const all = cat(...frames.map((f) => f.bytes));
    const { messages, stats } = await decode([...all].map((b) => Uint8Array.of(b)));
    expect(messages).toEqual(frames.map((f) => f.message));
    expect(stats).toMatchObject({ accepted: 4, bytes: all.length, bytesSkipped: 0 });
  });

  it('decodes two frames in one chunk', async () => {
    const { messages } = await decode([cat(frames[0]!.bytes, frames[1]!.bytes)]);
    expect(messages).toEqual([frames[0]!.message, frames[1]!.message]);
  });

  it('decodes a frame split across chunks at every point', async () => {
    const bytes = frames[0]!.bytes;
    for (let cut = 1; cut < bytes.length; cut++) {
      const { messages } = await decode([bytes.subarray(0, cut), bytes.subarray(cut)]);
      expect(messages).toEqual([frames[0]!.message]);
    }
  });

  it('recovers the good frame after garbage, and counts the garbage', async () => {
    const garbage = Uint8Array.from([0x13, 0x37, 0xff, 0x42, 0x00]);
    const { messages, stats, rejections } = await decode([cat(garbage, frames[0]!.bytes)]);
    expect(messages).toEqual([frames[0]!.message]);
    expect(stats.bytesSkipped).toBe(garbage.length);
    expect(rejections).toHaveLength(1);
    expect(rejections[0]!.bytes).toEqual(garbage);
  });

  it('recovers the good frame after a frame cut short (its delimiter lost)', async () => {
    for (const cut of [1, 12, 40, 63]) {
      const cutShort = frames[0]!.bytes.subarray(0, cut);
      const { messages, stats } = await decode([cat(cutShort, frames[1]!.bytes, frames[2]!.bytes)]);
      expect(messages).toEqual([frames[1]!.message, frames[2]!.message]);
      expect(stats.bytesSkipped).toBe(cut);
    }
  });

  it('counts wrong-team frames and passes its own', async () => {
    const other = encodeFrame({ ...SAMPLE_TELEMETRY, teamId: 4321 });
    const { messages, stats } = await decode([cat(other, frames[0]!.bytes)], { teamId: 1234 });
    expect(messages).toEqual([frames[0]!.message]);
    expect(stats.rejected['wrong-team']).toBe(1);
  });

  it('holds at most one frame of bytes however long a run without a delimiter', async () => {
    const stream = new FrameDecoderStream();
    let largestPending = 0;
    for (let i = 0; i < 1000; i++) {
      stream.write(new Uint8Array(997).fill(0x5a));
      largestPending = Math.max(largestPending, (stream as unknown as { pending: Uint8Array }).pending.length);
    }
    stream.write(frames[0]!.bytes);
    const out: Message[] = [];
    stream.on('data', (m: Message) => out.push(m));
    stream.end();
    await new Promise((resolve) => stream.on('end', resolve));
    expect(largestPending).toBeLessThan(MAX_FRAME_SIZE);
    expect(out).toEqual([frames[0]!.message]);
    expect(stream.stats.bytesSkipped).toBe(997 * 1000);
  });

  it('reports bytes left without a delimiter at the end of input', async () => {
    const { stats, rejections } = await decode([frames[0]!.bytes.subarray(0, 20)]);
    expect(stats.rejected['bad-length']).toBe(1);
    expect(rejections[0]!.detail).toMatch(/ended inside a frame/);
  });

  it('rejects a team id it cannot filter on', () => {
    expect(() => new FrameDecoderStream({ teamId: 70_000 })).toThrow(/"teamId"/);
  });
});
