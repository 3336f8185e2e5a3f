import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PtyRadioLink, Random, ScaledClock, SimServer, Simulator, resolveScenario, type PtyRadioLinkOptions } from '@cansat/firmware-sim';
import { encodeFrame, type Command, type Message } from '@cansat/protocol';
import { FrameDecoderStream, generateKeyHex, parseKey, signCommand } from '@cansat/protocol/node';
import { SerialPort } from 'serialport';

const BIN = new URL('../../flight/bin/cansat-flight.js', import.meta.url).pathname;

/** The real flight program as a child process, against a simulator served from this process, with a ground end. */
export interface LiveFlight {
  sim: Simulator;
  clock: ScaledClock;
  link: PtyRadioLink;
  /** The temporary folder: config, key, state. */
  dir: string;
  /** The ground end of the radio (a tty path), and the team's key as hex, for a real ground station. */
  groundPath: string;
  keyHex: string;
  received: Message[];
  /** The child's process id, while it runs. */
  pid(): number | undefined;
  /** What the child printed. */
  output(): string;
  /** Starts the flight program; resolves once it flies. */
  start(): Promise<void>;
  /** SIGKILL: a processor reset. */
  kill(): void;
  send(command: Command): void;
  /** Resolves when the simulation's clock reaches `simMs`. */
  waitUntil(simMs: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * Sets up the simulator, its socket, the radio ptys, a key and a config; `start` runs the program as the CanSat
 * does, from its bundle (npm test builds it first).
 */
export async function startLiveFlight(options: { seed: number; scale: number; scenario?: object; openGround?: boolean; config?: object; xbee?: PtyRadioLinkOptions['xbee'] | ((sim: Simulator) => PtyRadioLinkOptions['xbee']) }): Promise<LiveFlight> {
  const dir = mkdtempSync(join(tmpdir(), 'cansat-live-'));
  const scenario = resolveScenario({ seed: options.seed, padWait: 15, radio: { baud: 115_200, latencyMs: 5 }, ...options.scenario });
  const clock = new ScaledClock(Date.now(), options.scale);
  const sim = new Simulator(scenario, clock);
  const server = await SimServer.listen(sim, clock, join(dir, 'sim.sock'));
  const xbee = typeof options.xbee === 'function' ? options.xbee(sim) : options.xbee;
  const link = await PtyRadioLink.open({ cansatPath: join(dir, 'cansat'), groundPath: join(dir, 'ground'), link: scenario.radio, random: new Random(options.seed), clock, ...(xbee ? { xbee } : {}) });
  const keyHex = generateKeyHex();
  writeFileSync(join(dir, 'key.hex'), keyHex);
  writeFileSync(join(dir, 'flight.json'), JSON.stringify({ teamId: 1234, keyFile: join(dir, 'key.hex'), stateDir: join(dir, 'state'), radio: { baudRate: 115_200 }, ...options.config }));
  // The test's own ground end, unless a real ground station is to open the tty.
  const ground =
    options.openGround === false
      ? null
      : await new Promise<SerialPort>((resolve, reject) => {
          const port = new SerialPort({ path: link.path('ground'), baudRate: 115_200 }, (error) => (error ? reject(error) : resolve(port)));
        });
  const received: Message[] = [];
  const decoder = new FrameDecoderStream({ teamId: 1234 });
  decoder.on('data', (m: Message) => received.push(m));
  ground?.on('data', (bytes: Buffer) => decoder.write(bytes));
  let child: ChildProcess | null = null;
  let output = '';
  let counter = 0;
  return {
    sim,
    clock,
    link,
    dir,
    groundPath: link.path('ground'),
    keyHex,
    received,
    pid: () => child?.pid,
    output: () => output,
    async start() {
      const args = [BIN, '-c', join(dir, 'flight.json'), '--sim', server.path, '--radio', link.path('cansat')];
      const started = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      child = started;
      const mark = output.length;
      await new Promise<void>((resolve, reject) => {
        started.stdout!.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          if (output.slice(mark).includes('flying:')) resolve();
        });
        started.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
        started.once('exit', (code) => reject(new Error(`flight program exited (${code}):\n${output}`)));
      });
    },
    kill() {
      child?.kill('SIGKILL');
      child = null;
    },
    send(command) {
      counter++;
      if (!ground) throw new Error('this live flight has no test ground end');
      ground.write(encodeFrame(signCommand(command, { teamId: 1234, counter, packetCount: counter, missionTime: 0 }, parseKey(keyHex))));
    },
    waitUntil(simMs) {
      return new Promise((resolve) => setTimeout(resolve, Math.max(0, (simMs - clock.now()) / clock.scale)));
    },
    async close() {
      child?.kill('SIGKILL');
      if (ground) await new Promise((resolve) => ground.close(resolve));
      sim.close();
      await server.close();
      await link.close();
    },
  };
}
