import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { replayTimes } from '../replay/timeline.ts';
import { columnKey } from '@cansat/protocol';
import { CsvRecordSplitter } from './csv-records.ts';
import { readState } from '@cansat/protocol';
import { readClock, readNumber } from './field-values.ts';
import { importTelemetry, type ImportedRow } from './importer.ts';

const split = (...chunks: string[]) => {
  const splitter = new CsvRecordSplitter();
  const records = chunks.flatMap((chunk) => splitter.push(chunk));
  return [...records, ...splitter.end()].map((r) => [r.line, ...r.fields]);
};

describe('CsvRecordSplitter', () => {
  it('ends records at CR, LF and CRLF, keeps a quoted line break inside its field, and drops NUL and control bytes', () => {
    expect(split('a,b\r\nc,d\re,f\ng,"h\nstill h",i\n\u0000j,k\u0007\n')).toEqual([
      [1, 'a', 'b'],
      [2, 'c', 'd'],
      [3, 'e', 'f'],
      [4, 'g', 'h\nstill h', 'i'],
      [6, 'j', 'k'],
    ]);
    // Doubled quotes, a quote inside an unquoted field, and the last record without a line break.
    expect(split('"say ""hi""",x"y,"a,b"')).toEqual([[1, 'say "hi"', 'x"y', 'a,b']]);
  });

  it('gives the same records whatever the chunks (a quote or a CR at a chunk edge included)', () => {
    const text = 'TEAM,"q ""x"" y",3\r\n1093,"CMD,1093,CX,ON",4\r\n\r\n,,,\n"a\r\nb",c';
    const whole = split(text);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: text.length }), { maxLength: 8 }), (cuts) => {
        const at = [...new Set(cuts)].sort((a, b) => a - b);
        const chunks = [0, ...at].map((from, i) => text.slice(from, at[i] ?? text.length));
        expect(split(...chunks)).toEqual(whole);
      }),
    );
  });
});

describe('field values', () => {
  it('reads the time forms of ground stations and spreadsheets', () => {
    expect(readClock('14:05:09')).toBe(14 * 3600 + 5 * 60 + 9);
    expect(readClock('0:1:15')).toBe(75);
    expect(readClock('5:36:00 PM')).toBe(17 * 3600 + 36 * 60);
    expect(readClock('12:00:01 AM')).toBe(1);
    expect(readClock('14:18:23.5')).toBe(51_503.5);
    expect(readClock('1419')).toBe(1419);
    expect(readClock('36:01.0')).toBe('time-without-hour');
    expect(readClock('gps_time')).toBe('unreadable');
    expect(readClock('25:00:00')).toBe('unreadable');
  });

  it('reads numbers and nothing that only looks like one', () => {
    expect(readNumber(' -12.5 ')).toBe(-12.5);
    expect(readNumber('.5')).toBe(0.5);
    for (const text of ['', '0x1F', 'Infinity', '1,5', '12a', 'NaN']) expect(readNumber(text)).toBeNull();
  });

  it('maps the states of every year and numeric states, saying which', () => {
    const order = ['LAUNCH_WAIT', 'ASCENT', 'ROCKET_SEPARATION', 'DESCENT', 'TP_RELEASE', 'LANDED'];
    expect(readState('ROCKET_SEPERATION', order, 1)).toEqual({ state: 'APOGEE', alias: 'ROCKET_SEPERATION' });
    expect(readState('descent', order, 1)).toEqual({ state: 'DESCENT', alias: null });
    expect(readState('3', order, 1)).toEqual({ state: 'APOGEE', alias: '3 (ROCKET_SEPARATION)' });
    expect(readState('0', order, 0)).toEqual({ state: 'LAUNCH_PAD', alias: '0 (LAUNCH_WAIT)' });
    expect(readState('TEST', order, 1)).toBeNull();
  });

  it('knows columns by the names teams give them, with units', () => {
    expect(columnKey('teamID')).toEqual({ key: 'teamId', unit: null });
    expect(columnKey('pressure_hpa')).toEqual({ key: 'pressure', unit: 'hpa' });
    expect(columnKey('GPS_Latitude')).toEqual({ key: 'latitude', unit: null });
    expect(columnKey('gps_sats')).toEqual({ key: 'gpsSats', unit: null });
    expect(columnKey('LAST_CMD')).toEqual({ key: 'cmdEcho', unit: null });
    expect(columnKey('Temperature [C]')).toEqual({ key: 'temperature', unit: 'c' });
    expect(columnKey('power_w')).toEqual({ key: null, unit: null });
  });
});

describe('replayTimes', () => {
  it('follows MISSION_TIME, and the usual step where it sticks, goes back or jumps', () => {
    expect(replayTimes([10, 11, 12, 13]).times).toEqual([0, 1000, 2000, 3000]);
    expect(replayTimes([10, 11, 12, 13]).base).toBe('mission time');
    // ST mid-flight: 06:21 → 18:05 is not 11 hours of dead air.
    const jump = replayTimes([22_870, 22_871, 22_872, 22_873, 22_874, 65_100, 65_101]);
    expect(jump.times).toEqual([0, 1000, 2000, 3000, 4000, 5000, 6000]);
    expect(jump.base).toMatch(/^mission time \(1 steps/);
    // A clock never set: every row at 0:0:0 plays one a second, not all at once.
    const stuck = replayTimes([0, 0, 0, 0, 0]);
    expect(stuck.times).toEqual([0, 1000, 2000, 3000, 4000]);
    expect(stuck.base).toMatch(/^packet order/);
    expect(replayTimes([1, 1.5, 2, null, 3]).times).toEqual([0, 500, 1000, 1500, 2000]);
  });
});

const text = (s: string) => (async function* () {
  yield s;
})();

async function importText(s: string, options = {}): Promise<{ rows: ImportedRow[]; summary: Awaited<ReturnType<typeof importTelemetry>> }> {
  const rows: ImportedRow[] = [];
  const summary = await importTelemetry(text(s), options, (row) => rows.push(row));
  return { rows, summary };
}

describe('importTelemetry', () => {
  const header = 'TEAM_ID,MISSION_TIME,PACKET_COUNT,MODE,STATE,ALTITUDE,TEMPERATURE,PRESSURE,VOLTAGE,CURRENT,GYRO_R,GYRO_P,GYRO_Y,ACCEL_R,ACCEL_P,ACCEL_Y,GPS_TIME,GPS_ALTITUDE,GPS_LATITUDE,GPS_LONGITUDE,GPS_SATS,CMD_ECHO';
  const row = (n: number, echo = 'CXON', altitude = '12.5') => `1093,13:00:${String(n).padStart(2, '0')},${n},F,ASCENT,${altitude},24.9,99130.8,7.68,0.24,0.1,0.2,0.3,1.5,2.5,9.7,13:00:${String(n).padStart(2, '0')},800.0,34.7228,-86.639,9,${echo}`;

  it('blanks a field it cannot read or that is out of range, counts it, and keeps the row', async () => {
    const { rows, summary } = await importText([header, row(1), row(2, 'CXON', '99999'), row(3, 'CXON', 'gps_alt')].join('\n'));
    expect(rows.map((r) => r.telemetry.altitude)).toEqual([12.5, null, null]);
    expect(summary.fieldsRepaired).toEqual({ 'out-of-range': 1, unreadable: 1 });
    expect(summary.examples.map((e) => [e.line, e.reason])).toEqual([[3, 'field out-of-range'], [4, 'field unreadable']]);
    expect(summary.pressureUnit).toBe('pa');
    expect(rows[0]!.telemetry.pressure).toBeCloseTo(99.1308, 6);
  });

  it('joins an echo written with its commas, and takes the last of two fused', async () => {
    const { rows } = await importText([row(1, 'CMD,1093,CX,ON'), row(2, 'CMD,1093,SIMP,93742CMD,1093,SIMP,93799'), row(3, 'CMD,1093,MEC,RELEASE,ON')].join('\n'));
    expect(rows.map((r) => r.telemetry.cmdEcho)).toEqual(['CXON', 'SIMP', 'MECRELEASEON']);
    expect(rows.map((r) => r.telemetry.altitude)).toEqual([12.5, 12.5, 12.5]);
  });

  it("splits packets glued on one line, and leaves another team's rows out with the reason", async () => {
    const glued = `${row(1)}${row(2)}${row(3)}`.replaceAll('CXON1093', 'CXON,1093');
    const { rows, summary } = await importText([glued.replace(/,1093,13/g, ',1093,13'), row(4), row(5).replace(/^1093/, '2000')].join('\n'), { teamId: 1093 });
    expect(rows.map((r) => r.telemetry.packetCount)).toEqual([1, 2, 3, 4]);
    expect(summary.rowsDropped).toEqual({ 'other-team': 1 });
  });

  it('says why for an empty file, a binary file and invalid UTF-8, and imports nothing from them', async () => {
    expect((await importText('')).summary).toMatchObject({ rowsRead: 0, rowsImported: 0 });
    const junk = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919 + 13) % 256));
    const binary = await importTelemetry((async function* () {
      yield junk;
    })(), {}, () => {});
    expect(binary.rowsImported).toBe(0);
    expect(binary.rowsRead).toBe(Object.values(binary.rowsDropped).reduce((a, b) => a + b, 0));
    // Invalid UTF-8 inside a field: that field is unreadable, the row is kept.
    const bytes = Buffer.concat([Buffer.from(`${header}\n${row(1).replace('24.9', '')}`.replace('13:00:01,800.0', '\u0000')), Buffer.from([0xff, 0xfe]), Buffer.from(',800.0,34.7,-86.6,9,CXON\n')]);
    const utf8 = await importTelemetry((async function* () {
      yield bytes;
    })(), {}, () => {});
    expect(utf8.rowsImported).toBe(1);
  });
});
