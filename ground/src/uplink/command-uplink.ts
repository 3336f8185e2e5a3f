import { appendFileSync, readFileSync } from 'node:fs';
import { commandEcho, encodeFrame, formatCommandLine, isHazardous, type Command, type MissionState } from '@cansat/protocol';
import { signCommand } from '@cansat/protocol/node';
import type { StationMessage } from '../ground-station.ts';
import type { CommandStatus, ErrorCode } from '@cansat/protocol/station';
import type { CounterStore } from './counter-store.ts';

/** Options of CommandUplink. */
export interface CommandUplinkOptions {
  teamId: number;
  format: 'binary' | 'aas';
  /** The team's 32-byte key (binary). */
  key: Uint8Array | null;
  counters: CounterStore;
  /** Writes to the radio; false when it is not connected. */
  write: (bytes: Uint8Array) => boolean;
  /** The command history file (JSON lines); none when null. */
  historyPath: string | null;
  /** How long to wait for the ack or echo, ms; default 5000. */
  timeoutMs?: number;
  now?: () => number;
  /** Called whenever a command's status changes. */
  onStatus: (status: CommandStatus) => void;
}

/** Why a command was not sent. */
export type SendRefusal = { code: Extract<ErrorCode, 'needs-confirmation' | 'radio-down' | 'no-key'>; message: string };

/**
 * Turns operators' commands into signed binary frames (or AAS command lines), writes them to the radio, and
 * follows each until the CanSat acknowledges it (binary), echoes it in telemetry, or the timeout passes. Every
 * status change is appended to the command history file.
 */
export class CommandUplink {
  readonly statuses: CommandStatus[] = [];
  private readonly pending = new Map<string, { status: CommandStatus; timer: NodeJS.Timeout }>();
  private packetCount = 0;
  private missionState: MissionState | null = null;
  private lastEcho: string | null = null;
  private readonly now: () => number;

  constructor(private readonly options: CommandUplinkOptions) {
    this.now = options.now ?? (() => Date.now());
    if (options.historyPath) this.statuses.push(...this.reload(options.historyPath));
  }

  /**
   * The commands of a session resumed after a crash, from its history file (the last status of each). One still
   * waiting when the station died can no longer be matched to its answer: it is settled as a timeout, and said so.
   */
  private reload(path: string): CommandStatus[] {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      return [];
    }
    const latest = new Map<string, CommandStatus>();
    for (const line of text.split('\n')) {
      try {
        const status = JSON.parse(line) as CommandStatus;
        latest.set(status.id, status);
      } catch {
        // A torn last line: the command it was about has an earlier one.
      }
    }
    const statuses = [...latest.values()].sort((a, b) => a.sentAt - b.sentAt);
    for (const status of statuses.filter((s) => s.state === 'sent')) {
      Object.assign(status, { state: 'timeout', detail: 'no answer before the ground station restarted', updatedAt: this.now() });
      try {
        appendFileSync(path, `${JSON.stringify(status)}\n`);
      } catch {
        // As in changed(): the history file is a convenience.
      }
    }
    return statuses;
  }

  /** Sends a command; returns its status, or why it was not sent. */
  send(id: string, command: Command, confirm: boolean): CommandStatus | SendRefusal {
    if (isHazardous(command, this.missionState) && !confirm) {
      return { code: 'needs-confirmation', message: `${command.name} is hazardous now: send it again with confirmation` };
    }
    const { format, key, teamId } = this.options;
    let bytes: Uint8Array;
    let counter: number | null = null;
    if (format === 'binary') {
      if (key === null) return { code: 'no-key', message: 'no command key: start the ground station with --key' };
      counter = this.options.counters.next();
      this.packetCount = (this.packetCount + 1) % 65_536;
      bytes = encodeFrame(signCommand(command, { teamId, counter, packetCount: this.packetCount, missionTime: this.now() % 86_400_000 }, key));
    } else {
      bytes = new TextEncoder().encode(formatCommandLine(teamId, command));
    }
    const sentAt = this.now();
    if (!this.options.write(bytes)) return { code: 'radio-down', message: 'the radio is not connected; nothing was sent' };
    const status: CommandStatus = { id, command, state: 'sent', detail: null, counter, sentAt, updatedAt: sentAt };
    this.statuses.push(status);
    const timer = setTimeout(() => this.settle(id, 'timeout', `no answer in ${this.options.timeoutMs ?? 5000} ms`), this.options.timeoutMs ?? 5000);
    timer.unref();
    this.pending.set(id, { status, timer });
    this.changed(status);
    return status;
  }

  /** Follows what the CanSat sends: acks (binary) and the echo in telemetry. */
  observe(message: StationMessage): void {
    if (message.type === 'ack') {
      const ack = message.data;
      for (const { status } of this.pending.values()) {
        if (status.counter === ack.counter) this.settle(status.id, ack.result === 'OK' ? 'acked' : 'rejected', ack.result);
      }
    } else if (message.type === 'telemetry' && !message.replay) {
      this.missionState = message.data.state;
      const echo = message.data.cmdEcho;
      if (echo !== null && echo !== this.lastEcho) {
        // The oldest command waiting with this echo is the one the CanSat carried out.
        const match = [...this.pending.values()].find(({ status }) => commandEcho(status.command) === echo);
        if (match) this.settle(match.status.id, 'echoed', echo);
      }
      this.lastEcho = echo;
    }
  }

  private settle(id: string, state: CommandStatus['state'], detail: string): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    clearTimeout(entry.timer);
    // In binary the ack is the answer; an echo may still follow, but the command is settled.
    this.pending.delete(id);
    entry.status.state = state;
    entry.status.detail = detail;
    entry.status.updatedAt = this.now();
    this.changed(entry.status);
  }

  private changed(status: CommandStatus): void {
    if (this.options.historyPath) {
      try {
        appendFileSync(this.options.historyPath, `${JSON.stringify(status)}\n`);
      } catch {
        // The history file is a convenience; the command itself has gone.
      }
    }
    this.options.onStatus({ ...status });
  }

  close(): void {
    for (const { timer } of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }
}
