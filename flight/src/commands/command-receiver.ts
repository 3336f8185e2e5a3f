import type { Writable } from 'node:stream';
import { type AasCommandLine, type AasLineError, type Command, type Message, type SignedCommand } from '@cansat/protocol';
import { CommandVerifier, FrameDecoderStream, aasCommandDecoder, type VerifyError } from '@cansat/protocol/node';

/** A command that passed every check. */
export interface ReceivedCommand {
  command: Command;
  /** The signed frame's counter (binary format), null for an AAS line. */
  counter: number | null;
}

/** Why a command was not obeyed, with the frame when there is one to answer. */
export interface RejectedCommand {
  reason: VerifyError | AasLineError;
  frame: SignedCommand | null;
}

/** Options of CommandReceiver. */
export interface CommandReceiverOptions {
  format: 'binary' | 'aas';
  teamId: number;
  /** The 32-byte command key (binary format). */
  key: Uint8Array;
  /** The counter of the last command obeyed, from persisted state. */
  lastCounter: number;
  onCommand(received: ReceivedCommand): void;
  onReject(rejected: RejectedCommand): void;
}

/**
 * Bytes from the radio in, commands out: binary frames through the frame decoder (this team only) and the
 * signature and replay checks; AAS lines through the line decoder. Rejections are reported, never thrown.
 */
export class CommandReceiver {
  readonly input: Writable;
  private readonly verifier: CommandVerifier;

  constructor(options: CommandReceiverOptions) {
    this.verifier = new CommandVerifier({ key: options.key, teamId: options.teamId, lastCounter: options.lastCounter });
    if (options.format === 'binary') {
      const decoder = new FrameDecoderStream({ teamId: options.teamId });
      // Another team's frames on the shared band are refused and counted like any other rejected command.
      decoder.on('reject', ({ reason }: { reason: string }) => {
        if (reason === 'wrong-team') options.onReject({ reason: 'wrong-team', frame: null });
      });
      decoder.on('data', (message: Message) => {
        if (message.type !== 'command') return;
        const result = this.verifier.verify(message);
        if (result.ok) options.onCommand({ command: result.command, counter: result.counter });
        else options.onReject({ reason: result.reason, frame: message });
      });
      this.input = decoder;
    } else {
      const decoder = aasCommandDecoder({ teamId: options.teamId });
      decoder.on('data', (line: AasCommandLine) => options.onCommand({ command: line.command, counter: null }));
      decoder.on('reject', ({ reason }: { reason: RejectedCommand['reason'] }) => options.onReject({ reason, frame: null }));
      this.input = decoder;
    }
  }

  /** The counter of the last command obeyed, to persist. */
  get lastCounter(): number {
    return this.verifier.lastCounter;
  }

  feed(bytes: Uint8Array): void {
    this.input.write(bytes);
  }
}
