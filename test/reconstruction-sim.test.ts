import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveScenario, teamLog, type TeamLog, type TeamLogDefects } from '@cansat/firmware-sim';
import { analyzeFlight, loadFlight, type FlightAnalysis } from '@cansat/ground';
import { describe, expect, it } from 'vitest';
import { writeTeamLog } from './support/team-log-files.ts';

/**
 * The defects of real teams' logs, made on purpose by the simulator (seeded), written as another team's AAS log and
 * as a kit recording, at 1 Hz and 10 Hz: every figure of the report within the bounds of the physics' truth, and
 * each defect named. The truth is the simulator's own world (its heights, its ignition, its touchdown), never a
 * figure of the kit.
 */
const TEAM = 1234;
const scenario = resolveScenario({ padWait: 30, seed: 11 });
const ELEVATION = scenario.launchSite.elevation;
const dir = mkdtempSync(join(tmpdir(), 'cansat-team-logs-'));

type Kind = FlightAnalysis['findings'][number]['kind'];
const CASES: [string, Omit<TeamLogDefects, 'hz'>, Kind[]][] = [
  ['an ALTITUDE never zeroed (the site\'s elevation)', { altitudeOffset: ELEVATION }, ['unzeroed-altitude']],
  ['an ALTITUDE zeroed wrong (−183 m)', { altitudeOffset: -183 }, ['unzeroed-altitude']],
  ['a CAL on the pad, mid-log', { altitudeOffset: 300, calAt: 8 }, ['calibration']],
  ['power cycles, on the pad and in the descent, the mission time reset', { powerCycles: [12, 75] }, ['power-cycle']],
  ['the packet count restarting', { countRestarts: [10, 50] }, ['power-cycle']],
  ['pressure glitches of up to ±5 kPa on the pad', { padGlitches: 0.15 }, ['spike']],
  ['the log cut during the ascent', { cut: 'ascent' }, ['truncated']],
  ['the log cut during the descent', { cut: 'descent' }, ['truncated']],
  ['the team\'s state machine stuck on the pad', { stuckState: true }, ['stuck-state']],
  ['all of them at once', { altitudeOffset: ELEVATION, calAt: 8, powerCycles: [14, 80], countRestarts: [20], padGlitches: 0.1, stuckState: true }, ['calibration', 'power-cycle', 'spike', 'stuck-state']],
];

/** The analysis's time (s since its launch) of a moment of the physics (s after power-on), through the rows. */
function analysisTime(log: TeamLog, a: FlightAnalysis, at: number): number {
  let i = 0;
  while (i + 1 < log.rows.length && log.rows[i + 1]!.at <= at) i++;
  return a.times[i]! + (at - log.rows[i]!.at);
}

describe('reconstruction of logs with the defects of real ones, against the simulator\'s physics', () => {
  for (const hz of [1, 10]) {
    it.each(CASES)(`${hz} Hz, %s: apogee within 3 % or 10 m, liftoff within 2 s, landing within 3 s, the defect named`, async (name, defects, kinds) => {
      const log = teamLog(scenario, { ...defects, hz, seed: 7 + hz });
      const files = writeTeamLog(log, TEAM, dir, `${name.replace(/\W+/g, '-')}-${hz}hz`);
      for (const [format, path] of Object.entries(files)) {
        const flight = await loadFlight(path);
        expect(flight.rows.length, format).toBe(log.rows.length);
        const a = analyzeFlight(flight);
        const what = `${format}: ${a.findings.map((f) => f.detail).join('; ')}`;
        expect(a.heightSource, what).toBe('pressure');
        expect(Math.abs(analysisTime(log, a, log.truth.liftoff)), what).toBeLessThanOrEqual(2);
        if (defects.cut === 'ascent') {
          // It ends climbing: no apogee and no landing claimed, and where it ended said.
          expect(a.apogee, what).toBeNull();
          expect(a.landing, what).toBeNull();
          expect(a.findings.find((f) => f.kind === 'truncated')?.detail, what).toMatch(/climbing at \d+ m\/s/);
        } else {
          expect(a.apogee, what).not.toBeNull();
          expect(Math.abs(a.apogee!.altitude - log.truth.apogee), what).toBeLessThanOrEqual(Math.max(10, 0.03 * log.truth.apogee));
          expect(a.apogee!.source).toBe('pressure');
        }
        if (log.truth.landing === null) expect(a.landing, what).toBeNull();
        else expect(Math.abs(a.landing!.at - analysisTime(log, a, log.truth.landing)), what).toBeLessThanOrEqual(3);
        for (const kind of kinds) expect(a.findings.map((f) => f.kind), `${what} names ${kind}`).toContain(kind);
        if (!defects.powerCycles && !defects.countRestarts) expect(a.findings.map((f) => f.kind), what).not.toContain('power-cycle');
        if (!defects.padGlitches) expect(a.findings.map((f) => f.kind), what).not.toContain('spike');
        if (defects.altitudeOffset === undefined) expect(a.findings.map((f) => f.kind), what).not.toContain('unzeroed-altitude');
        if (defects.calAt === undefined) expect(a.findings.map((f) => f.kind), what).not.toContain('calibration');
        if (!defects.cut) expect(a.findings.map((f) => f.kind), what).not.toContain('truncated');
      }
    }, 30_000);
  }
});
