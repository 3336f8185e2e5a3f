import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { commandArguments, commandFromArguments, type Command } from '../commands.ts';
import { encodeBody, encodeFrame } from '../frame.ts';
import { SIGNATURE_SIZE } from '../messages/command.ts';
import type { SignedCommand } from '../messages/index.ts';

/** Bytes of a command key (HMAC-SHA256 key). */
export const KEY_SIZE = 32;

/** A new random key, as 64 hex digits; provision it to the CanSat over USB or a file, never by radio. */
export function generateKeyHex(): string {
  return randomBytes(KEY_SIZE).toString('hex');
}

/** Parses a key written as 64 hex digits (surrounding white space allowed). */
export function parseKey(text: string): Uint8Array {
  const hex = text.trim();
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) {
    throw new TypeError(`a command key must be ${KEY_SIZE * 2} hex digits (${KEY_SIZE} bytes); got ${hex.length} characters`);
  }
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

/** Reads a key file holding 64 hex digits; a missing or wrong file gets an error that says how to make one. */
export async function readKeyFile(path: string): Promise<Uint8Array> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`cannot read the command key ${path}: ${code === 'ENOENT' ? 'there is no such file' : (code ?? String(error))}; make one with cansat-ground keygen --out ${path} and copy it to the CanSat`);
  }
  try {
    return parseKey(text);
  } catch (error) {
    throw new TypeError(`${path}: ${(error as Error).message}; make a new one with cansat-ground keygen`);
  }
}

function signatureOf(message: UnsignedCommand, key: Uint8Array): Uint8Array {
  const body = encodeBody({ ...message, signature: new Uint8Array(SIGNATURE_SIZE) });
  const tag = createHmac('sha256', key).update(body.subarray(0, body.length - SIGNATURE_SIZE)).digest();
  return Uint8Array.from(tag.subarray(0, SIGNATURE_SIZE));
}

/** Where a signed command comes from and goes to. */
export interface CommandEnvelope {
  /** Team id of the CanSat that must obey. */
  teamId: number;
  /** Strictly increasing for this key. */
  counter: number;
  /** Command frames sent so far, modulo 65536. */
  packetCount: number;
  /** Sender's mission time, ms. */
  missionTime: number;
}

/** A command frame's fields before signing. */
export type UnsignedCommand = Omit<SignedCommand, 'signature'>;

/** Signs a command with `key` (32 bytes). */
export function signCommand(command: Command, envelope: CommandEnvelope, key: Uint8Array): SignedCommand {
  return signFields({ type: 'command', ...envelope, command: command.name, ...commandArguments(command) }, key);
}

/** Signs raw command-frame fields; `signCommand` is the usual way in. */
export function signFields(unsigned: UnsignedCommand, key: Uint8Array): SignedCommand {
  checkKey(key);
  return { ...unsigned, signature: signatureOf(unsigned, key) };
}

/** Signs a command and encodes it as a frame ready to write to the radio. */
export function signedCommandFrame(command: Command, envelope: CommandEnvelope, key: Uint8Array): Uint8Array {
  return encodeFrame(signCommand(command, envelope, key));
}

/** Why a command frame was not obeyed. */
export type VerifyError = 'wrong-team' | 'bad-signature' | 'replayed' | 'invalid';

/** Every verify error, for counters. */
export const VERIFY_ERRORS: readonly VerifyError[] = ['wrong-team', 'bad-signature', 'replayed', 'invalid'];

export type VerifyResult =
  | { readonly ok: true; readonly command: Command; readonly counter: number }
  | { readonly ok: false; readonly reason: VerifyError };

/** Options of CommandVerifier. */
export interface CommandVerifierOptions {
  /** The 32-byte key shared with this CanSat's own ground station. */
  key: Uint8Array;
  /** This CanSat's team id. */
  teamId: number;
  /** Counter of the last command accepted (persisted across resets); default 0. */
  lastCounter?: number;
}

/**
 * Obeys only its own ground station: a command must carry this team's id, a valid signature under this key, and a
 * counter above the last accepted one. Counts each rejection by reason.
 */
export class CommandVerifier {
  readonly rejected: Record<VerifyError, number> = { 'wrong-team': 0, 'bad-signature': 0, replayed: 0, invalid: 0 };
  private readonly key: Uint8Array;
  private readonly teamId: number;
  private counter: number;

  constructor(options: CommandVerifierOptions) {
    checkKey(options.key);
    this.key = options.key;
    this.teamId = options.teamId;
    this.counter = options.lastCounter ?? 0;
  }

  /** Counter of the last accepted command; persist it so a reset cannot reopen old counters. */
  get lastCounter(): number {
    return this.counter;
  }

  /** Checks one decoded command frame; on success the counter moves past it. */
  verify(message: SignedCommand): VerifyResult {
    const reason = this.check(message);
    if (reason !== null) {
      this.rejected[reason]++;
      return { ok: false, reason };
    }
    this.counter = message.counter;
    const command = commandFromArguments(message.command, message.arg, message.value);
    if (command === null) {
      // Authentic but meaningless: the counter is spent all the same, so the frame cannot be replayed.
      this.rejected.invalid++;
      return { ok: false, reason: 'invalid' };
    }
    return { ok: true, command, counter: message.counter };
  }

  private check(message: SignedCommand): VerifyError | null {
    if (message.teamId !== this.teamId) return 'wrong-team';
    const expected = signatureOf(message, this.key);
    if (message.signature.length !== SIGNATURE_SIZE || !timingSafeEqual(expected, message.signature)) return 'bad-signature';
    if (message.counter <= this.counter) return 'replayed';
    return null;
  }
}

function checkKey(key: Uint8Array): void {
  if (!(key instanceof Uint8Array) || key.length !== KEY_SIZE) {
    throw new TypeError(`"key" must be ${KEY_SIZE} bytes`);
  }
}
