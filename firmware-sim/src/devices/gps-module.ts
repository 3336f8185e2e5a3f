/** What a GPS receiver knows now. */
export interface GpsInput {
  fix: boolean;
  utc: Date;
  latitude: number;
  longitude: number;
  /** m above mean sea level */
  altitude: number;
  satellites: number;
  /** m/s */
  groundSpeed: number;
  /** degrees from north */
  course: number;
}

/** The NMEA 0183 checksum: XOR of the characters between `$` and `*`, two upper-case hex digits. */
export function nmeaChecksum(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum ^= body.charCodeAt(i);
  return sum.toString(16).toUpperCase().padStart(2, '0');
}

/** A whole sentence from its body (without `$` and `*hh`), ended by CR LF. */
export function nmeaSentence(body: string): string {
  return `$${body}*${nmeaChecksum(body)}\r\n`;
}

const two = (n: number) => String(n).padStart(2, '0');

function hhmmss(utc: Date): string {
  return `${two(utc.getUTCHours())}${two(utc.getUTCMinutes())}${two(utc.getUTCSeconds())}.${two(Math.floor(utc.getUTCMilliseconds() / 10))}`;
}

/** ddmm.mmmmm,N or dddmm.mmmmm,E */
function angle(value: number, degreeDigits: number, positive: string, negative: string): string {
  const abs = Math.abs(value);
  const degrees = Math.floor(abs);
  const minutes = (abs - degrees) * 60;
  return `${String(degrees).padStart(degreeDigits, '0')}${minutes.toFixed(5).padStart(8, '0')},${value < 0 ? negative : positive}`;
}

/** $xxGGA: time, position, fix quality, satellites, HDOP, altitude. */
export function ggaSentence(talker: string, g: GpsInput): string {
  const position = g.fix ? `${angle(g.latitude, 2, 'N', 'S')},${angle(g.longitude, 3, 'E', 'W')}` : ',,,';
  const fix = g.fix ? 1 : 0;
  const altitude = g.fix ? `${g.altitude.toFixed(1)},M,-33.0,M` : ',M,,M';
  return nmeaSentence(`${talker}GGA,${hhmmss(g.utc)},${position},${fix},${two(g.fix ? g.satellites : 0)},${g.fix ? '0.9' : ''},${altitude},,`);
}

/** $xxRMC: time, status, position, speed (knots), course, date. */
export function rmcSentence(talker: string, g: GpsInput): string {
  const position = g.fix ? `${angle(g.latitude, 2, 'N', 'S')},${angle(g.longitude, 3, 'E', 'W')}` : ',,,';
  const knots = g.fix ? (g.groundSpeed / 0.514_444).toFixed(2) : '';
  const course = g.fix ? g.course.toFixed(1) : '';
  const date = `${two(g.utc.getUTCDate())}${two(g.utc.getUTCMonth() + 1)}${two(g.utc.getUTCFullYear() % 100)}`;
  return nmeaSentence(`${talker}RMC,${hhmmss(g.utc)},${g.fix ? 'A' : 'V'},${position},${knots},${course},${date},,,${g.fix ? 'A' : 'N'}`);
}

/**
 * A u-blox-like GPS module on a serial port: GGA then RMC at its update rate, talker `GN` (multi-constellation, as
 * modern modules send) or `GP`. It obeys `$PMTK220,<ms>` to change its rate, as MediaTek modules do.
 */
export class GpsModule {
  private periodMs: number;

  constructor(
    private readonly sense: () => GpsInput,
    readonly talker: 'GP' | 'GN' = 'GN',
    rateHz = 1,
  ) {
    this.periodMs = 1000 / rateHz;
  }

  /** Time between updates, ms. */
  get updatePeriodMs(): number {
    return this.periodMs;
  }

  /** The bytes of one update. */
  update(): Uint8Array {
    const input = this.sense();
    return new TextEncoder().encode(ggaSentence(this.talker, input) + rmcSentence(this.talker, input));
  }

  /** Bytes the module received: a rate command changes the update period (100 ms to 10 s). */
  receive(bytes: Uint8Array): void {
    const text = new TextDecoder().decode(bytes);
    for (const match of text.matchAll(/\$PMTK220,(\d+)\*([0-9A-F]{2})/g)) {
      if (nmeaChecksum(`PMTK220,${match[1]}`) !== match[2]) continue;
      this.periodMs = Math.max(100, Math.min(10_000, Number(match[1])));
    }
  }
}
