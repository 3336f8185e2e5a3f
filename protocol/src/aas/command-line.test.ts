import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Command } from '../commands.ts';
import { formatCommandLine, parseCommandLine } from './command-line.ts';
import { parseSimPressureFile, simPressureProfile } from './sim-pressure-file.ts';

const arbitraryCommand: fc.Arbitrary<Command> = fc.oneof(
  fc.boolean().map((on) => ({ name: 'CX', on }) as const),
  fc.oneof(fc.integer({ min: 0, max: 86_399 }), fc.constant('GPS' as const)).map((time) => ({ name: 'ST', time }) as const),
  fc.constantFrom('ENABLE', 'ACTIVATE', 'DISABLE').map((action) => ({ name: 'SIM', action }) as Command),
  fc.integer({ min: 0, max: 200_000 }).map((pascals) => ({ name: 'SIMP', pascals }) as const),
  fc.constant({ name: 'CAL' } as const),
  fc.record({ device: fc.constantFrom('RELEASE', 'PARACHUTE', 'BEACON', 'CAMERA'), on: fc.boolean() }).map((c) => ({ name: 'MEC', ...c }) as Command),
  fc.boolean().map((on) => ({ name: 'BCN', on }) as const),
  fc.integer({ min: 1, max: 10 }).map((hz) => ({ name: 'RATE', hz }) as const),
);

describe('AAS command lines', () => {
  it('writes the guide form', () => {
    expect(formatCommandLine(1000, { name: 'CX', on: true })).toBe('CMD,1000,CX,ON\r');
    expect(formatCommandLine(1000, { name: 'ST', time: 13 * 3600 + 35 * 60 + 59 })).toBe('CMD,1000,ST,13:35:59\r');
    expect(formatCommandLine(1000, { name: 'SIMP', pascals: 101_325 })).toBe('CMD,1000,SIMP,101325\r');
    expect(formatCommandLine(1000, { name: 'MEC', device: 'RELEASE', on: true })).toBe('CMD,1000,MEC,RELEASE,ON\r');
  });

  it('round-trips every command', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), arbitraryCommand, (teamId, command) => {
        expect(parseCommandLine(formatCommandLine(teamId, command))).toEqual({ ok: true, value: { teamId, command } });
      }),
    );
  });

  it('tolerates case, spaces and line endings', () => {
    expect(parseCommandLine(' cmd , 1000 , cx , on \r\n')).toEqual({ ok: true, value: { teamId: 1000, command: { name: 'CX', on: true } } });
  });

  it('rejects malformed, out-of-range and other teams\u2019 commands with the reason', () => {
    expect(parseCommandLine('CMD,1000,CX,ON', { teamId: 2000 })).toMatchObject({ ok: false, reason: 'wrong-team' });
    expect(parseCommandLine('CMD,1000')).toMatchObject({ ok: false, reason: 'bad-field-count' });
    expect(parseCommandLine('HELLO,1000,CX,ON')).toMatchObject({ ok: false, reason: 'bad-field-count' });
    expect(parseCommandLine('CMD,abc,CX,ON')).toMatchObject({ ok: false, reason: 'bad-value' });
    expect(parseCommandLine('CMD,1000,CX,MAYBE')).toMatchObject({ ok: false, reason: 'bad-value' });
    expect(parseCommandLine('CMD,1000,CX,ON,OFF')).toMatchObject({ ok: false, reason: 'bad-value' });
    expect(parseCommandLine('CMD,1000,LAUNCH')).toMatchObject({ ok: false, reason: 'bad-value' });
    expect(parseCommandLine('CMD,1000,ST,24:00:00')).toMatchObject({ ok: false, reason: 'bad-value' });
    expect(parseCommandLine('CMD,1000,SIMP,-5')).toMatchObject({ ok: false, reason: 'bad-value' });
    expect(parseCommandLine('CMD,1000,SIMP,900000')).toMatchObject({ ok: false, reason: 'out-of-range' });
    expect(parseCommandLine('CMD,1000,RATE,50')).toMatchObject({ ok: false, reason: 'out-of-range' });
  });
});

describe("judges' simulated-pressure file", () => {
  it('reads pressures in order, skipping comments and blank lines', () => {
    const file = '# Simulated pressure profile\r\n\r\nCMD,$,SIMP,101325\r\nCMD,$,SIMP,101300 # first drop\nCMD, $ , SIMP , 101250\n\n';
    expect(parseSimPressureFile(file)).toEqual({ pascals: [101_325, 101_300, 101_250], lines: [3, 4, 5], errors: [] });
  });

  it('implies the altitude profile by the standard atmosphere, from the first pressure', () => {
    // ISA: 89,874.6 Pa is 1000 m above 101,325 Pa.
    const profile = simPressureProfile([101_325, 95_000, 89_874.6]);
    expect(profile[0]).toBe(0);
    expect(profile[2]).toBeCloseTo(1000, 0);
    expect(simPressureProfile([])).toEqual([]);
  });

  it('names each bad line and keeps the good ones', () => {
    const result = parseSimPressureFile('CMD,$,SIMP,101325\nCMD,$,SIMP,abc\nCMD,$,CX,ON\nCMD,1000,SIMP,99000\n');
    expect(result.pascals).toEqual([101_325, 99_000]);
    expect(result.errors.map((e) => e.line)).toEqual([2, 3]);
    expect(result.errors[0]!.reason).toMatch(/pressure "abc"/);
  });
});
