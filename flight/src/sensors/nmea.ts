/** A position fix from GGA and RMC sentences. */
export interface GpsFix {
  /** UTC seconds of the day. */
  time: number;
  latitude: number;
  longitude: number;
  /** m above mean sea level */
  altitude: number;
  satellites: number;
}

/** The NMEA 0183 checksum of the text between `$` and `*`. */
function checksum(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum ^= body.charCodeAt(i);
  return sum;
}

/** ddmm.mmmm + N/S (or dddmm.mmmm + E/W) as signed decimal degrees. */
function degrees(value: string, hemisphere: string, degreeDigits: number): number | null {
  if (!/^\d+(\.\d+)?$/.test(value) || !/^[NSEW]$/.test(hemisphere)) return null;
  const whole = Number(value.slice(0, degreeDigits));
  const minutes = Number(value.slice(degreeDigits));
  const result = whole + minutes / 60;
  return hemisphere === 'S' || hemisphere === 'W' ? -result : result;
}

function timeOfDay(hhmmss: string): number | null {
  const match = /^(\d{2})(\d{2})(\d{2}(?:\.\d+)?)$/.exec(hhmmss);
  return match ? Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3]) : null;
}

/** A parsed sentence: a GGA fix (with or without a position), or an RMC time. */
export type NmeaSentence =
  | { type: 'GGA'; talker: string; fix: GpsFix | null; time: number | null }
  | { type: 'RMC'; talker: string; valid: boolean; time: number | null };

/**
 * Parses one NMEA sentence of any talker (`$GP`, `$GN` as multi-constellation u-blox modules send, `$GL`, `$GA`…).
 * Returns null for a bad checksum or a sentence the kit does not use. Never throws.
 */
export function parseNmea(sentence: string): NmeaSentence | null {
  const match = /^\$([A-Z]{2})(GGA|RMC),([^*]*)\*([0-9A-Fa-f]{2})\s*$/.exec(sentence.trim());
  if (!match) return null;
  const [, talker, type, fieldsText, sum] = match as unknown as [string, string, 'GGA' | 'RMC', string, string];
  if (checksum(`${talker}${type},${fieldsText}`) !== parseInt(sum, 16)) return null;
  const f = fieldsText.split(',');
  const time = timeOfDay(f[0] ?? '');
  if (type === 'RMC') return { type, talker, valid: f[1] === 'A', time };
  const latitude = degrees(f[1] ?? '', f[2] ?? '', 2);
  const longitude = degrees(f[3] ?? '', f[4] ?? '', 3);
  const quality = Number(f[5]);
  const altitude = Number(f[8]);
  const fix =
    quality > 0 && time !== null && latitude !== null && longitude !== null && f[8] !== '' && Number.isFinite(altitude)
      ? { time: Math.floor(time), latitude, longitude, altitude, satellites: Number(f[6]) || 0 }
      : null;
  return { type, talker, fix, time };
}
