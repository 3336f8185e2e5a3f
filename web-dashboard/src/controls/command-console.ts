import { isHazardous, parseCommandLine, type Command, type MissionState } from '@cansat/protocol';
import type { ClientMessage, CommandStatus, SimFileInfo, SimPlayerStatus } from '@cansat/protocol/station';
import { renderCommandHistory, renderSimFile } from '../views/panels.ts';

/** What the command console shows and how it reaches the station. */
export interface ConsoleState {
  role: 'viewer' | 'operator';
  replay: boolean;
  teamId: number | null;
  /** The CanSat's latest state, for what is hazardous now. */
  missionState: MissionState | null;
  commands: CommandStatus[];
  simPlayer: SimPlayerStatus | null;
  simFile: SimFileInfo | null;
  send(message: ClientMessage): boolean;
  notice(text: string): void;
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

let commandSeq = 0;

/** Sends a command, asking first when it is hazardous now. */
function sendCommand(c: ConsoleState, command: Command): void {
  const hazardous = isHazardous(command, c.missionState);
  if (hazardous && !confirm(`${command.name} is hazardous now. Send it?`)) return;
  const id = `${Date.now().toString(36)}-${++commandSeq}`;
  if (!c.send({ type: 'command', id, command, confirm: hazardous })) c.notice('not connected to the ground server');
}

/**
 * The command console: a token form for viewers, the buttons, free-form commands and the SIMP player for operators,
 * and the command history for everyone. Its controls are built once per role; later renders only update values,
 * so a click never lands on a button that was just replaced.
 */
export function renderConsole(root: HTMLElement, c: ConsoleState): void {
  // The handlers read the latest state, not the one they were built with.
  latest.set(root, c);
  const now = () => latest.get(root)!;
  if (c.replay && c.role === 'operator') {
    if (root.dataset['mode'] !== 'replay') {
      root.dataset['mode'] = 'replay';
      root.innerHTML = '<h2>Commands</h2><p>A replay: nothing can be sent.</p>';
    }
    return;
  }
  if (c.role !== 'operator') {
    // Viewers get no command controls at all, only a way to become an operator.
    if (root.dataset['mode'] !== 'viewer') {
      root.dataset['mode'] = 'viewer';
      const what = c.replay ? 'the replay controls' : 'commands';
      root.innerHTML = `<h2>Commands</h2><form id="auth"><input id="token" type="password" placeholder="operator token, for ${what}" autocomplete="off" /> <button>Operate</button></form><ol id="history"></ol>`;
      root.querySelector<HTMLFormElement>('#auth')!.onsubmit = (e) => {
        e.preventDefault();
        now().send({ type: 'auth', token: root.querySelector<HTMLInputElement>('#token')!.value.trim() });
      };
    }
  } else if (root.dataset['mode'] !== 'operator') {
    // Became an operator: the token form gives way to the console.
    root.dataset['mode'] = 'operator';
    root.innerHTML = `<h2>Commands</h2><div class="buttons">${BUTTONS.map(([label], i) => `<button data-button="${i}">${label}</button>`).join('')}</div>
      <form id="free"><input id="command" placeholder="e.g. ST 13:35:00, SIMP 101325, RATE 2" /> <button>Send</button></form>
      <div id="player">SIMP player: <span data-field="sim-player"></span> ${['start', 'pause', 'resume', 'stop'].map((a) => `<button data-player="${a}">${a}</button>`).join(' ')}<div id="sim-file"></div></div>
      <ol id="history"></ol>`;
    root.querySelectorAll<HTMLButtonElement>('[data-player]').forEach((b) => (b.onclick = () => now().send({ type: 'sim-player', action: b.dataset['player'] as 'start' })));
    root.querySelectorAll<HTMLButtonElement>('[data-button]').forEach((b) => (b.onclick = () => sendCommand(now(), BUTTONS[Number(b.dataset['button'])]![1])));
    root.querySelector<HTMLFormElement>('#free')!.onsubmit = (e) => {
      e.preventDefault();
      const text = root.querySelector<HTMLInputElement>('#command')!.value.trim().replace(/\s+/g, ',');
      const parsed = parseCommandLine(`CMD,${now().teamId ?? 0},${text}`);
      if (!parsed.ok) now().notice(`not a command: ${parsed.detail}`);
      else sendCommand(now(), parsed.value.command);
    };
  }
  const player = root.querySelector<HTMLElement>('[data-field="sim-player"]');
  // The player only matters when the station was given the judges' file.
  if (player) {
    player.textContent = c.simPlayer ? `${c.simPlayer.state}, ${c.simPlayer.sent}/${c.simPlayer.total} (${c.simPlayer.detail})` : '';
    root.querySelector<HTMLElement>('#player')!.hidden = (c.simPlayer?.total ?? 0) === 0;
    if (c.simFile) renderSimFile(root.querySelector<HTMLElement>('#sim-file')!, c.simFile, c.simPlayer?.sent ?? 0);
  }
  renderCommandHistory(root.querySelector<HTMLElement>('#history')!, c.commands);
}

const latest = new WeakMap<HTMLElement, ConsoleState>();
