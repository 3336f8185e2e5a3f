import { XbeeDeframer, encodeXbeeFrame } from '@cansat/protocol';
import { SerialPort } from 'serialport';
import { RADIO_PARAMETERS, type RadioParameter, type RadioSettings } from './radio-checklist.ts';

/** How long to wait for a radio, ms. */
export interface ReadOptions {
  baudRate: number;
  /** Silence around `+++` (the module's GT, 1 s by default). */
  guardTimeMs: number;
  /** For each answer. */
  answerTimeoutMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Reads an XBee's settings over its serial port: command mode first (guard time, `+++`, one `AT` line of every
 * parameter, `ATCN`), and API AT frames when command mode does not answer (a module in API mode). Null when
 * neither answers: the wrong port, the wrong baud, or no radio.
 */
export async function readRadioSettings(path: string, options: ReadOptions): Promise<RadioSettings | null> {
  const port = await new Promise<SerialPort>((resolve, reject) => {
    const opened = new SerialPort({ path, baudRate: options.baudRate }, (error) => (error ? reject(error) : resolve(opened)));
  });
  let received = Buffer.alloc(0);
  port.on('data', (bytes: Buffer) => (received = Buffer.concat([received, bytes])));
  const write = (bytes: Uint8Array | string) => new Promise<void>((resolve) => port.write(bytes, () => port.drain(() => resolve())));
  const until = async (done: () => boolean, ms: number) => {
    const end = Date.now() + ms;
    while (!done() && Date.now() < end) await sleep(10);
    return done();
  };
  try {
    await sleep(options.guardTimeMs);
    received = Buffer.alloc(0);
    await write('+++');
    if (await until(() => received.toString('latin1').includes('OK\r'), options.guardTimeMs + options.answerTimeoutMs)) {
      received = Buffer.alloc(0);
      await write(`AT${RADIO_PARAMETERS.join(',')}\r`);
      const lines = () => received.toString('latin1').split('\r').slice(0, -1);
      await until(() => lines().length >= RADIO_PARAMETERS.length, options.answerTimeoutMs * 2);
      const answers = lines();
      await write('ATCN\r');
      const values: RadioSettings['values'] = {};
      RADIO_PARAMETERS.forEach((p, i) => {
        const answer = answers[i]?.trim();
        if (answer && answer !== 'ERROR') values[p] = answer.toUpperCase();
      });
      return { values, via: 'command-mode' };
    }
    for (const escaped of [false, true]) {
      const values = await readByApi(write, () => received, escaped, options.answerTimeoutMs);
      if (values) return { values, via: 'api' };
    }
    return null;
  } finally {
    await new Promise((resolve) => port.close(resolve));
  }
}

/** Each parameter by an API AT command frame; null when the first gets no answer. */
async function readByApi(write: (bytes: Uint8Array) => Promise<void>, received: () => Buffer, escaped: boolean, timeoutMs: number): Promise<RadioSettings['values'] | null> {
  const values: RadioSettings['values'] = {};
  const deframer = new XbeeDeframer(escaped);
  let seen = received().length;
  for (const [i, command] of RADIO_PARAMETERS.entries()) {
    await write(encodeXbeeFrame({ kind: 'atCommand', frameId: i + 1, command, parameter: new Uint8Array() }, escaped));
    let answer: Uint8Array | null | undefined;
    const end = Date.now() + timeoutMs;
    while (answer === undefined && Date.now() < end) {
      const bytes = received();
      deframer.push(bytes.subarray(seen), (frame) => {
        if (frame.kind === 'atResponse' && frame.command === command) answer = frame.status === 0 ? frame.data : null;
      });
      seen = bytes.length;
      if (answer === undefined) await sleep(10);
    }
    if (answer === undefined) return i === 0 ? null : values;
    if (answer !== null) values[command as RadioParameter] = Buffer.from(answer).toString('hex').replace(/^0+(?=.)/, '').toUpperCase();
  }
  return values;
}
