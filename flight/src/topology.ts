import five from 'johnny-five';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AAS_PROFILES, HEALTH_BITS, layoutProfile, type AasProfile, type AckResult, type Command, type Telemetry } from '@cansat/protocol';
import { readTeamLayout } from '@cansat/protocol/node';
import { Actuators } from './board/actuators.ts';
import type { Clock, TimerHandle } from './board/clock.ts';
import { monitorBus, type IoPlugin } from './board/io-plugin.ts';
import { CommandReceiver, type RejectedCommand } from './commands/command-receiver.ts';
import type { FlightConfig } from './config/flight-config.ts';
import { FlightCore, type CoreOutput } from './flight-core.ts';
import type { MissionAction } from './mission/mission-state.ts';
import { Downlink } from './radio/downlink.ts';
import type { Radio } from './radio/radio.ts';
import { createSensors, type Sensors } from './sensors/sensors.ts';
import { BlackBox } from './storage/black-box.ts';
import { MissionStore } from './storage/mission-store.ts';
import { recoverMission } from './storage/recovery.ts';

/** Everything the flight program is given from outside: its hardware (real or simulated), its clock, its key. */
export interface FlightProgramOptions {
  config: FlightConfig;
  io: IoPlugin;
  radio: Radio;
  clock: Clock;
  key: Uint8Array;
  /** Where progress and problems are reported; default: nowhere. */
  log?: (line: string) => void;
  /** How long to wait for the board, ms; default 10000. */
  boardTimeoutMs?: number;
}

const VERIFY_TO_ACK: Partial<Record<RejectedCommand['reason'], AckResult>> = {
  'bad-signature': 'BAD_SIGNATURE',
  replayed: 'REPLAYED',
  invalid: 'INVALID',
};

/**
 * The flight program wired together (F Prime's topology): the board and its sensors, the mission core, the radio
 * with its command receiver, the persisted state and the black box, and the rate groups that drive them. Every
 * tick, command and write runs inside a boundary that catches, counts and reports what goes wrong; nothing thrown
 * there can stop the mission.
 */
export class FlightProgram {
  readonly core: FlightCore;
  private readonly store: MissionStore;
  private readonly blackBox: BlackBox;
  private readonly downlink: Downlink;
  private readonly timers: TimerHandle[] = [];
  private sensors: Sensors | null = null;
  private actuators: Actuators | null = null;
  private receiver: CommandReceiver | null = null;
  private nextTelemetryAt = 0;
  private readonly log: (line: string) => void;
  private reportedFaults = 0;

  private constructor(
    private readonly options: FlightProgramOptions,
    core: FlightCore,
    store: MissionStore,
    blackBox: BlackBox,
  ) {
    this.core = core;
    this.store = store;
    this.blackBox = blackBox;
    this.log = options.log ?? (() => {});
    const format = options.config.wireFormat;
    this.downlink = new Downlink({
      core,
      radio: options.radio,
      blackBox,
      clock: options.clock,
      profile: telemetryProfile(format),
      onStorage: (error) => this.storageResult(error),
      log: this.log,
    });
  }

  /** Restores the mission from storage, brings up the board, and starts flying. */
  static async start(options: FlightProgramOptions): Promise<FlightProgram> {
    const { config, clock } = options;
    const log = options.log ?? (() => {});
    mkdirSync(config.stateDir, { recursive: true });
    const store = new MissionStore(join(config.stateDir, 'mission.json'));
    const blackBox = new BlackBox(join(config.stateDir, 'blackbox.bin'));
    const recovery = recoverMission(config, clock, store, blackBox);
    const core = new FlightCore(config, recovery.state);
    for (const problem of recovery.problems) {
      log(problem);
      core.countFault('storage');
    }
    const program = new FlightProgram(options, core, store, blackBox);
    const { state } = recovery;
    log(state.resets > 0 ? `resumed mission: ${state.mission.state}, packet ${state.packetCount}, reset ${state.resets}` : `new mission for team ${config.teamId}`);
    await program.startBoard();
    program.startRadio();
    for (const event of recovery.events) program.downlink.event(event);
    program.save();
    program.startRateGroups();
    return program;
  }

  private async startBoard(): Promise<void> {
    const { config, clock } = this.options;
    const { io, monitor } = monitorBus(this.options.io, () => clock.now());
    const board = new five.Board({ io: io as never, repl: false, debug: false, timeout: this.options.boardTimeoutMs ?? 10_000 });
    await new Promise<void>((resolve, reject) => {
      board.on('ready', () => resolve());
      board.on('error', (error: unknown) => reject(error instanceof Error ? error : new Error(String(error))));
    });
    this.guard('board set-up', () => {
      this.actuators = new Actuators(io, config.actuators);
      // Outputs stay as they were before a reset: a released payload is not grabbed again.
      for (const [device, on] of Object.entries(this.core.state.outputs)) this.actuators.set(device as never, on);
    });
    this.sensors = createSensors(board, io, monitor, config, () => clock.now());
  }

  private startRadio(): void {
    const { config, radio, key } = this.options;
    this.receiver = new CommandReceiver({
      format: config.wireFormat === 'binary' ? 'binary' : 'aas',
      teamId: config.teamId,
      key,
      lastCounter: this.core.state.lastCommandCounter,
      onCommand: ({ command, counter }) => this.guard('command', () => this.obey(command, counter)),
      onReject: (rejected) => this.guard('command', () => this.refuse(rejected)),
    });
    radio.on('data', (bytes: Uint8Array) => this.guard('radio input', () => this.receiver?.feed(bytes)));
    radio.on('status', ({ connected, detail }: { connected: boolean; detail: string }) => {
      this.log(`radio ${connected ? 'up' : 'down'}: ${detail}`);
      this.core.setHealth(HEALTH_BITS.RADIO, !connected);
      if (connected) this.downlink.radioUp();
    });
    this.core.setHealth(HEALTH_BITS.RADIO, !radio.connected);
  }

  private startRateGroups(): void {
    const { config, clock } = this.options;
    // One sensor rate group; telemetry goes out from the same tick when due, so both share one time line.
    this.timers.push(clock.setInterval(() => this.guard('sensor tick', () => this.tick()), 1000 / config.sensorHz));
    this.timers.push(clock.setInterval(() => this.guard('state save', () => this.save()), 1000));
  }

  private tick(): void {
    const now = this.options.clock.now();
    if (this.sensors === null) return;
    const readings = this.sensors.read(now);
    this.core.tallyFaults('sensor', this.sensors.faultCount);
    this.core.tallyFaults('radio', this.options.radio.failedWrites);
    this.apply(this.core.onReadings(readings, now));
    const period = 1000 / this.core.state.telemetryHz;
    if (this.core.state.telemetryOn && now >= this.nextTelemetryAt) {
      // Keep the cadence without drift; after a pause (CX OFF, a slow tick) start again from now.
      this.nextTelemetryAt = now - this.nextTelemetryAt > period ? now + period : this.nextTelemetryAt + period;
      this.downlink.telemetry(now);
      this.reportFaults();
    }
  }

  /** Says in the log, by kind, what telemetry's `faults` counts, when it has grown. */
  private reportFaults(): void {
    if (this.core.faults === this.reportedFaults) return;
    this.reportedFaults = this.core.faults;
    this.log(`faults: ${Object.entries(this.core.faultCounts).map(([kind, n]) => `${kind} ${n}`).join(', ')}`);
  }

  private apply(output: CoreOutput): void {
    for (const action of output.actions) this.actuate(action);
    for (const event of output.events) this.downlink.event(event);
    if (output.save) this.save();
  }

  private actuate(action: MissionAction): void {
    this.guard('actuator', () => this.actuators?.set(action.kind === 'beacon' ? 'BEACON' : action.device, action.on));
  }

  private obey(command: Command, counter: number | null): void {
    const now = this.options.clock.now();
    const result = this.core.execute(command, now);
    if (counter !== null) this.core.commandCounter(counter);
    this.log(`command ${command.name}: ${result.result}`);
    this.downlink.record(new TextEncoder().encode(JSON.stringify(command)));
    this.apply(result);
    this.save();
    if (counter !== null) this.downlink.ack(counter, command.name, result.result);
  }

  private refuse({ reason, frame }: RejectedCommand): void {
    this.core.rejects++;
    this.log(`command rejected: ${reason}`);
    const result = VERIFY_TO_ACK[reason];
    if (frame !== null && result !== undefined) this.downlink.ack(frame.counter, frame.command, result);
    if (reason === 'invalid' && this.receiver !== null) {
      // An authentic but invalid command spends its counter too.
      this.core.commandCounter(this.receiver.lastCounter);
      this.save();
    }
  }

  private save(): void {
    try {
      this.store.save(this.core.state);
      this.storageResult(null);
    } catch (error) {
      this.storageResult(error);
    }
  }

  /** A write to the card worked (null) or failed: counted, in health, in the log; the mission goes on. */
  private storageResult(error: unknown): void {
    this.core.setHealth(HEALTH_BITS.STORAGE, error !== null);
    if (error === null) return;
    this.core.countFault('storage');
    this.log(`storage: ${(error as Error).message ?? String(error)}`);
  }

  /** The error boundary: whatever `body` throws is counted and reported, and the mission goes on. */
  private guard(where: string, body: () => void): void {
    try {
      body();
    } catch (error) {
      this.core.countFault('software');
      this.log(`${where}: ${(error as Error)?.stack ?? String(error)}`);
    }
  }

  /** The telemetry the program would send now (for tests and the console). */
  telemetryNow(): Telemetry {
    return this.core.telemetry(this.options.clock.now());
  }

  /** Stops the rate groups, saves, and closes the black box; the radio and board are the caller's. */
  stop(): void {
    this.abandon();
    this.save();
  }

  /** Stops dead without saving anything, as a processor reset does (tests of the recovery use it). */
  abandon(): void {
    for (const timer of this.timers.splice(0)) timer.cancel();
    this.options.radio.removeAllListeners('data');
    this.blackBox.close();
  }
}

/** The AAS profile telemetry is written in: null for binary, the year's, or the team's own layout file. */
function telemetryProfile(format: string): AasProfile | null {
  if (format === 'binary') return null;
  if (format.endsWith('.json')) return layoutProfile(readTeamLayout(format, 'wireFormat'));
  return AAS_PROFILES[Number(format.slice(4))] ?? null;
}
