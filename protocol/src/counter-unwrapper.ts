/**
 * Rebuilds a full count from its low bits (a binary frame carries the packet count modulo 65536), assuming
 * consecutive values are less than half the modulus apart, as TCP does with its sequence numbers.
 */
export class CounterUnwrapper {
  private last: number | undefined;

  /** @param bits width of the wrapped counter on the wire; default 16. */
  constructor(private readonly bits = 16) {}

  /** The full count for the next low-bits value seen. */
  unwrap(low: number): number {
    const modulus = 2 ** this.bits;
    if (this.last === undefined) return (this.last = low);
    const delta = (((low - this.last) % modulus) + modulus + modulus / 2) % modulus - modulus / 2;
    this.last = Math.max(0, this.last + delta);
    return this.last;
  }
}
