import type { Telemetry } from '@cansat/protocol';
import type { FlightAnalysis, FlightRecord } from './flight-analysis.ts';
import { lineChart, thinPoints, type ChartBand, type ChartSeries } from './svg-chart.ts';

/** Colours of the flights overlaid (and of the three axes of one flight): dark, distinct, printable. */
const PALETTE = ['#0047ab', '#c03000', '#007a3d', '#7a00a8', '#8a6d00', '#00727a'];
const STATE_COLOURS: Record<string, string> = { ASCENT: '#fde4cf', APOGEE: '#ffd6a5', DESCENT: '#e2ece9', PROBE_RELEASE: '#cde7f0', PAYLOAD_RELEASE: '#dcd3f0', LANDED: '#e8e8e8' };
const G = 9.806_65;

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
const n = (value: number | null | undefined, digits = 1) => (value === null || value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits));
const verdict = (ok: boolean | null) => (ok === null ? '' : ok ? ' <span class="ok">✓ within</span>' : ' <span class="bad">✗ outside</span>');

/** A flight and its figures, as the page draws them. */
interface Shown {
  flight: FlightRecord;
  analysis: FlightAnalysis;
  colour: string;
}

/**
 * The Post-Flight Review page: one self-contained HTML file (inline CSS and SVG, nothing fetched, prints on A4),
 * with the summary table, what went wrong, the plots, and the commands; several flights are compared side by side
 * and overlaid on the plots, each against its own launch.
 */
export function reportPage(flights: FlightRecord[], analyses: FlightAnalysis[], generatedAt = new Date()): string {
  const shown: Shown[] = flights.map((flight, i) => ({ flight, analysis: analyses[i]!, colour: PALETTE[i % PALETTE.length]! }));
  const title = shown.length === 1 ? `Post-flight report: team ${shown[0]!.analysis.teamId}, ${shown[0]!.analysis.name}` : `Post-flight report: ${shown.map((s) => `team ${s.analysis.teamId} (${s.analysis.name})`).join(', ')}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>${CSS}</style>
</head>
<body>
<h1>${escape(title)}</h1>
<p class="meta">Made by the CanSat kit's <code>cansat-ground report</code> on ${generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC. Times are seconds after launch. Limits: ${[...new Set(shown.map((s) => s.analysis.limits.source))].map(escape).join('; ')}.</p>
${summaryTable(shown)}
${anomalySection(shown)}
<h2>Plots</h2>
<div class="plots">
${plots(shown).map((svg) => `<figure>${svg}</figure>`).join('\n')}
</div>
${commandSection(shown)}
</body>
</html>
`;
}

function summaryTable(shown: Shown[]): string {
  const row = (label: string, cell: (s: Shown) => string) => `<tr><th>${label}</th>${shown.map((s) => `<td>${cell(s)}</td>`).join('')}</tr>`;
  const phases = Math.max(0, ...shown.map((s) => s.analysis.descent.length));
  const descentRows = Array.from({ length: phases }, (_, k) =>
    row(`Descent rate ${k + 1}`, ({ analysis: a }) => {
      const p = a.descent[k];
      if (!p) return '—';
      const limit = p.limit ? ` (limit ${p.limit.min}–${p.limit.max})` : '';
      return `${escape(p.name)}: <b>${n(p.meanRate)} m/s</b> ± ${n(p.spread)} (${n(p.minRate)}–${n(p.maxRate)})${limit}${verdict(p.withinLimit)}`;
    }),
  );
  return `<h2>Summary</h2>
<table class="summary">
<thead><tr><th></th>${shown.map((s) => `<th style="color:${s.colour}">${escape(s.analysis.name)}</th>`).join('')}</tr></thead>
<tbody>
${row('Team', ({ analysis: a }) => String(a.teamId))}
${row('Date', ({ analysis: a }) => a.date ?? '—')}
${row('Duration', ({ analysis: a }) => `${n(a.duration, 0)} s`)}
${row('Time base', ({ analysis: a }) => escape(a.timeBase))}
${row('Apogee', ({ analysis: a }) => (a.apogee ? `<b>${n(a.apogee.altitude)} m</b> at ${n(a.apogee.at)} s` : '—'))}
${row('Ascent speed', ({ analysis: a }) => (a.ascentSpeed ? `${n(a.ascentSpeed.mean)} m/s mean, ${n(a.ascentSpeed.max)} m/s most` : '—'))}
${descentRows.join('\n')}
${row('Release', ({ analysis: a }) => (a.release ? `${n(a.release.altitude)} m at ${n(a.release.at)} s = ${n(a.release.fraction * 100)} % of the peak${a.release.rule ? ` (rule ${n(a.release.rule.fraction * 100, 0)} ± ${n(a.release.rule.tolerance * 100, 0)} %)` : ''}${verdict(a.release.withinRule)}` : 'no release state'))}
${row('Landing', ({ analysis: a }) => (a.landing ? `at ${n(a.landing.at)} s, <b>${n(a.landing.speed)} m/s</b>${verdict(a.landing.withinLimit)}` : '—'))}
${row('Landing point', ({ analysis: a }) => (a.drift ? `<b>${n(a.drift.distance, 0)} m</b> at ${n(a.drift.bearing, 0)}° from the first fix` : 'no GPS fix'))}
${row('Peak acceleration', ({ analysis: a }) => (a.peakAcceleration === null ? '—' : `${n(a.peakAcceleration)} g`))}
${row('Packets', ({ analysis: a }) => `${a.packets.received} received, <b>${a.packets.lost} lost</b>, counts ${a.packets.first ?? '—'}–${a.packets.last ?? '—'}`)}
${row('Commands', ({ analysis: a }) => `${a.commands.length}`)}
${row('States', ({ analysis: a }) => a.states.map((st) => `${st.state} ${n(st.at, 0)} s`).join(', ') || '—')}
</tbody>
</table>`;
}

function anomalySection(shown: Shown[]): string {
  const items = shown.flatMap((s) => s.analysis.anomalies.map((a) => `<li><b style="color:${s.colour}">${escape(s.analysis.name)}</b> — ${a.kind}${a.at === null ? '' : ` at ${n(a.at)} s`}: ${escape(a.detail)}</li>`));
  const shownItems = items.slice(0, 60);
  return `<h2>What the data shows went wrong</h2>
${items.length === 0 ? '<p>Nothing: no spike, reset, gap, stuck state, missing fix or dead sensor.</p>' : `<ul class="anomalies">${shownItems.join('')}${items.length > shownItems.length ? `<li>… and ${items.length - shownItems.length} more</li>` : ''}</ul>`}`;
}

/** The series of one telemetry field of each flight, against its time since launch. */
function fieldSeries(shown: Shown[], field: keyof Telemetry, scale = 1): ChartSeries[] {
  return shown.map((s) => ({
    label: s.analysis.name,
    color: s.colour,
    points: thinPoints(s.flight.rows.map((r, i) => [s.analysis.times[i]!, (r.data[field] as number | null) === null ? null : (r.data[field] as number) * scale] as const)),
  }));
}

/** The three axes of one flight, or (several flights) each flight's magnitude. */
function axesSeries(shown: Shown[], fields: [keyof Telemetry, keyof Telemetry, keyof Telemetry], names: [string, string, string], magnitudeScale = 1): ChartSeries[] {
  if (shown.length === 1) {
    const s = shown[0]!;
    return fields.map((f, k) => ({ label: names[k]!, color: PALETTE[k]!, points: thinPoints(s.flight.rows.map((r, i) => [s.analysis.times[i]!, r.data[f] as number | null] as const)) }));
  }
  return shown.map((s) => ({
    label: `${s.analysis.name} (magnitude)`,
    color: s.colour,
    points: thinPoints(
      s.flight.rows.map((r, i) => {
        const v = fields.map((f) => r.data[f] as number | null);
        return [s.analysis.times[i]!, v.some((x) => x === null) ? null : Math.hypot(...(v as number[])) * magnitudeScale] as const;
      }),
    ),
  }));
}

/** The state bands of the first flight. */
function bands(analysis: FlightAnalysis): ChartBand[] {
  const end = analysis.times.at(-1) ?? 0;
  return analysis.states
    .filter((s) => s.state !== 'LAUNCH_PAD')
    .map((s, i, all) => ({ from: s.at, to: all[i + 1]?.at ?? end, label: s.state, color: STATE_COLOURS[s.state] ?? '#eee' }));
}

function plots(shown: Shown[]): string[] {
  const first = shown[0]!.analysis;
  const x = 's after launch';
  return [
    lineChart({ title: 'Altitude (barometric), with the mission states', xLabel: x, yLabel: 'm', series: fieldSeries(shown, 'altitude'), bands: bands(first) }),
    lineChart({ title: 'Vertical speed (slope of the last 2 s)', xLabel: x, yLabel: 'm/s', series: shown.map((s) => ({ label: s.analysis.name, color: s.colour, points: thinPoints(s.analysis.verticalSpeed.map((v, i) => [s.analysis.times[i]!, v] as const)) })), bands: bands(first) }),
    lineChart({ title: 'Pressure', xLabel: x, yLabel: 'kPa', series: fieldSeries(shown, 'pressure') }),
    lineChart({ title: 'Temperature', xLabel: x, yLabel: '°C', series: fieldSeries(shown, 'temperature') }),
    lineChart({ title: 'Battery voltage', xLabel: x, yLabel: 'V', series: fieldSeries(shown, 'voltage') }),
    lineChart({ title: 'Battery current', xLabel: x, yLabel: 'A', series: fieldSeries(shown, 'current') }),
    lineChart({ title: shown.length === 1 ? 'Acceleration' : 'Acceleration (magnitude, g)', xLabel: x, yLabel: shown.length === 1 ? 'm/s²' : 'g', series: axesSeries(shown, ['accelR', 'accelP', 'accelY'], ['roll', 'pitch', 'yaw'], 1 / G) }),
    lineChart({ title: shown.length === 1 ? 'Rotation rates' : 'Rotation rate (magnitude)', xLabel: x, yLabel: '°/s', series: axesSeries(shown, ['gyroR', 'gyroP', 'gyroY'], ['roll', 'pitch', 'yaw']) }),
    trackChart(shown),
  ];
}

/** The GPS track, in metres east and north of each flight's first fix, with the landing's distance and bearing. */
function trackChart(shown: Shown[]): string {
  const series = shown.map((s) => {
    const fixes = s.flight.rows.filter((r) => r.data.latitude !== null && r.data.longitude !== null).map((r) => r.data);
    if (fixes.length === 0) return { label: `${s.analysis.name}: no fix`, color: s.colour, points: [] };
    const origin = fixes[0]!;
    const north = 111_320;
    const east = 111_320 * Math.cos((origin.latitude! * Math.PI) / 180);
    const points = fixes.map((f) => [(f.longitude! - origin.longitude!) * east, (f.latitude! - origin.latitude!) * north] as const);
    // A track is drawn whole (its x values are not in order, so it is not thinned like a time series).
    return { label: `${s.analysis.name}: ${n(s.analysis.drift?.distance, 0)} m at ${n(s.analysis.drift?.bearing, 0)}°`, color: s.colour, points };
  });
  return lineChart({ title: 'GPS track from the first fix (the landing point at the end)', xLabel: 'm east', yLabel: 'm north', series, equalAxes: true });
}

function commandSection(shown: Shown[]): string {
  const blocks = shown
    .filter((s) => s.analysis.commands.length > 0)
    .map((s) => `<h3 style="color:${s.colour}">${escape(s.analysis.name)}</h3><table class="commands"><tr><th>at</th><th>command</th><th>what came of it</th></tr>${s.analysis.commands.map((c) => `<tr><td>${n(c.at, 0)} s</td><td>${escape(c.name)}</td><td>${escape(c.state)}</td></tr>`).join('')}</table>`);
  return blocks.length === 0 ? '' : `<h2>Commands and their echoes</h2>${blocks.join('')}`;
}

const CSS = `
@page { size: A4; margin: 12mm; }
body { font: 11pt/1.35 system-ui, "Noto Sans", "DejaVu Sans", sans-serif; color: #111; margin: 16px auto; max-width: 1100px; }
h1 { font-size: 17pt; margin: 0 0 4px; }
h2 { font-size: 13pt; margin: 18px 0 6px; border-bottom: 1px solid #999; break-after: avoid; }
h3 { font-size: 11pt; margin: 10px 0 4px; }
.meta { color: #444; font-size: 9pt; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; }
th, td { border: 1px solid #bbb; padding: 3px 6px; text-align: left; vertical-align: top; }
table.summary th:first-child { width: 9.5em; background: #f3f3f3; }
.ok { color: #0a7a2f; font-weight: 700; }
.bad { color: #c00000; font-weight: 700; }
ul.anomalies { font-size: 9.5pt; padding-left: 18px; }
.plots { display: grid; grid-template-columns: 1fr 1fr; gap: 8px; }
figure { margin: 0; break-inside: avoid; border: 1px solid #ddd; }
svg { width: 100%; height: auto; display: block; font: 11px system-ui, "DejaVu Sans", sans-serif; }
svg .title { font-weight: 700; font-size: 13px; }
svg .grid { stroke: #ddd; }
svg .frame { fill: none; stroke: #888; }
svg .axis-label, svg .legend { font-size: 11px; }
svg .band-label { font-size: 9px; fill: #555; }
svg .empty { fill: #888; }
table.commands { margin-bottom: 8px; }
@media print { body { margin: 0; max-width: none; } .plots { gap: 4px; } }
`;
