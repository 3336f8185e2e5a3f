import { deframe } from '@cansat/protocol';

/** One frame as the radio delivered it: its exact bytes, and whether it decoded. */
export interface TappedFrame {
  bytes: Uint8Array;
  decoded: boolean;
}

/**
 * Cuts the radio's byte stream into frames, keeping each frame's exact bytes (binary: up to and including its 0x00
 * delimiter; AAS: a line with its line end), for the network: the hub merges frames, not decoded messages, so a
 * frame one station decoded and another did not are still the same frame. Holds at most one frame between chunks.
 */
export class FrameTap {
  private pending: Uint8Array = new Uint8Array(0);

  constructor(private readonly format: 'binary' | 'aas') {}

  push(chunk: Uint8Array): TappedFrame[] {
    const bytes = this.pending.length === 0 ? chunk : concat(this.pending, chunk);
    const frames: TappedFrame[] = [];
    let at = 0;
    if (this.format === 'binary') {
      for (;;) {
        const result = deframe(bytes, at);
        if (result.status === 'more-needed') break;
        if (result.status !== 'empty') frames.push({ bytes: bytes.slice(at, at + result.length), decoded: result.status === 'ok' });
        at += result.length;
      }
    } else {
      for (let i = 0; i < bytes.length; i++) {
        if (bytes[i] !== 0x0d && bytes[i] !== 0x0a) continue;
        if (i > at) frames.push({ bytes: bytes.slice(at, i + 1), decoded: true });
        at = i + 1;
      }
      // A line longer than any AAS line is junk: dropped rather than held.
      if (bytes.length - at > 2048) at = bytes.length;
    }
    this.pending = bytes.slice(at);
    return frames;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
