import './style.css';
import { isHazardous, parseCommandLine, telemetryCsvHeader, telemetryCsvRow, type Command, type Event, type Telemetry } from '@cansat/protocol';
import type { CommandStatus, DecodedHistory, Hello, LinkStats, ReplayStatus, ServerMessage } from '@cansat/protocol/station';
import { Connection } from './connection.ts';
import { Alarm, DEFAULT_LIMITS } from './store/alarms.ts';
import { NUMERIC_FIELDS, TEXT_FIELDS, TelemetryStore } from './store/telemetry-store.ts';
import { Charts } from './views/charts.ts';
import { renderAttitude, renderCommandHistory, renderHeader, renderSimFile, renderTimeline, renderTrack, replayText } from './views/panels.ts';

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
  connected: false,
  badMessages: 0,
};
const store = new TelemetryStore();
/** How long the last history took from its arrival to drawn charts, ms. */
const timings = { helloMs: Number.NaN };
let alarms = buildAlarms({});

/** The dashboard's default bounds, replaced field by field by the ground crew's. */
function buildAlarms(limits: Hello['limits']): Alarm[] {
  return Object.entries({ ...DEFAULT_LIMITS, ...limits }).map(([field, bounds]) => new Alarm(field, bounds));
}
const charts = new Charts($('charts'), store);

const connection = new Connection({
  url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`,
  onMessage: receive,
  onHello: catchUp,
  onBadMessage: (problem) => {
    state.badMessages++;
    notice(`${problem}; it was dropped (${state.badMessages} so far)`);
  },
  onStatus: (connected) => {
    state.connected = connected;
    // A reconnection brings a hello with the whole flight: the operator must authenticate again.
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
  alarms = buildAlarms(hello.limits);
  store.applyHello(history, lastRow(history));
  renderAll();
  // The charts redraw in the next frame: time the whole catch-up, for the benchmarks.
  requestAnimationFrame(() => requestAnimationFrame(() => (timings.helloMs = performance.now() - arrivedAt)));
}

function receive(message: Exclude<ServerMessage, Hello>): void {
  switch (message.type) {
    case 'telemetry':
      if (store.add(message.data, message.receivedAt)) {
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
      renderAll();
      return;
    case 'error':
      notice(`${message.code}: ${message.message}`);
      return;
    case 'sim-player':
      state.simPlayer = message.status;
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
    alarms: replay ? [] : alarms.filter((a) => a.level !== 'ok').map((a) => `${a.field} ${a.level.toUpperCase()}`),
    now: replay ? (state.link?.lastFrameAt ?? 0) : Date.now(),
  });
  $('csv').onclick = downloadCsv;
  $('theme').onclick = () => (document.documentElement.dataset['theme'] = document.documentElement.dataset['theme'] === 'dark' ? 'light' : 'dark');
  renderTrack($('track'), store.series.get('latitude')!.values(), store.series.get('longitude')!.values());
  renderAttitude($('attitude'), store.last);
  renderTimeline($('timeline'), state.events);
  renderConsole(replay);
  renderReplay(replay);
}

function notice(text: string): void {
  const box = $('notice');
  box.hidden = false;
  box.textContent = text;
  clearTimeout(Number(box.dataset['timer']));
  box.dataset['timer'] = String(setTimeout(() => (box.hidden = true), 8000));
}

let commandSeq = 0;
function sendCommand(command: Command): void {
  const hazardous = isHazardous(command, store.last?.state ?? null);
  if (hazardous && !confirm(`${command.name} is hazardous now. Send it?`)) return;
  const id = `${Date.now().toString(36)}-${++commandSeq}`;
  if (!connection.send({ type: 'command', id, command, confirm: hazardous })) notice('not connected to the ground server');
}

const BUTTONS: [string, Command][] = [
  ['CX ON', { name: 'CX', on: true }],
  ['CX OFF', { name: 'CX', on: false }],
  ['CAL', { name: 'CAL' }],
  ['ST GPS', { name: 'ST', time: 'GPS' }],
  ['SIM ENABLE', { name: 'SIM', action: 'ENABLE' }],
  ['SIM ACTIVATE', { name: 'SIM', action: 'ACTIVATE' }],
  ['SIM DISABLE', { name: 'SIM', action: 'DISABLE' }],
  ['BCN ON', { name: 'BCN', on: true }],
  ['BCN OFF', { name: 'BCN', on: false }],
  ['RELEASE', { name: 'MEC', device: 'RELEASE', on: true }],
];

function renderConsole(replay: boolean): void {
  const root = $('console');
  if (replay && state.role === 'operator') {
    root.innerHTML = '<h2>Commands</h2><p>A replay: nothing can be sent.</p>';
    return;
  }
  if (state.role !== 'operator') {
    // Viewers get no command controls at all, only a way to become an operator.
    if (!root.querySelector('#token')) {
      const what = replay ? 'the replay controls' : 'commands';
      root.innerHTML = `<h2>Commands</h2><form id="auth"><input id="token" type="password" placeholder="operator token, for ${what}" autocomplete="off" /> <button>Operate</button></form><ol id="history"></ol>`;
      $<HTMLFormElement>('auth').onsubmit = (e) => {
        e.preventDefault();
        connection.send({ type: 'auth', token: $<HTMLInputElement>('token').value.trim() });
      };
    }
  } else if (!root.querySelector('.buttons')) {
    // Became an operator: the token form gives way to the console.
    root.innerHTML = `<h2>Commands</h2><div class="buttons">${BUTTONS.map(([label], i) => `<button data-button="${i}">${label}</button>`).join('')}</div>
      <form id="free"><input id="command" placeholder="e.g. ST 13:35:00, SIMP 101325, RATE 2" /> <button>Send</button></form>
      <div id="player">SIMP player: <span data-field="sim-player"></span> ${['start', 'pause', 'resume', 'stop'].map((a) => `<button data-player="${a}">${a}</button>`).join(' ')}<div id="sim-file"></div></div>
      <ol id="history"></ol>`;
    root.querySelectorAll<HTMLButtonElement>('[data-player]').forEach((b) => (b.onclick = () => connection.send({ type: 'sim-player', action: b.dataset['player'] as 'start' })));
    root.querySelectorAll<HTMLButtonElement>('[data-button]').forEach((b) => (b.onclick = () => sendCommand(BUTTONS[Number(b.dataset['button'])]![1])));
    $<HTMLFormElement>('free').onsubmit = (e) => {
      e.preventDefault();
      const text = $<HTMLInputElement>('command').value.trim().replace(/\s+/g, ',');
      const parsed = parseCommandLine(`CMD,${state.hello?.teamId ?? 0},${text}`);
      if (!parsed.ok) notice(`not a command: ${parsed.detail}`);
      else sendCommand(parsed.value.command);
    };
  }
  const player = root.querySelector<HTMLElement>('[data-field="sim-player"]');
  // The player only matters when the station was given the judges' file.
  if (player) {
    player.textContent = state.simPlayer ? `${state.simPlayer.state}, ${state.simPlayer.sent}/${state.simPlayer.total} (${state.simPlayer.detail})` : '';
    $('player').hidden = (state.simPlayer?.total ?? 0) === 0;
    if (state.hello?.simFile) renderSimFile($('sim-file'), state.hello.simFile, state.simPlayer?.sent ?? 0);
  }
  renderCommandHistory($('history'), [...state.commands.values()]);
}

function renderReplay(replay: boolean): void {
  const root = $('replay');
  root.hidden = !replay;
  if (!replay || !state.replay) return;
  const status = state.replay;
  if (!root.querySelector('.line')) {
    root.innerHTML = `<h2>Replay</h2><div class="line" data-field="replay-status"></div>
      <div class="controls"><div class="pick"><select id="recording"></select> <button id="open">open</button></div>
      <button data-action="play">▶ play</button> <button data-action="pause">❚❚ pause</button> <button data-action="step">step</button>
      <select id="speed">${[0.25, 0.5, 1, 2, 4, 8, 16, 32, 64, 0].map((s) => `<option value="${s}">${s === 0 ? 'fastest' : `${s}×`}</option>`).join('')}</select>
      <input id="seek" type="range" min="0" step="1000" style="width:100%" /></div>`;
    root.querySelectorAll<HTMLButtonElement>('[data-action]').forEach((b) => (b.onclick = () => connection.send({ type: 'replay', action: b.dataset['action'] as 'play' })));
    $<HTMLSelectElement>('speed').onchange = (e) => connection.send({ type: 'replay', action: 'speed', value: Number((e.target as HTMLSelectElement).value) });
    $<HTMLInputElement>('seek').onchange = (e) => connection.send({ type: 'replay', action: 'seek', value: Number((e.target as HTMLInputElement).value) });
    $('open').onclick = () => connection.send({ type: 'replay', action: 'open', file: $<HTMLSelectElement>('recording').value });
  }
  const pick = $<HTMLSelectElement>('recording');
  if (pick.dataset['list'] !== status.recordings.join('\n')) {
    pick.dataset['list'] = status.recordings.join('\n');
    pick.innerHTML = status.recordings.map((r) => `<option>${r.replace(/[&<>"]/g, '')}</option>`).join('');
  }
  if (document.activeElement !== pick) pick.value = status.source;
  root.querySelector<HTMLElement>('.pick')!.hidden = status.recordings.length === 0;
  root.querySelector('.line')!.textContent = replayText(status);
  const seek = $<HTMLInputElement>('seek');
  seek.max = String(status.duration);
  if (document.activeElement !== seek) seek.value = String(status.position);
  // Replay controls are the operator's (the teacher's); viewers see where the replay is.
  root.querySelector<HTMLElement>('.controls')!.hidden = state.role !== 'operator';
  $<HTMLSelectElement>('speed').value = String(status.speed);
}

function downloadCsv(): void {
  const rows = [telemetryCsvHeader()];
  const n = store.count;
  for (let i = 0; i < n; i++) {
    const record: Record<string, unknown> = { type: 'telemetry', teamId: state.hello?.teamId ?? 0 };
    for (const name of NUMERIC_FIELDS) {
      const v = store.series.get(name)!.values()[i]!;
      record[name] = Number.isNaN(v) ? null : v;
    }
    for (const name of TEXT_FIELDS) record[name] = store.text.get(name)![i] ?? null;
    rows.push(telemetryCsvRow(record as unknown as Telemetry));
  }
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([`${rows.join('\n')}\n`], { type: 'text/csv' }));
  link.download = `telemetry_team${state.hello?.teamId ?? ''}.csv`;
  link.click();
  URL.revokeObjectURL(link.href);
}

// For the browser tests and the benchmarks: what the page holds and draws.
Object.assign(window, { __dashboard: { store, charts, state, timings } });
setInterval(scheduleRender, 1000);
renderAll();
