import { describe, expect, it } from 'vitest';
import { deframe } from '../frame.ts';
import type { SignedCommand } from '../messages/index.ts';
import { SAMPLE_COMMAND_UNSIGNED, SAMPLE_KEY_HEX } from '../testing/sample-messages.ts';
import { CommandVerifier, generateKeyHex, parseKey, signCommand, signFields, signedCommandFrame } from './command-signing.ts';

const key = parseKey(SAMPLE_KEY_HEX);
const envelope = { teamId: 1234, counter: 10, packetCount: 1, missionTime: 0 };

function decoded(frame: Uint8Array): SignedCommand {
  const result = deframe(frame);
  if (result.status !== 'ok' || result.message.type !== 'command') throw new Error(`not a command frame: ${result.status}`);
  return result.message;
}

describe('signed commands', () => {
  it('accepts a command from its own ground station once, through the radio frame', () => {
    const verifier = new CommandVerifier({ key, teamId: 1234 });
    const frame = signedCommandFrame({ name: 'SIMP', pascals: 101_325 }, envelope, key);
    expect(verifier.verify(decoded(frame))).toEqual({ ok: true, command: { name: 'SIMP', pascals: 101_325 }, counter: 10 });
    expect(verifier.lastCounter).toBe(10);
  });

  it('rejects a replayed or older counter, and counts it', () => {
    const verifier = new CommandVerifier({ key, teamId: 1234, lastCounter: 9 });
    const frame = signedCommandFrame({ name: 'CAL' }, envelope, key);
    expect(verifier.verify(decoded(frame)).ok).toBe(true);
    expect(verifier.verify(decoded(frame))).toEqual({ ok: false, reason: 'replayed' });
    const older = signedCommandFrame({ name: 'CAL' }, { ...envelope, counter: 5 }, key);
    expect(verifier.verify(decoded(older))).toEqual({ ok: false, reason: 'replayed' });
    expect(verifier.rejected.replayed).toBe(2);
  });

  it('rejects a tampered byte in every signed field', () => {
    const signed = signCommand({ name: 'MEC', device: 'RELEASE', on: false }, envelope, key);
    const tampered: SignedCommand[] = [
      { ...signed, arg: 1 },
      { ...signed, value: 1 },
      { ...signed, command: 'BCN' },
      { ...signed, counter: signed.counter + 1 },
      { ...signed, missionTime: 1 },
      { ...signed, packetCount: 2 },
      { ...signed, signature: signed.signature.map((b, i) => (i === 3 ? b ^ 1 : b)) },
    ];
    const verifier = new CommandVerifier({ key, teamId: 1234 });
    for (const message of tampered) expect(verifier.verify(message)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifier.rejected['bad-signature']).toBe(tampered.length);
    expect(verifier.verify(signed).ok).toBe(true);
  });

  it('rejects a command signed with another key', () => {
    const verifier = new CommandVerifier({ key, teamId: 1234 });
    const other = parseKey(generateKeyHex());
    expect(verifier.verify(signCommand({ name: 'CX', on: true }, envelope, other))).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifier.rejected['bad-signature']).toBe(1);
  });

  it("rejects another team's command, even signed with the same key", () => {
    const verifier = new CommandVerifier({ key, teamId: 1234 });
    const forOther = signCommand({ name: 'CX', on: true }, { ...envelope, teamId: 4321 }, key);
    expect(verifier.verify(forOther)).toEqual({ ok: false, reason: 'wrong-team' });
    expect(verifier.rejected['wrong-team']).toBe(1);
  });

  it('rejects an authentic frame whose arguments make no command, and spends its counter', () => {
    const verifier = new CommandVerifier({ key, teamId: 1234 });
    const meaningless = signFields({ ...SAMPLE_COMMAND_UNSIGNED, arg: 9, counter: 20 }, key);
    expect(verifier.verify(meaningless)).toEqual({ ok: false, reason: 'invalid' });
    expect(verifier.rejected.invalid).toBe(1);
    expect(verifier.lastCounter).toBe(20);
    expect(verifier.verify(signFields({ ...SAMPLE_COMMAND_UNSIGNED, counter: 20 }, key))).toEqual({ ok: false, reason: 'replayed' });
  });

  it('refuses keys of the wrong size', () => {
    expect(() => parseKey('abcd')).toThrow(/64 hex digits/);
    expect(() => new CommandVerifier({ key: new Uint8Array(16), teamId: 1 })).toThrow(/"key"/);
  });
});
