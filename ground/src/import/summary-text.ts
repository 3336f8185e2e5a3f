import type { ImportedRecording } from './import-recording.ts';

const list = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([reason, n]) => `${reason} ${n}`)
    .join(', ');

/** What an import did, for the person who ran it: where it went, how the file was read, what was left out and why. */
export function formatImport({ source, csv, summary: s, flight, xbee }: ImportedRecording): string {
  const lines = [`${source} → ${csv ?? 'nothing imported'}`];
  if (xbee) {
    const kinds = Object.entries(xbee.frames).map(([kind, n]) => `${n} ${kind}`).join(', ');
    const bad = Object.entries(xbee.rejected).filter(([, n]) => n > 0).map(([reason, n]) => `${reason} ${n}`).join(', ');
    lines.push(`  XBee API capture (${xbee.form === 'hex' ? 'hex dump' : 'raw bytes'}, API mode ${xbee.escaped ? 2 : 1}): ${kinds || 'no frames'}${bad ? `; thrown away: ${bad}` : ''}; the frames' data read as telemetry`);
    if (xbee.atCommands.length > 0) lines.push(`  AT commands: ${xbee.atCommands.join(' ')}`);
  }
  lines.push(`  layout: ${s.profile.id} (${s.profile.how})`);
  const units = [s.pressureUnit ? `pressure in ${{ pa: 'Pa', hpa: 'hPa', kpa: 'kPa' }[s.pressureUnit]}` : null, s.magneticUnit === 'uT' ? 'magnetic field in µT' : null].filter(Boolean);
  lines.push(`  team ${s.teamId ?? '?'}${units.length > 0 ? ` · ${units.join(' · ')}` : ''} · replay time: ${s.timeBase}`);
  lines.push(`  rows: ${s.rowsRead} read, ${s.rowsImported} imported`);
  if (Object.keys(s.rowsDropped).length > 0) lines.push(`  left out: ${list(s.rowsDropped)}`);
  if (s.rowsDropped['no-team-id-column']) lines.push('  the file has no TEAM_ID column: say whose it is with --team N (the team number)');
  if (Object.keys(s.fieldsRepaired).length > 0) lines.push(`  fields blanked (row kept): ${list(s.fieldsRepaired)}`);
  const aliases = Object.entries(s.stateAliases);
  if (aliases.length > 0) lines.push(`  states read as: ${aliases.map(([from, to]) => `${from} → ${to}`).join(', ')}`);
  const unknown = s.columns.filter((c) => c.key === null).map((c) => c.name);
  if (unknown.length > 0) lines.push(`  kept as extra data: ${unknown.join(', ')}`);
  for (const e of s.examples.slice(0, 8)) lines.push(`  e.g. line ${e.line}, ${e.reason}: ${e.text.slice(0, 100)}`);
  if (flight) {
    const said = flight.apogee ? `apogee ${flight.apogee.height.toFixed(1)} m above the pad at ${flight.apogee.at}` : 'no apogee';
    lines.push(flight.heightSource ? `  flight (from ${flight.heightSource === 'altitude' ? 'the ALTITUDE column' : flight.heightSource}): liftoff ${flight.liftoff ?? 'not in the file'}, ${said}, landing ${flight.landing ?? 'not in the file'}${flight.segments > 1 ? `; ${flight.segments} parts between power cycles` : ''}` : '  flight: no pressure, altitude or GPS altitude to tell it by');
    for (const finding of flight.findings.slice(0, 8)) lines.push(`  found: ${finding}`);
    if (flight.findings.length > 8) lines.push(`  found: ${flight.findings.length - 8} more (cansat-ground report lists them all)`);
  }
  return `${lines.join('\n')}\n`;
}
