import five from 'johnny-five';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  AAS_PROFILES,
  HEALTH_BITS,
  deframe,
  encodeFrame,
  formatTelemetryLine,
  type Ack,
  type AckResult,
  type AasProfile,
  type Command,
  type Event,
  type Telemetry,
} from '@cansat/protocol';
import { Actuators } from './board/actuators.ts';
import type { Clock, TimerHandle } from './board/clock.ts';
import { monitorBus, type IoPlugin } from './board/io-plugin.ts';
import { CommandReceiver, type RejectedCommand } from './commands/command-receiver.ts';
import type { FlightConfig } from './config/flight-config.ts';
import { FlightCore, freshState, type CoreOutput, type EventBody } from './flight-core.ts';
import type { MissionAction } from './mission/mission-state.ts';
import type { Radio } from './radio/radio.ts';
import { createSensors, type Sensors } from './sensors/sensors.ts';
import { BlackBox, type RecordKind } from './storage/black-box.ts';
import { MissionStore, type PersistedMission } from './storage/mission-store.ts';

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

/** Events and acks kept while the radio is down. */
const BACKLOG_LIMIT = 100;

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
  private readonly timers: TimerHandle[] = [];
  private sensors: Sensors | null = null;
  private actuators: Actuators | null = null;
  private receiver: CommandReceiver | null = null;
  private readonly profile: AasProfile | null;
  private nextTelemetryAt = 0;
  /** Events and acks waiting for the radio to come (back) up; telemetry is not kept, the next one is newer. */
  private readonly backlog: Uint8Array[] = [];
  private readonly log: (line: string) => void;

  private constructor(
    private readonly options: FlightProgramOptions,
    state: PersistedMission,
    store: MissionStore,
    blackBox: BlackBox,
  ) {
    this.core = new FlightCore(options.config, state);
    this.store = store;
    this.blackBox = blackBox;
    this.log = options.log ?? (() => {});
    const format = options.config.wireFormat;
    this.profile = format === 'binary' ? null : (AAS_PROFILES[Number(format.slice(4))] ?? null);
  }

  /** Restores the mission from storage, brings up the board, and starts flying. */
  static async start(options: FlightProgramOptions): Promise<FlightProgram> {
    const { config, clock } = options;
    const log = options.log ?? (() => {});
    mkdirSync(config.stateDir, { recursive: true });
    const store = new MissionStore(join(config.stateDir, 'mission.json'));
    const blackBox = new BlackBox(join(config.stateDir, 'blackbox.bin'));
    const recovered: EventBody[] = [];
    const problems: string[] = [];
    let state: PersistedMission;
    const loaded = store.load(config.teamId);
    if (loaded.kind === 'restored') {
      state = loaded.state;
      state.resets++;
      if (loaded.problem) problems.push(`mission state: ${loaded.problem}; restored the previous copy`);
      recovered.push({ event: 'RESET_RECOVERED', state: state.mission.state, subject: 'MISSION', value: state.resets });
    } else {
      state = freshState(config, clock.now());
      if (loaded.kind === 'unreadable') problems.push(`mission state unreadable (${loaded.problem}); recovering from the black box`);
    }
    try {
      const torn = blackBox.repair();
      if (torn > 0) problems.push(`black box: cut a torn last record of ${torn} bytes`);
      FlightProgram.recoverCounts(blackBox.path, state, loaded.kind === 'unreadable');
    } catch (error) {
      problems.push(`black box unreadable: ${String(error)}`);
    }
    const program = new FlightProgram(options, state, store, blackBox);
    for (const problem of problems) {
      log(problem);
      program.core.faults++;
      recovered.push({ event: 'FAULT', state: state.mission.state, subject: 'STORAGE', value: program.core.faults });
    }
    log(loaded.kind === 'restored' ? `resumed mission: ${state.mission.state}, packet ${state.packetCount}, reset ${state.resets}` : `new mission for team ${config.teamId}`);
    await program.startBoard();
    program.startRadio();
    for (const event of recovered) program.sendEvent(event);
    program.save();
    program.startRateGroups();
    return program;
  }

  /**
   * The packet counts must never repeat, even when the process died between sending a packet and saving the
   * state: the black box, written before each send, holds the last one used.
   */
  private static recoverCounts(path: string, state: PersistedMission, restoreMission: boolean): void {
    const counts: Partial<Record<RecordKind, number>> = {};
    let lastTelemetry: Uint8Array | null = null;
    for (const record of BlackBox.read(path).records) {
      counts[record.kind] = Math.max(counts[record.kind] ?? 0, record.packetCount);
      if (record.kind === 'telemetry') lastTelemetry = record.bytes;
    }
    state.packetCount = Math.max(state.packetCount, counts.telemetry ?? 0);
    state.eventCount = Math.max(state.eventCount, counts.event ?? 0);
    state.ackCount = Math.max(state.ackCount, counts.ack ?? 0);
    if (restoreMission && lastTelemetry !== null) {
      const result = deframe(lastTelemetry);
      if (result.status === 'ok' && result.message.type === 'telemetry') {
        state.mission.state = result.message.state;
        state.mode = result.message.mode;
        state.telemetryOn = true;
      }
    }
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
      if (connected) for (const bytes of this.backlog.splice(0)) this.transmit(bytes, true);
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
    this.core.faults = Math.max(this.core.faults, this.sensors.faultCount);
    this.apply(this.core.onReadings(readings, now));
    const period = 1000 / this.core.state.telemetryHz;
    if (this.core.state.telemetryOn && now >= this.nextTelemetryAt) {
      // Keep the cadence without drift; after a pause (CX OFF, a slow tick) start again from now.
      this.nextTelemetryAt = now - this.nextTelemetryAt > period ? now + period : this.nextTelemetryAt + period;
      this.sendTelemetry(now);
    }
  }

  private apply(output: CoreOutput): void {
    for (const action of output.actions) this.actuate(action);
    for (const event of output.events) this.sendEvent(event);
    if (output.save) this.save();
  }

  private actuate(action: MissionAction): void {
    this.guard('actuator', () => this.actuators?.set(action.kind === 'beacon' ? 'BEACON' : action.device, action.on));
  }

  private obey(command: Command, counter: number | null): void {
    const now = this.options.clock.now();
    const result = this.core.execute(command, now);
    if (counter !== null) this.core.state.lastCommandCounter = counter;
    this.log(`command ${command.name}: ${result.result}`);
    this.record('command', 0, new TextEncoder().encode(JSON.stringify(command)));
    this.apply(result);
    this.save();
    if (counter !== null) this.sendAck(counter, command.name, result.result);
  }

  private refuse({ reason, frame }: RejectedCommand): void {
    this.core.rejects++;
    this.log(`command rejected: ${reason}`);
    const result = VERIFY_TO_ACK[reason];
    if (frame !== null && result !== undefined) this.sendAck(frame.counter, frame.command, result);
    if (reason === 'invalid' && this.receiver !== null) {
      // An authentic but invalid command spends its counter too.
      this.core.state.lastCommandCounter = this.receiver.lastCounter;
      this.save();
    }
  }

  private sendTelemetry(now: number): void {
    const telemetry = this.core.telemetry(now);
    const bytes = this.profile === null ? encodeFrame(telemetry) : new TextEncoder().encode(formatTelemetryLine(telemetry, this.profile));
    // Logged (and synced) before it is sent: the packet count can then never be used twice after a reset.
    this.record('telemetry', telemetry.packetCount, bytes);
    this.core.state.packetCount = telemetry.packetCount;
    this.transmit(bytes);
  }

  private sendEvent(body: EventBody): void {
    const state = this.core.state;
    const event: Event = { type: 'event', teamId: state.teamId, packetCount: state.eventCount + 1, missionTime: Math.round(this.core.missionTime(this.options.clock.now())), ...body };
    const bytes = encodeFrame(event);
    this.log(`event ${event.event} ${event.subject} in ${event.state}`);
    this.record('event', event.packetCount, bytes);
    state.eventCount = event.packetCount;
    // The AAS line format has no events: they stay in the black box.
    if (this.profile === null) this.transmit(bytes, true);
  }

  private sendAck(counter: number, command: Ack['command'], result: AckResult): void {
    if (this.profile !== null) return;
    const state = this.core.state;
    const ack: Ack = { type: 'ack', teamId: state.teamId, packetCount: state.ackCount + 1, missionTime: Math.round(this.core.missionTime(this.options.clock.now())), counter, command, result };
    const bytes = encodeFrame(ack);
    this.record('ack', ack.packetCount, bytes);
    state.ackCount = ack.packetCount;
    this.transmit(bytes, true);
  }

  /** Sends on the radio; `keep` holds the bytes (up to BACKLOG_LIMIT messages) until the radio is up again. */
  private transmit(bytes: Uint8Array, keep = false): void {
    if (this.options.radio.write(bytes)) return;
    this.core.setHealth(HEALTH_BITS.RADIO, true);
    if (keep) {
      this.backlog.push(bytes);
      if (this.backlog.length > BACKLOG_LIMIT) this.backlog.shift();
    }
  }

  /**
   * Appends to the black box. If the card refuses (full, failing) that is counted and reported in health, and the
   * message still goes out: the ground's copy is then the only one.
   */
  private record(kind: RecordKind, packetCount: number, bytes: Uint8Array): void {
    try {
      this.blackBox.append({ kind, packetCount, missionTime: this.core.missionTime(this.options.clock.now()), bytes });
      this.core.setHealth(HEALTH_BITS.STORAGE, false);
    } catch (error) {
      this.storageFailed(error);
    }
  }

  private save(): void {
    try {
      this.store.save(this.core.state);
      this.core.setHealth(HEALTH_BITS.STORAGE, false);
    } catch (error) {
      this.storageFailed(error);
    }
  }

  private storageFailed(error: unknown): void {
    this.core.faults++;
    this.core.setHealth(HEALTH_BITS.STORAGE, true);
    this.log(`storage: ${(error as Error).message ?? String(error)}`);
  }

  /** The error boundary: whatever `body` throws is counted and reported, and the mission goes on. */
  private guard(where: string, body: () => void): void {
    try {
      body();
    } catch (error) {
      this.core.faults++;
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
