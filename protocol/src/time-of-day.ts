const pad = (n: number) => String(n).padStart(2, '0');

/** hh:mm:ss of a time of day in seconds (taken modulo one day). */
export function formatHms(seconds: number): string {
  const s = ((Math.floor(seconds) % 86_400) + 86_400) % 86_400;
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}

/** Seconds of the day of `hh:mm:ss` or `hh:mm:ss.fff`; null when it is not a valid time of day. */
export function parseHms(text: string): number | null {
  const match = /^(\d{1,2}):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(text.trim());
  if (!match) return null;
  const [h, m, s] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return h < 24 && m < 60 && s < 60 ? h * 3600 + m * 60 + s : null;
}
