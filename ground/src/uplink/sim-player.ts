import type { Command } from '@cansat/protocol';
import type { CommandStatus, SimPlayerStatus } from '@cansat/protocol/station';
import type { SendRefusal } from './command-uplink.ts';

/** Options of SimPlayer. */
export interface SimPlayerOptions {
  /** The judges' pressures, Pa, one per second (none when the station was given no file). */
  pressures: readonly number[];
  send: (id: string, command: Command) => CommandStatus | SendRefusal;
  onStatus: (status: SimPlayerStatus) => void;
  /** ms between SIMP commands; default 1000 (the competition's rate). */
  periodMs?: number;
}

/**
 * Plays the judges' simulated-pressure file: one SIMP a second, with progress, pause and stop, and only once the
 * CanSat has acknowledged (or echoed) both SIM ENABLE and SIM ACTIVATE.
 */
export class SimPlayer {
  private state: SimPlayerStatus = { state: 'idle', sent: 0, total: 0, detail: '' };
  private timer: NodeJS.Timeout | null = null;
  private enabled = false;
  private activated = false;
  private seq = 0;

  constructor(private readonly options: SimPlayerOptions) {
    this.state.total = options.pressures.length;
    this.state.detail = options.pressures.length === 0 ? 'no simulated-pressure file loaded' : 'waiting for start';
  }

  get status(): SimPlayerStatus {
    return { ...this.state };
  }

  /** Follows the uplink: SIM ENABLE and ACTIVATE must be confirmed by the CanSat before playing. */
  observe(status: CommandStatus): void {
    const confirmed = status.state === 'acked' || status.state === 'echoed';
    if (status.command.name !== 'SIM' || !confirmed) return;
    if (status.command.action === 'ENABLE') this.enabled = true;
    if (status.command.action === 'ACTIVATE') this.activated = this.enabled;
    if (status.command.action === 'DISABLE') {
      this.enabled = this.activated = false;
      if (this.timer) this.control('stop');
    }
    if (this.state.state === 'waiting' && this.activated) this.play();
  }

  /** start, pause, resume or stop; returns a problem to report, or null. */
  control(action: 'start' | 'pause' | 'resume' | 'stop'): string | null {
    if (action === 'start') {
      if (this.options.pressures.length === 0) return 'no simulated-pressure file was loaded (cansat-ground live --sim-file)';
      this.state.sent = 0;
      if (!this.activated) return this.update('waiting', 'waiting for SIM ENABLE and SIM ACTIVATE to be acknowledged'), null;
      this.play();
    } else if (action === 'pause' && this.state.state === 'playing') {
      this.halt();
      this.update('paused', `paused at ${this.state.sent} of ${this.state.total}`);
    } else if (action === 'resume' && this.state.state === 'paused') {
      this.play();
    } else if (action === 'stop') {
      this.halt();
      if (this.state.state !== 'idle') this.update('stopped', `stopped at ${this.state.sent} of ${this.state.total}`);
    }
    return null;
  }

  private play(): void {
    this.update('playing', 'sending one SIMP a second');
    this.halt();
    const tick = () => {
      const pascals = this.options.pressures[this.state.sent];
      if (pascals === undefined) {
        this.halt();
        this.update('done', `sent all ${this.state.total}`);
        return;
      }
      const result = this.options.send(`simp-${++this.seq}`, { name: 'SIMP', pascals });
      if ('code' in result) {
        this.halt();
        this.update('paused', `paused: ${result.message}`);
        return;
      }
      this.state.sent++;
      this.update('playing', `${this.state.sent} of ${this.state.total}`);
    };
    tick();
    if (this.state.state === 'playing') {
      this.timer = setInterval(tick, this.options.periodMs ?? 1000);
      this.timer.unref();
    }
  }

  private halt(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private update(state: SimPlayerStatus['state'], detail: string): void {
    this.state = { ...this.state, state, detail };
    this.options.onStatus(this.status);
  }
}
