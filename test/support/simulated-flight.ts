import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Random, Simulator, VirtualClock, createRadioLink, resolveScenario } from '@cansat/firmware-sim';
import { encodeFrame, type Command, type Message } from '@cansat/protocol';
import { FrameDecoderStream, generateKeyHex, parseKey, signCommand } from '@cansat/protocol/node';
import { FlightProgram, StreamRadio, resolveFlightConfig, type FlightConfig } from '@cansat/flight';



/** A flight program on the simulator, in-process, on a virtual clock, with a ground end that records and commands. */
export interface SimulatedFlight {
  sim: Simulator;
  clock: VirtualClock;
  program: FlightProgram;
  config: FlightConfig;
  key: Uint8Array;
  /** Every message the ground received, in order. */
  received: Message[];
  /** Signs and sends a command from the ground (counter increasing). */
  send(command: Command): void;
  /** Sends raw bytes from the ground. */
  sendBytes(bytes: Uint8Array): void;
  /** Also hands every byte the ground receives to `listener` (an AAS line decoder, say). */
  groundBytes(listener: (bytes: Buffer) => void): void;
  /** Runs the virtual clock `ms` on, letting promises and stream events settle. */
  run(ms: number): Promise<void>;
  /** Stops the program (as a clean shutdown would). */
  stop(): void;
  /** Restarts after `ms` of silence (the processor rebooting), on the same state folder. */
  resetFor(ms: number): Promise<void>;
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

const flights: SimulatedFlight[] = [];

/** Stops every flight `simulatedFlight` made and its simulator (call it in afterEach). */
export function closeFlights(): void {
  for (const flight of flights.splice(0)) {
    flight.stop();
    flight.sim.close();
  }
}

/** Builds a simulated flight; `scenario` and `config` override the defaults. `closeFlights` ends it. */
export async function simulatedFlight(options: { scenario?: object; config?: object; log?: (line: string) => void} = {}): Promise<SimulatedFlight> {
  const clock = new VirtualClock();
  const scenario = resolveScenario({ padWait: 20, ...options.scenario });
  const sim = new Simulator(scenario, clock);
  const config = resolveFlightConfig({
    teamId: 1234,
    stateDir: mkdtempSync(join(tmpdir(), 'cansat-flight-')),
    board: { io: 'firmware-sim' },
    ...options.config,
  });
  const key = parseKey(generateKeyHex());
  const link = createRadioLink(clock, { ...scenario.radio, baud: 115_200, blackouts: [] }, new Random(scenario.seed));
  const received: Message[] = [];
  const decoder = new FrameDecoderStream();
  decoder.on('data', (message: Message) => received.push(message));
  link.ground.on('data', (bytes: Buffer) => decoder.write(bytes));
  let counter = 0;
  const starting = FlightProgram.start({ config, io: sim.io as never, radio: new StreamRadio(link.cansat), clock, key, ...(options.log ? { log: options.log } : {}) });
  // johnny-five connects through promises and next-tick callbacks: let them run while the clock stands still.
  for (let i = 0; i < 50; i++) await settle();
  const flight: SimulatedFlight = {
    sim,
    clock,
    program: await starting,
    config,
    key,
    received,
    send(command) {
      counter++;
      link.ground.write(encodeFrame(signCommand(command, { teamId: config.teamId, counter, packetCount: counter, missionTime: clock.now() }, key)));
    },
    sendBytes(bytes) {
      link.ground.write(bytes);
    },
    groundBytes(listener) {
      link.ground.on('data', listener);
    },
    async run(ms) {
      const step = 20;
      for (let t = 0; t < ms; t += step) {
        clock.advance(Math.min(step, ms - t));
        await settle();
      }
    },
    stop() {
      flight.program.stop();
    },
    async resetFor(ms) {
      flight.program.abandon();
      // The board's read loops die with the processor.
      sim.io.close();
      sim.io.removeAllListeners();
      await flight.run(ms);
      const io = sim.reconnect();
      const restarting = FlightProgram.start({ config, io: io as never, radio: new StreamRadio(link.cansat), clock, key, ...(options.log ? { log: options.log } : {}) });
      for (let i = 0; i < 50; i++) await settle();
      flight.program = await restarting;
    },
  };
  flights.push(flight);
  return flight;
}

/** The telemetry among received messages. */
export function telemetryOf(messages: readonly Message[]) {
  return messages.flatMap((m) => (m.type === 'telemetry' ? [m] : []));
}
