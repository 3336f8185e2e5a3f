import type { Telemetry } from '@cansat/protocol';
import type { FlightAnalysis, FlightRecord } from './flight-analysis.ts';
import { lineChart, thinPoints, type ChartBand, type ChartSeries } from './svg-chart.ts';
import { describeFinding } from './flight-analysis.ts';
import { translatorFor, type MessageKey, type Translator } from '@cansat/protocol/i18n';

/** Colours of the flights overlaid (and of the three axes of one flight): dark, distinct, printable. */
const PALETTE = ['#0047ab', '#c03000', '#007a3d', '#7a00a8', '#8a6d00', '#00727a'];
const STATE_COLOURS: Record<string, string> = { ASCENT: '#fde4cf', APOGEE: '#ffd6a5', DESCENT: '#e2ece9', PROBE_RELEASE: '#cde7f0', PAYLOAD_RELEASE: '#dcd3f0', LANDED: '#e8e8e8' };
const G = 9.806_65;

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
const n = (value: number | null | undefined, digits = 1) => (value === null || value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits));
const verdict = (ok: boolean | null, w: Translator) => (ok === null ? '' : ok ? ` <span class="ok">✓ ${w.t('report.within')}</span>` : ` <span class="bad">✗ ${w.t('report.outside')}</span>`);

/** The words of each source of heights. */
const SOURCES: Record<NonNullable<FlightAnalysis['heightSource']>, MessageKey> = { pressure: 'report.sourcePressure', altitude: 'report.sourceAltitude', gps: 'report.sourceGps' };

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
export function reportPage(flights: FlightRecord[], analyses: FlightAnalysis[], generatedAt = new Date(), w: Translator = translatorFor('en')): string {
  const shown: Shown[] = flights.map((flight, i) => ({ flight, analysis: analyses[i]!, colour: PALETTE[i % PALETTE.length]! }));
  const one = (s: Shown, key: 'report.oneFlight' | 'report.flightOf') => w.t(key, { team: String(s.analysis.teamId), name: s.analysis.name });
  const title = w.t('report.title', { flights: shown.length === 1 ? one(shown[0]!, 'report.oneFlight') : shown.map((s) => one(s, 'report.flightOf')).join(', ') });
  return `<!doctype html>
<html lang="${w.code}" dir="${w.dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>${CSS}${w.language.fonts ? `body { font-family: ${w.language.fonts}; }\n` : ''}</style>
</head>
<body>
<h1>${escape(title)}</h1>
<p class="meta">${w.t('report.madeBy', { command: '<code>cansat-ground report</code>', date: generatedAt.toISOString().slice(0, 16).replace('T', ' '), limits: [...new Set(shown.map((s) => s.analysis.limits.source))].map(escape).join('; ') })}</p>
${summaryTable(shown, w)}
${findingSection(shown, w)}
${segmentSection(shown, w)}
<h2>${w.t('report.plots')}</h2>
<div class="plots">
${plots(shown, w).map((svg) => `<figure>${svg}</figure>`).join('\n')}
</div>
${commandSection(shown, w)}
</body>
</html>
`;
}

function summaryTable(shown: Shown[], w: Translator): string {
  const row = (label: MessageKey, cell: (s: Shown) => string, params = {}) => `<tr><th>${w.t(label, params)}</th>${shown.map((s) => `<td>${cell(s)}</td>`).join('')}</tr>`;
  const phases = Math.max(0, ...shown.map((s) => s.analysis.descent.length));
  const descentRows = Array.from({ length: phases }, (_, k) =>
    row('report.descentRate', ({ analysis: a }) => {
      const p = a.descent[k];
      if (!p) return '—';
      const limit = p.limit ? ` (${w.t('report.limit', { min: String(p.limit.min), max: String(p.limit.max) })})` : '';
      return `${w.t(`phase.${p.state}`)}: <b>${n(p.meanRate)} m/s</b> ± ${n(p.spread)} (${n(p.minRate)}–${n(p.maxRate)})${limit}${verdict(p.withinLimit, w)}`;
    }, { n: String(k + 1) }),
  );
  // A figure and its unit read left to right whatever the page's direction ("-19 s", never "s 19-").
  const at = (s: number | null | undefined, digits = 1) => `<bdi dir="ltr">${n(s, digits)} s</bdi>`;
  return `<h2>${w.t('report.summary')}</h2>
<table class="summary">
<thead><tr><th></th>${shown.map((s) => `<th style="color:${s.colour}">${escape(s.analysis.name)}</th>`).join('')}</tr></thead>
<tbody>
${row('report.team', ({ analysis: a }) => String(a.teamId))}
${row('report.date', ({ analysis: a }) => a.date ?? '—')}
${row('report.duration', ({ analysis: a }) => at(a.duration, 0))}
${row('report.timeBase', ({ analysis: a }) => escape(a.timeBase))}
${row('report.heightsFrom', ({ analysis: a }) => (a.heightSource ? w.t('report.heightsFromValue', { source: w.t(SOURCES[a.heightSource]) }) : '—'))}
${row('report.apogee', ({ analysis: a }) => (a.apogee ? `${w.t('report.apogeeAt', { altitude: `<b>${n(a.apogee.altitude)} m</b>`, at: at(a.apogee.at) })}${a.gpsApogee !== null && a.apogee.source !== 'gps' ? ` (${w.t('report.gpsCrossCheck', { altitude: `${n(a.gpsApogee)} m` })})` : ''}` : '—'))}
${row('report.ascentSpeed', ({ analysis: a }) => (a.ascentSpeed ? w.t('report.ascentValue', { mean: `${n(a.ascentSpeed.mean)} m/s`, max: `${n(a.ascentSpeed.max)} m/s` }) : '—'))}
${descentRows.join('\n')}
${row('report.release', ({ analysis: a }) =>
  a.release
    ? `${w.t('report.releaseValue', { altitude: `${n(a.release.altitude)} m`, at: at(a.release.at), percent: `${n(a.release.fraction * 100)} %` })}${a.release.rule ? ` (${w.t('report.releaseRule', { fraction: `${n(a.release.rule.fraction * 100, 0)}`, tolerance: `${n(a.release.rule.tolerance * 100, 0)} %` })})` : ''}${verdict(a.release.withinRule, w)}`
    : w.t('report.noRelease'),
)}
${row('report.landing', ({ analysis: a }) => (a.landing ? `${w.t('report.landingValue', { at: at(a.landing.at), speed: `<b>${n(a.landing.speed)} m/s</b>` })}${verdict(a.landing.withinLimit, w)}` : '—'))}
${row('report.landingPoint', ({ analysis: a }) => (a.drift ? w.t('report.landingPointValue', { distance: `<b>${n(a.drift.distance, 0)} m</b>`, bearing: `${n(a.drift.bearing, 0)}°` }) : w.t('report.noFix')))}
${shown.some((s) => s.analysis.signal) ? row('report.signal', ({ analysis: a }) => (a.signal ? w.t('report.signalValue', { median: `<b>${n(a.signal.median, 0)} dBm</b>`, weakest: `${n(a.signal.weakest, 0)} dBm`, at: at(a.signal.weakestAt) }) : '—')) : ''}
${row('report.peakAcceleration', ({ analysis: a }) => (a.peakAcceleration === null ? '—' : `${n(a.peakAcceleration)} g`))}
${row('report.packets', ({ analysis: a }) => w.t('report.packetsValue', { received: String(a.packets.received), lost: `<b>${a.packets.lost}</b>`, first: String(a.packets.first ?? '—'), last: String(a.packets.last ?? '—') }))}
${row('report.commands', ({ analysis: a }) => `${a.commands.length}`)}
${row('report.states', ({ analysis: a }) => a.states.map((st) => `${st.source === 'telemetry' ? st.state : w.t('report.fromPhysics', { state: st.state, source: w.t(SOURCES[st.source]) })} ${at(st.at, 0)}`).join(', ') || '—')}
</tbody>
</table>`;
}

/** The words of each kind of finding. */
const KINDS: Record<FlightAnalysis['findings'][number]['kind'], MessageKey> = {
  spike: 'anomalyKind.spike',
  reset: 'anomalyKind.reset',
  gap: 'anomalyKind.gap',
  'stuck-state': 'anomalyKind.stuckState',
  'no-gps': 'anomalyKind.noGps',
  'sensor-dropout': 'anomalyKind.sensorDropout',
  'fast-descent': 'anomalyKind.fastDescent',
  'power-cycle': 'anomalyKind.powerCycle',
  calibration: 'anomalyKind.calibration',
  'unzeroed-altitude': 'anomalyKind.unzeroedAltitude',
  truncated: 'anomalyKind.truncated',
  'altitude-without-pressure': 'anomalyKind.altitudeWithoutPressure',
};

function findingSection(shown: Shown[], w: Translator): string {
  const items = shown.flatMap((s) =>
    s.analysis.findings.map((a) => `<li><b style="color:${s.colour}">${escape(s.analysis.name)}</b> — ${w.t(KINDS[a.kind])}${a.at === null ? '' : ` ${w.t('report.at', { at: `${n(a.at)} s` })}`}: ${escape(describeFinding(a, w))}</li>`),
  );
  const shownItems = items.slice(0, 60);
  return `<h2>${w.t('report.wentWrong')}</h2>
${items.length === 0 ? `<p>${w.t('report.nothingWrong')}</p>` : `<ul class="anomalies">${shownItems.join('')}${items.length > shownItems.length ? `<li>${w.t('report.more', { count: items.length - shownItems.length })}</li>` : ''}</ul>`}`;
}

/** The parts of each log between power cycles, a line each, when a log has more than one or a climb besides the flight. */
function segmentSection(shown: Shown[], w: Translator): string {
  const items = shown.flatMap((s) => {
    const segments = s.analysis.segments;
    if (segments.length < 2 && segments.every((g) => g.holds !== 'climb')) return [];
    return segments.map((g) => {
      const holds = g.holds === 'flight' ? w.t('report.segmentFlight', { climb: `${n(g.climb, 0)} m` }) : g.holds === 'climb' ? w.t('report.segmentClimb', { climb: `${n(g.climb, 0)} m` }) : w.t('report.segmentRest');
      const begins = g.begins === 'start' ? '' : ` (${w.t(g.begins === 'packet-count' ? 'report.segmentAfterCount' : 'report.segmentAfterClock')})`;
      const line = w.t('report.segmentLine', { from: String(g.from + 1), to: String(g.to + 1), first: String(g.packets.first), last: String(g.packets.last), fromAt: `<bdi dir="ltr">${n(g.fromAt, 0)} s</bdi>`, toAt: `<bdi dir="ltr">${n(g.toAt, 0)} s</bdi>` });
      return `<li><b style="color:${s.colour}">${escape(s.analysis.name)}</b> — ${line}${begins}: ${holds}</li>`;
    });
  });
  return items.length === 0 ? '' : `<h2>${w.t('report.segments')}</h2>\n<ul class="anomalies">${items.join('')}</ul>`;
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
function axesSeries(shown: Shown[], fields: [keyof Telemetry, keyof Telemetry, keyof Telemetry], names: [string, string, string], w: Translator, magnitudeScale = 1): ChartSeries[] {
  if (shown.length === 1) {
    const s = shown[0]!;
    return fields.map((f, k) => ({ label: names[k]!, color: PALETTE[k]!, points: thinPoints(s.flight.rows.map((r, i) => [s.analysis.times[i]!, r.data[f] as number | null] as const)) }));
  }
  return shown.map((s) => ({
    label: w.t('report.magnitude', { name: s.analysis.name }),
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

function plots(shown: Shown[], w: Translator): string[] {
  const first = shown[0]!.analysis;
  const x = w.t('report.secondsAfterLaunch');
  const one = shown.length === 1;
  const axes: [string, string, string] = [w.t('series.roll'), w.t('series.pitch'), w.t('series.yaw')];
  return [
    lineChart({ title: w.t('report.plotHeight', { source: first.heightSource ? w.t(SOURCES[first.heightSource]) : '—' }), xLabel: x, yLabel: 'm', series: shown.map((s) => ({ label: s.analysis.name, color: s.colour, points: thinPoints(s.analysis.height.map((h, i) => [s.analysis.times[i]!, h] as const)) })), bands: bands(first) }),
    lineChart({ title: w.t('report.plotAltitude'), xLabel: x, yLabel: 'm', series: fieldSeries(shown, 'altitude'), bands: bands(first) }),
    lineChart({ title: w.t('report.plotVerticalSpeed'), xLabel: x, yLabel: 'm/s', series: shown.map((s) => ({ label: s.analysis.name, color: s.colour, points: thinPoints(s.analysis.verticalSpeed.map((v, i) => [s.analysis.times[i]!, v] as const)) })), bands: bands(first) }),
    lineChart({ title: w.t('report.plotPressure'), xLabel: x, yLabel: 'kPa', series: fieldSeries(shown, 'pressure') }),
    lineChart({ title: w.t('report.plotTemperature'), xLabel: x, yLabel: '°C', series: fieldSeries(shown, 'temperature') }),
    lineChart({ title: w.t('report.plotVoltage'), xLabel: x, yLabel: 'V', series: fieldSeries(shown, 'voltage') }),
    lineChart({ title: w.t('report.plotCurrent'), xLabel: x, yLabel: 'A', series: fieldSeries(shown, 'current') }),
    lineChart({ title: w.t(one ? 'report.plotAcceleration' : 'report.plotAccelerationMagnitude'), xLabel: x, yLabel: one ? 'm/s²' : 'g', series: axesSeries(shown, ['accelR', 'accelP', 'accelY'], axes, w, 1 / G) }),
    lineChart({ title: w.t(one ? 'report.plotRotation' : 'report.plotRotationMagnitude'), xLabel: x, yLabel: '°/s', series: axesSeries(shown, ['gyroR', 'gyroP', 'gyroY'], axes, w) }),
    ...(shown.some((s) => s.analysis.signal) ? [lineChart({ title: w.t('report.plotSignal'), xLabel: x, yLabel: 'dBm', series: shown.map((s) => ({ label: s.analysis.name, color: s.colour, points: thinPoints((s.flight.rssi ?? []).map((v, i) => [s.analysis.times[i]!, v] as const)) })), bands: bands(first) })] : []),
    trackChart(shown, w),
  ];
}

/** The GPS track, in metres east and north of each flight's first fix, with the landing's distance and bearing. */
function trackChart(shown: Shown[], w: Translator): string {
  const series = shown.map((s) => {
    const fixes = s.flight.rows.filter((r) => r.data.latitude !== null && r.data.longitude !== null).map((r) => r.data);
    if (fixes.length === 0) return { label: w.t('report.trackNoFix', { name: s.analysis.name }), color: s.colour, points: [] };
    const origin = fixes[0]!;
    const north = 111_320;
    const east = 111_320 * Math.cos((origin.latitude! * Math.PI) / 180);
    const points = fixes.map((f) => [(f.longitude! - origin.longitude!) * east, (f.latitude! - origin.latitude!) * north] as const);
    // A track is drawn whole (its x values are not in order, so it is not thinned like a time series).
    return { label: `${s.analysis.name}: ${n(s.analysis.drift?.distance, 0)} m at ${n(s.analysis.drift?.bearing, 0)}°`, color: s.colour, points };
  });
  return lineChart({ title: w.t('report.plotTrack'), xLabel: w.t('report.east'), yLabel: w.t('report.north'), series, equalAxes: true });
}

function commandSection(shown: Shown[], w: Translator): string {
  const head = `<tr><th>${w.t('report.commandAt')}</th><th>${w.t('report.command')}</th><th>${w.t('report.commandOutcome')}</th></tr>`;
  const blocks = shown
    .filter((s) => s.analysis.commands.length > 0)
    .map((s) => `<h3 style="color:${s.colour}">${escape(s.analysis.name)}</h3><table class="commands">${head}${s.analysis.commands.map((c) => `<tr><td>${n(c.at, 0)} s</td><td>${escape(c.name)}</td><td>${escape(c.state)}</td></tr>`).join('')}</table>`);
  return blocks.length === 0 ? '' : `<h2>${w.t('report.commandsSection')}</h2>${blocks.join('')}`;
}

const CSS = `
@page { size: A4; margin: 12mm; }
body { font: 11pt/1.35 system-ui, "Noto Sans", "DejaVu Sans", sans-serif; color: #111; margin: 16px auto; max-width: 1100px; }
/* Right to left, the plots keep their axes left to right; the tables' cells follow the page's direction. */
svg { direction: ltr; }
td b, td bdi { direction: ltr; unicode-bidi: isolate; }
th, td { text-align: start; }
h1 { font-size: 17pt; margin: 0 0 4px; }
h2 { font-size: 13pt; margin: 18px 0 6px; border-bottom: 1px solid #999; break-after: avoid; }
h3 { font-size: 11pt; margin: 10px 0 4px; }
.meta { color: #444; font-size: 9pt; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; }
th, td { border: 1px solid #bbb; padding: 3px 6px; vertical-align: top; }
table.summary th:first-child { width: 9.5em; background: #f3f3f3; }
.ok { color: #0a7a2f; font-weight: 700; }
.bad { color: #c00000; font-weight: 700; }
ul.anomalies { font-size: 9.5pt; padding-inline-start: 18px; }
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
