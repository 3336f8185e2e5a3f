/** Messages between a RemoteSimIO (in the flight program) and a SimServer (in the simulator), one JSON per line. */
export type ToServer =
  | { op: 'i2cWrite'; address: number; register: number; bytes: number[] }
  | { op: 'i2cRead'; id: number; address: number; register: number; length: number; once: boolean }
  | { op: 'serialRead'; id: number; port: number }
  | { op: 'serialWrite'; port: number; bytes: number[] }
  | { op: 'pinMode'; pin: number; mode: number }
  | { op: 'write'; pin: number; kind: 'digital' | 'servo' | 'pwm'; value: number };

export type ToClient =
  | { op: 'hello'; pins: number; epoch: number; scale: number }
  | { op: 'data'; id: number; bytes: number[] };

/** Splits a byte stream into JSON lines; malformed lines are skipped (counted by the caller). */
export function lineReader(onMessage: (message: unknown) => void, onBad: () => void): (chunk: Buffer) => void {
  let pending = '';
  return (chunk) => {
    pending += chunk.toString('utf8');
    let newline = pending.indexOf('\n');
    while (newline >= 0) {
      const line = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      if (line.trim() !== '') {
        try {
          onMessage(JSON.parse(line));
        } catch {
          onBad();
        }
      }
      newline = pending.indexOf('\n');
    }
    if (pending.length > 1_000_000) pending = '';
  };
}
