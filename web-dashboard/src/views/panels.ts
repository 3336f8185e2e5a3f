import { formatHms, tiltDegrees, type Event, type Telemetry } from '@cansat/protocol';
import type { CommandStatus, GroundPosition, LinkStats, NetworkStatus, ReplayStatus, SimFileInfo } from '@cansat/protocol/station';
import { distanceAndBearing, metresPerDegree, tilt, type TrackSummary } from './geometry.ts';
import type { TimelineEntry } from '../store/timeline.ts';
import type { MessageKey } from '@cansat/protocol/i18n';
import { gloss, t, translator } from '../i18n.ts';

const escape = (text: unknown) => String(text ?? '-').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** What the header shows. */
export interface HeaderState {
  teamId: number | null;
  last: Telemetry | null;
  link: LinkStats | null;
  replay: boolean;
  connected: boolean;
  alarms: string[];
  now: number;
  /** dBm the link budget expects now (the station's radio, antenna and position), when it can say. */
  budgetRssi?: number | null;
}

/**
 * The header's figures: team, mission time, state, the packet counts, link age, alarms (mode is in the table).
 * Redrawn with every frame, so it holds no controls (the CSV and theme buttons sit beside it, built once).
 */
/** "-71 dBm, 32 dB margin": the packet's signal, and how far above the radio's sensitivity when it is known. */
function signalText(rssi: number, sensitivityDbm: number | null): string {
  const dbm = `${translator.value(rssi, 0)} dBm`;
  return sensitivityDbm === null ? dbm : t('header.signalMargin', { rssi: dbm, margin: translator.value(rssi - sensitivityDbm, 0) });
}

export function renderHeader(root: HTMLElement, s: HeaderState): void {
  const last = s.last;
  const link = s.link;
  const rejected = link ? Object.values(link.rejected).reduce((a, b) => a + b, 0) : 0;
  const age = link?.lastFrameAt != null ? (s.now - link.lastFrameAt) / 1000 : null;
  const stale = link?.stale ?? true;
  const item = (field: string, value: unknown, label: MessageKey, cls = '', why?: MessageKey, meaning = '') =>
    `<span class="item ${cls}"${why ? ` title="${escape(t(why))}"` : ''}>${t(label)} <b data-field="${field}">${escape(value)}</b>${meaning ? ` <span class="gloss">${escape(meaning)}</span>` : ''}</span>`;
  const count = (n: number) => translator.count(n);
  root.innerHTML = [
    s.replay ? `<span class="replay-badge" data-field="replay">${t('header.replay')}</span>` : '',
    item('team', s.teamId === null ? '-' : String(s.teamId), 'header.team'),
    item('time', typeof last?.missionTime === 'number' ? formatHms(last.missionTime / 1000) : '--:--:--', 'header.missionTime'),
    item('state', last ? last.state : '-', 'header.state', '', undefined, last ? gloss(`state.${last.state}`) : ''),
    // The CanSat's own count and the station's are different figures: the judges ask for both (AAS G16).
    item('packets', count(last?.packetCount ?? 0), 'header.packets', '', 'header.packetsWhy'),
    item('received', count(link?.framesReceived ?? 0), 'header.received', '', 'header.receivedWhy'),
    item('lost', count(link?.framesLost ?? 0), 'header.lost', (link?.framesLost ?? 0) > 0 ? 'yellow' : '', 'header.lostWhy'),
    item('rejected', count(rejected), 'header.rejected', rejected > 0 ? 'yellow' : '', 'header.rejectedWhy'),
    item('link', age === null ? t('header.noData') : `${t('header.ago', { seconds: translator.value(age, 1) })}${stale ? ` — ${t('header.stale')}` : ''}`, 'header.link', stale ? 'stale' : ''),
    // An XBee in API mode says how strong each packet was: the margin above the radio's sensitivity, at a glance.
    link?.rssi != null ? item('signal', `${signalText(link.rssi, link.sensitivityDbm ?? null)}${s.budgetRssi != null ? t('header.signalBudget', { budget: `${translator.value(s.budgetRssi, 0)} dBm` }) : ''}`, 'header.signal', link.sensitivityDbm != null && link.rssi - link.sensitivityDbm < 10 ? 'yellow' : '', 'header.signalWhy') : '',
    s.connected ? '' : `<span class="item red" data-field="server">${t('header.disconnected')}</span>`,
    (link?.recordErrors ?? 0) > 0 ? `<span class="item red" data-field="record-errors">${t('header.recordErrors', { count: link!.recordErrors })}</span>` : '',
    ...s.alarms.map((a) => `<span class="item red" data-field="alarm">${escape(a)}</span>`),
  ].join('');
}

/**
 * The GPS track on a grid centred on the launch point (the first fix held), with range rings, drawn offline: what
 * the crew has when there are no map tiles at the field.
 */
/** A ground station of the network where it says it stands. */
export interface PlacedStation {
  name: string;
  latitude: number;
  longitude: number;
  online: boolean | null;
}

export function renderTrack(root: HTMLElement, latitudes: Float64Array, longitudes: Float64Array, track: TrackSummary | null, station: GroundPosition | null, stations: readonly PlacedStation[] = []): void {
  const canvas = ensureCanvas(root, t('track.title'));
  const info = ensureInfo(root);
  const ctx = canvas.getContext('2d')!;
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  renderTrackInfo(info, track, station);
  if (!track) return;
  const { first, latest, origin } = track;
  const perDegree = metresPerDegree(origin.latitude);
  let farthest = 0;
  for (let i = first; i <= latest; i++) {
    const along = Math.max(Math.abs(longitudes[i]! - origin.longitude) * perDegree.east, Math.abs(latitudes[i]! - origin.latitude) * perDegree.north);
    if (along > farthest) farthest = along; // a row without a fix (NaN) is passed over
  }
  for (const s of stations) farthest = Math.max(farthest, Math.abs(s.longitude - origin.longitude) * perDegree.east, Math.abs(s.latitude - origin.latitude) * perDegree.north);
  const extent = Math.max(50, farthest) * 1.1;
  const scale = (Math.min(canvas.width, canvas.height) / 2 - 10) / extent;
  const cx = canvas.width / 2;
  const cy = canvas.height / 2;
  const x = (i: number) => Math.round(cx + (longitudes[i]! - origin.longitude) * perDegree.east * scale);
  const y = (i: number) => Math.round(cy - (latitudes[i]! - origin.latitude) * perDegree.north * scale);
  ctx.strokeStyle = '#999';
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(cx, 0);
  ctx.lineTo(cx, canvas.height);
  ctx.moveTo(0, cy);
  ctx.lineTo(canvas.width, cy);
  ctx.stroke();
  // Range rings at a round step, labelled: distances read off at a glance.
  const ring = roundStep(extent / 2);
  ctx.fillStyle = '#666';
  ctx.font = '16px system-ui, sans-serif';
  for (let r = ring; r <= extent * 1.5; r += ring) {
    ctx.beginPath();
    ctx.arc(cx, cy, r * scale, 0, 2 * Math.PI);
    ctx.stroke();
    ctx.fillText(`${translator.count(r)} m`, cx + r * scale * 0.71 + 2, cy - r * scale * 0.71 - 2);
  }
  ctx.strokeStyle = '#0047ab';
  ctx.lineWidth = 3;
  ctx.beginPath();
  // One vertex per pixel moved: two hours of fixes would otherwise be 72,000 segments on a small canvas.
  let lastX = x(first);
  let lastY = y(first);
  ctx.moveTo(lastX, lastY);
  for (let i = first + 1; i <= latest; i++) {
    const px = x(i);
    const py = y(i);
    if (Number.isNaN(px) || Number.isNaN(py) || (px === lastX && py === lastY)) continue;
    ctx.lineTo(px, py);
    lastX = px;
    lastY = py;
  }
  ctx.stroke();
  ctx.fillStyle = '#c00000';
  ctx.beginPath();
  ctx.arc(x(latest), y(latest), 6, 0, 2 * Math.PI);
  ctx.fill();
  // The network's stations: a square each, named, hollow when it is offline.
  ctx.font = '14px system-ui, sans-serif';
  for (const s of stations) {
    const sx = Math.round(cx + (s.longitude - origin.longitude) * perDegree.east * scale);
    const sy = Math.round(cy - (s.latitude - origin.latitude) * perDegree.north * scale);
    ctx.strokeStyle = '#111';
    ctx.fillStyle = '#111';
    ctx.lineWidth = 2;
    if (s.online === false) ctx.strokeRect(sx - 5, sy - 5, 10, 10);
    else ctx.fillRect(sx - 5, sy - 5, 10, 10);
    ctx.fillText(s.name, sx + 8, sy + 5);
  }
}

/** Where the CanSat is: from the launch point, and from the station when its position is known (for recovery). */
export function renderTrackInfo(info: HTMLElement, track: TrackSummary | null, station: GroundPosition | null): void {
  if (!track) {
    info.textContent = t('track.noFix');
    return;
  }
  const fromStation = station ? distanceAndBearing(station, track.position) : null;
  const figure = (field: string, value: number, unit: string) => `<b data-field="${field}">${translator.value(value, 0)}${unit}</b>`;
  info.innerHTML =
    t('track.fromLaunch', { distance: figure('distance', track.distance, ' m'), bearing: figure('bearing', track.bearing, '°') }) +
    (fromStation ? `; ${t('track.fromStation', { distance: figure('station-distance', fromStation.distance, ' m'), bearing: figure('station-bearing', fromStation.bearing, '°') })}` : '');
}

/** 1, 2 or 5 times a power of ten, at most `value`. */
function roundStep(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  return [5, 2, 1].map((m) => m * power).find((step) => step <= value) ?? power;
}

/** m/s² of one g. */
const G = 9.806_65;

/**
 * Attitude from the accelerometer: roll and pitch from gravity, which it measures only while the CanSat is not
 * accelerating (on the pad, hanging under a steady parachute), and the spin rate about the long axis from the gyro.
 * Under thrust or in free fall the accelerometer says nothing of attitude, and the widget says so.
 */
export function renderAttitude(root: HTMLElement, last: Telemetry | null): void {
  const canvas = ensureCanvas(root, t('attitude.title'));
  const info = ensureInfo(root);
  const ctx = canvas.getContext('2d')!;
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  const spin = last?.gyroY ?? null;
  const spinText = spin === null ? '' : `, ${t('attitude.spin', { rpm: `<b data-field="spin">${translator.value(spin / 6, 1)} rpm</b>` })}`;
  if (!last || last.accelR === null || last.accelP === null || last.accelY === null) {
    info.innerHTML = `${t('attitude.noData')}${spinText}`;
    return;
  }
  const gs = Math.hypot(last.accelR, last.accelP, last.accelY) / G;
  if (gs < 0.8 || gs > 1.2) {
    info.innerHTML = `${t('attitude.accelerating', { g: translator.value(gs, 1) })}${spinText}`;
    return;
  }
  const r = canvas.height / 2 - 8;
  const cx = canvas.width / 2;
  const cy = canvas.height / 2;
  ctx.strokeStyle = '#999';
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.arc(cx, cy, r, 0, 2 * Math.PI);
  ctx.stroke();
  const { angle, direction } = tilt([last.accelR, last.accelP, last.accelY]);
  const d = (Math.min(angle, 90) / 90) * r;
  const a = (direction * Math.PI) / 180;
  ctx.strokeStyle = '#c03000';
  ctx.lineWidth = 4;
  ctx.beginPath();
  ctx.moveTo(cx, cy);
  ctx.lineTo(cx + d * Math.cos(a), cy - d * Math.sin(a));
  ctx.stroke();
  // The same tilts as the AAS 2024 TILT_X and TILT_Y columns (PROTOCOL.md): about the roll and pitch axes.
  const roll = tiltDegrees(last, 'x')!;
  const pitch = tiltDegrees(last, 'y')!;
  const degrees = (field: string, value: number) => `<b data-field="${field}">${translator.value(value, 0)}°</b>`;
  info.innerHTML = `${t('attitude.tilt', { tilt: degrees('tilt', angle), roll: degrees('roll', roll), pitch: degrees('pitch', pitch) })}${spinText}`;
}

/** The mission's states and events in order (see timelineEntries). */
export function renderTimeline(root: HTMLElement, entries: readonly TimelineEntry[]): void {
  const items = entries.map((e) => `<li data-event="${e.kind}"><b>${formatHms(e.missionTime / 1000)}</b> ${escape(e.text)}</li>`).join('');
  root.innerHTML = `<h2>${t('timeline.title')}</h2><ol>${items || `<li>${t('timeline.none')}</li>`}</ol>`;
}

/** The command history with each command's state. */
export function renderCommandHistory(list: HTMLElement, commands: CommandStatus[]): void {
  list.innerHTML = commands
    .slice(-50)
    .reverse()
    .map((c) => `<li data-command="${escape(c.id)}" data-state="${c.state}">${escape(describe(c.command))}: <b>${t(`commandState.${c.state}`)}</b>${c.detail ? ` (${escape(c.detail)})` : ''}</li>`)
    .join('');
}

function describe(command: CommandStatus['command']): string {
  const args = Object.entries(command)
    .filter(([k]) => k !== 'name')
    .map(([, v]) => (typeof v === 'boolean' ? (v ? 'ON' : 'OFF') : String(v)));
  return [command.name, ...args].join(' ');
}

/** The replay position line. */
export function replayText(status: ReplayStatus): string {
  const s = (ms: number) => formatHms(ms / 1000);
  return t('replay.status', {
    source: status.source,
    state: t(status.playing ? 'replay.playing' : status.finished ? 'replay.finished' : 'replay.paused'),
    position: s(status.position),
    duration: s(status.duration),
    speed: status.speed === 0 ? t('replay.asFastAsPossible') : `${status.speed}×`,
  });
}

/** The panel's canvas, its pixels matching the size the layout gave it (the panels grow with the window). */
function ensureCanvas(root: HTMLElement, title: string): HTMLCanvasElement {
  let canvas = root.querySelector('canvas');
  if (!canvas) {
    root.innerHTML = `<h2>${title}</h2>`;
    canvas = document.createElement('canvas');
    canvas.className = 'drawing';
    root.append(canvas);
  }
  const width = Math.max(50, Math.round(canvas.clientWidth));
  const height = Math.max(50, Math.round(canvas.clientHeight));
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  return canvas;
}

export function ensureInfo(root: HTMLElement): HTMLElement {
  let info = root.querySelector<HTMLElement>('.info');
  if (!info) {
    info = document.createElement('div');
    info.className = 'info';
    root.append(info);
  }
  return info;
}

/**
 * The judges' file the SIMP player holds: its name, its length, and the altitude profile it implies, so the
 * operator sees which flight the CanSat will be asked to fly before starting it; a marker shows how far it got.
 */
export function renderSimFile(root: HTMLElement, file: SimFileInfo, sent: number): void {
  if (root.dataset['file'] !== file.name) {
    root.dataset['file'] = file.name;
    const peak = Math.max(1, ...file.profile);
    const at = file.profile.indexOf(peak);
    const last = Math.max(1, file.profile.length - 1);
    const points = file.profile.map((h, i) => `${((i / last) * 300).toFixed(1)},${(60 - (Math.max(0, h) / peak) * 56).toFixed(1)}`).join(' ');
    root.innerHTML = `<div>${t('sim.file', {
      name: `<b data-field="sim-file">${escape(file.name)}</b>`,
      lines: `<span data-field="sim-lines">${translator.count(file.pressures)}</span>`,
      peak: `<span data-field="sim-peak">${translator.value(peak, 0)}</span>`,
      at,
    })}</div>
      <svg class="sim-profile" viewBox="0 0 300 62" preserveAspectRatio="none" role="img" aria-label="${escape(t('sim.profile', { name: file.name }))}">
        <polyline points="${points}" fill="none" stroke="currentColor" stroke-width="2" vector-effect="non-scaling-stroke" />
        <line class="sent" x1="0" x2="0" y1="0" y2="62" stroke-width="2" vector-effect="non-scaling-stroke" />
      </svg>`;
  }
  const x = String(((Math.min(sent, file.pressures) / Math.max(1, file.pressures - 1)) * 300).toFixed(1));
  const marker = root.querySelector('line.sent')!;
  marker.setAttribute('x1', x);
  marker.setAttribute('x2', x);
}

/**
 * At a hub: each ground station that heard the flight, whether it is there, what it heard, what only it heard (its
 * unique contribution), what it lost, and how far its clock is from the others'; and what the merge still lost.
 */
export function renderStations(root: HTMLElement, status: NetworkStatus | null): void {
  root.hidden = status === null;
  if (!status) return;
  // A column for the signal only when some station's radio gives one.
  const withSignal = status.stations.some((s) => s.rssi != null);
  const rows = status.stations
    .map((s) => {
      const presence = s.online === null ? '?' : s.online ? '<span class="ok">●</span>' : '<span class="red">○</span>';
      const offset = s.clockOffsetMs === null ? '—' : `${translator.value(s.clockOffsetMs / 1000, 1)} s`;
      const n = (value: number) => translator.count(value);
      const signal = withSignal ? `<td data-field="station-signal">${s.rssi == null ? '—' : `${translator.value(s.rssi, 0)} dBm`}</td>` : '';
      return `<tr data-station="${escape(s.station)}"><td>${presence} ${escape(s.station)}</td><td>${n(s.heard)}</td><td>${n(s.unique)}</td><td>${n(s.lost)}</td><td>${offset}</td>${signal}</tr>`;
    })
    .join('');
  const heading = (label: MessageKey, why: MessageKey) => `<th title="${escape(t(why))}">${t(label)}</th>`;
  root.innerHTML = `<h2>${t('stations.title')} <span class="muted">(${t('stations.merged', { lost: `<b data-field="merged-lost">${translator.count(status.mergedLost)}</b>` })})</span></h2><table><tr><th>${t('stations.station')}</th>${heading('stations.heard', 'stations.heardWhy')}${heading('stations.only', 'stations.onlyWhy')}${heading('stations.lost', 'stations.lostWhy')}${heading('stations.clock', 'stations.clockWhy')}${withSignal ? heading('header.signal', 'header.signalWhy') : ''}</tr>${rows || `<tr><td colspan="5">${t('stations.none')}</td></tr>`}</table>`;
}
