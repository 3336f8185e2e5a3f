import './style.css';
import type { Event, Telemetry } from '@cansat/protocol';
import type { CommandStatus, DecodedHistory, Hello, LinkStats, ReplayStatus, ServerMessage } from '@cansat/protocol/station';
import { Connection } from './connection.ts';
import { Alarm, DEFAULT_LIMITS } from './store/alarms.ts';
import { TelemetryStore } from './store/telemetry-store.ts';
import { timelineEntries } from './store/timeline.ts';
import { FlightPhysics } from './store/flight-physics.ts';
import { linkPredictor } from './store/link-prediction.ts';
import { verticalSpeed } from './store/vertical-speed.ts';
import { trackSummary } from './views/geometry.ts';
import { renderFieldTable, renderReadouts } from './views/readouts.ts';
import { Charts } from './views/charts.ts';
import { downloadCsv } from './controls/csv-download.ts';
import { renderConsole } from './controls/command-console.ts';
import { renderReplayControls } from './controls/replay-controls.ts';
import { renderAttitude, renderHeader, renderStations, renderTimeline } from './views/panels.ts';
import { GpsPanel } from './views/gps-panel.ts';
import { applyLanguage, buildLanguagePicker, t, translator } from './i18n.ts';
import type { MessageKey } from '@cansat/protocol/i18n';

applyLanguage();

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** Everything the page knows, fed by the server's messages. */
const state = {
  hello: null as Hello | null,
  role: 'viewer' as Hello['role'],
  link: null as LinkStats | null,
  events: [] as { receivedAt: number; data: Event }[],
  commands: new Map<string, CommandStatus>(),
  replay: null as ReplayStatus | null,
  simPlayer: null as Hello['simPlayer'] | null,
  // At a hub: the stations that heard the flight.
  network: null as Hello['network'],
  connected: false,
  badMessages: 0,
};
const store = new TelemetryStore();
const physics = new FlightPhysics();
/** How long the last history took from its arrival to drawn charts, ms. */
const timings = { helloMs: Number.NaN };
let alarms = buildAlarms({});
/**
 * The token this page's operator gave, kept in memory only, to authenticate again after a reconnection; across the
 * reload of a language switch it waits in this tab's session storage, and is taken out of it at once.
 */
const OPERATOR_TOKEN = 'cansat.operatorToken';
let operatorToken: string | null = sessionStorage.getItem(OPERATOR_TOKEN);
sessionStorage.removeItem(OPERATOR_TOKEN);

/** The dashboard's default bounds, replaced field by field by the ground crew's. */
function buildAlarms(limits: Hello['limits']): Alarm[] {
  return Object.entries({ ...DEFAULT_LIMITS, ...limits }).map(([field, bounds]) => new Alarm(field, bounds));
}
const charts = new Charts($('charts'), store);
const gps = new GpsPanel($('track'));
const NO_MAP = { tiles: null, station: null };

const connection = new Connection({
  url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`,
  onMessage: receive,
  onHello: catchUp,
  onBadMessage: (problem) => {
    state.badMessages++;
    notice(t('notice.dropped', { problem, count: state.badMessages }));
  },
  onStatus: (connected) => {
    state.connected = connected;
    // A reconnection starts as a viewer; catchUp sends the operator's token again.
    if (!connected) state.role = 'viewer';
    renderAll();
  },
});

/** A hello: who we are, and the whole flight so far. */
function catchUp(hello: Hello, history: DecodedHistory, arrivedAt: number): void {
  state.hello = hello;
  state.role = hello.role;
  state.link = hello.link;
  state.events = [...hello.events];
  state.commands = new Map(hello.commands.map((c) => [c.id, c]));
  state.replay = hello.replay;
  state.simPlayer = hello.simPlayer;
  state.network = hello.network;
  alarms = buildAlarms(hello.limits);
  // The link budget's signal beside the measured one, when the station says its radio and where it stands.
  const predict = linkPredictor(hello.radio, hello.map.station);
  if (predict) store.derive('rssiBudget', predict);
  store.applyHello(history, lastRow(history));
  // After a reconnection (a ground station restarted keeps its token), the operator stays an operator.
  if (operatorToken !== null && hello.role === 'viewer') connection.send({ type: 'auth', token: operatorToken });
  renderAll();
  // The charts redraw in the next frame: time the whole catch-up, for the benchmarks.
  requestAnimationFrame(() => requestAnimationFrame(() => (timings.helloMs = performance.now() - arrivedAt)));
}

function receive(message: Exclude<ServerMessage, Hello>): void {
  switch (message.type) {
    case 'telemetry':
      if (store.add(message.data, message.receivedAt, { rssi: message.rssi ?? null })) {
        if (!message.replay) for (const alarm of alarms) alarm.update((message.data as unknown as Record<string, number | null>)[alarm.field] ?? null);
      }
      scheduleRender();
      return;
    case 'event':
      state.events.push({ receivedAt: message.receivedAt, data: message.data });
      scheduleRender();
      return;
    case 'link':
      state.link = message.stats;
      scheduleRender();
      return;
    case 'command':
      state.commands.set(message.status.id, message.status);
      scheduleRender();
      return;
    case 'replay':
      state.replay = message.status;
      scheduleRender();
      return;
    case 'role':
      state.role = message.role;
      if (message.role === 'viewer') operatorToken = null;
      renderAll();
      return;
    case 'error':
      if (message.code === 'bad-token') operatorToken = null;
      notice(t('notice.serverError', { code: message.code, message: message.message }));
      return;
    case 'sim-player':
      state.simPlayer = message.status;
      scheduleRender();
      return;
    case 'network':
      state.network = message.status;
      scheduleRender();
      return;
  }
}

/** The last telemetry of a history, rebuilt from its columns. */
function lastRow(history: DecodedHistory): Telemetry | null {
  const last = history.count - 1;
  if (last < 0) return null;
  const row: Record<string, number | string | null> = {};
  for (const [name, values] of history.numeric) row[name] = Number.isNaN(values[last]!) ? null : values[last]!;
  for (const [name, values] of history.text) row[name] = values[last] ?? null;
  return row as unknown as Telemetry;
}


let pending = false;
function scheduleRender(): void {
  if (pending) return;
  pending = true;
  requestAnimationFrame(() => {
    pending = false;
    renderAll();
  });
}

function renderAll(): void {
  const replay = state.hello?.mode === 'replay';
  renderHeader($('header'), {
    teamId: state.hello?.teamId ?? null,
    last: store.last,
    link: state.link,
    replay,
    connected: state.connected,
    alarms: replay ? [] : alarms.filter((a) => a.level !== 'ok').map((a) => t(a.level === 'red' ? 'alarm.red' : 'alarm.yellow', { field: t(`field.${a.field}` as MessageKey) })),
    now: replay ? (state.link?.lastFrameAt ?? 0) : Date.now(),
    budgetRssi: store.series.get('rssiBudget')?.last() ?? null,
  });
  const latitudes = store.series.get('latitude')!.values();
  const longitudes = store.series.get('longitude')!.values();
  const track = trackSummary(latitudes, longitudes);
  const flight = physics.of(store);
  renderReadouts($('readouts'), { last: store.last, verticalSpeed: verticalSpeed(store.series.get('missionTime')!.values(), store.series.get('altitude')!.values()), track, station: state.hello?.map.station ?? null, physics: flight });
  renderFieldTable($('fields'), store.last);
  const placed = (state.network?.stations ?? []).flatMap((s) => (s.position ? [{ name: s.station, ...s.position, online: s.online }] : []));
  gps.render(latitudes, longitudes, track, state.hello?.map ?? NO_MAP, store.last?.state === 'LANDED', placed);
  renderStations($('stations'), state.network);
  renderAttitude($('attitude'), store.last);
  renderTimeline($('timeline'), timelineEntries(state.events, store.text.get('state')!, store.series.get('missionTime')!.values(), translator, flight));
  // A hub carries no commands: only a team's own station commands its CanSat.
  $('console').hidden = state.network !== null;
  if (state.network === null) renderConsole($('console'), {
    role: state.role,
    replay,
    teamId: state.hello?.teamId ?? null,
    missionState: store.last?.state ?? null,
    commands: [...state.commands.values()],
    simPlayer: state.simPlayer,
    simFile: state.hello?.simFile ?? null,
    send: (message) => {
      if (message.type === 'auth') operatorToken = message.token;
      return connection.send(message);
    },
    notice,
  });
  renderReplayControls($('replay'), replay ? state.replay : null, state.role, (message) => connection.send(message));
}

function notice(text: string): void {
  const box = $('notice');
  box.hidden = false;
  box.textContent = text;
  clearTimeout(Number(box.dataset['timer']));
  box.dataset['timer'] = String(setTimeout(() => (box.hidden = true), 8000));
}

// The header's buttons, built once (the header's figures are redrawn with every frame).
$('csv').onclick = () => downloadCsv(store, state.hello?.teamId ?? null);
$('theme').onclick = () => {
  document.documentElement.dataset['theme'] = document.documentElement.dataset['theme'] === 'dark' ? 'light' : 'dark';
  charts.restyle();
};

buildLanguagePicker($('languages'), () => {
  if (operatorToken !== null) sessionStorage.setItem(OPERATOR_TOKEN, operatorToken);
});

// For the browser tests and the benchmarks: what the page holds and draws.
Object.assign(window, { __dashboard: { store, charts, state, timings } });
setInterval(scheduleRender, 1000);
renderAll();
