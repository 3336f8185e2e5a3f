import { isHazardous, parseCommandLine, type Command, type MissionState } from '@cansat/protocol';
import type { ClientMessage, CommandStatus, SimFileInfo, SimPlayerStatus } from '@cansat/protocol/station';
import { renderCommandHistory, renderSimFile } from '../views/panels.ts';
import type { MessageKey } from '@cansat/protocol/i18n';
import { gloss, t } from '../i18n.ts';

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

/** [the competition's words for it, what it does, the command]: the words stay as the guide writes them. */
const BUTTONS: [string, MessageKey, Command][] = [
  ['CX ON', 'command.CX_ON', { name: 'CX', on: true }],
  ['CX OFF', 'command.CX_OFF', { name: 'CX', on: false }],
  ['CAL', 'command.CAL', { name: 'CAL' }],
  ['ST GPS', 'command.ST_GPS', { name: 'ST', time: 'GPS' }],
  ['SIM ENABLE', 'command.SIM_ENABLE', { name: 'SIM', action: 'ENABLE' }],
  ['SIM ACTIVATE', 'command.SIM_ACTIVATE', { name: 'SIM', action: 'ACTIVATE' }],
  ['SIM DISABLE', 'command.SIM_DISABLE', { name: 'SIM', action: 'DISABLE' }],
  ['BCN ON', 'command.BCN_ON', { name: 'BCN', on: true }],
  ['BCN OFF', 'command.BCN_OFF', { name: 'BCN', on: false }],
  ['RELEASE', 'command.RELEASE', { name: 'MEC', device: 'RELEASE', on: true }],
];

/** The SIMP player's controls, by the action each sends. */
const PLAYER: ['start' | 'pause' | 'resume' | 'stop', MessageKey][] = [
  ['start', 'console.start'],
  ['pause', 'console.pause'],
  ['resume', 'console.resume'],
  ['stop', 'console.stop'],
];

let commandSeq = 0;

/** Sends a command, asking first when it is hazardous now. */
function sendCommand(c: ConsoleState, command: Command): void {
  const hazardous = isHazardous(command, c.missionState);
  if (hazardous && !confirm(t('console.hazardous', { command: command.name }))) return;
  const id = `${Date.now().toString(36)}-${++commandSeq}`;
  if (!c.send({ type: 'command', id, command, confirm: hazardous })) c.notice(t('console.notConnected'));
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
      root.innerHTML = `<h2>${t('console.title')}</h2><p>${t('console.replay')}</p>`;
    }
    return;
  }
  if (c.role !== 'operator') {
    // Viewers get no command controls at all, only a way to become an operator.
    if (root.dataset['mode'] !== 'viewer') {
      root.dataset['mode'] = 'viewer';
      const placeholder = t(c.replay ? 'console.tokenForReplay' : 'console.tokenForCommands');
      root.innerHTML = `<h2>${t('console.title')}</h2><form id="auth"><input id="token" type="password" placeholder="${placeholder}" autocomplete="off" /> <button>${t('console.operate')}</button></form><ol id="history"></ol>`;
      root.querySelector<HTMLFormElement>('#auth')!.onsubmit = (e) => {
        e.preventDefault();
        now().send({ type: 'auth', token: root.querySelector<HTMLInputElement>('#token')!.value.trim() });
      };
    }
  } else if (root.dataset['mode'] !== 'operator') {
    // Became an operator: the token form gives way to the console.
    root.dataset['mode'] = 'operator';
    // Each button: the competition's words, and what they do beneath in the reader's language.
    const button = ([words, meaning]: (typeof BUTTONS)[number], i: number) => `<button data-button="${i}" title="${t(meaning)}">${words}${gloss(meaning) ? `<small class="gloss">${gloss(meaning)}</small>` : ''}</button>`;
    root.innerHTML = `<h2>${t('console.title')}</h2><div class="buttons">${BUTTONS.map(button).join('')}</div>
      <form id="free"><input id="command" placeholder="${t('console.example')}" /> <button>${t('console.send')}</button></form>
      <div id="player">${t('console.player')} <span data-field="sim-player"></span> ${PLAYER.map(([action, label]) => `<button data-player="${action}">${t(label)}</button>`).join(' ')}<div id="sim-file"></div></div>
      <ol id="history"></ol>`;
    root.querySelectorAll<HTMLButtonElement>('[data-player]').forEach((b) => (b.onclick = () => now().send({ type: 'sim-player', action: b.dataset['player'] as 'start' })));
    root.querySelectorAll<HTMLButtonElement>('[data-button]').forEach((b) => (b.onclick = () => sendCommand(now(), BUTTONS[Number(b.dataset['button'])]![2])));
    root.querySelector<HTMLFormElement>('#free')!.onsubmit = (e) => {
      e.preventDefault();
      const text = root.querySelector<HTMLInputElement>('#command')!.value.trim().replace(/\s+/g, ',');
      const parsed = parseCommandLine(`CMD,${now().teamId ?? 0},${text}`);
      if (!parsed.ok) now().notice(t('console.notCommand', { detail: parsed.detail }));
      else sendCommand(now(), parsed.value.command);
    };
  }
  const player = root.querySelector<HTMLElement>('[data-field="sim-player"]');
  // The player only matters when the station was given the judges' file.
  if (player) {
    player.textContent = c.simPlayer ? t('player.status', { state: t(`player.${c.simPlayer.state}`), sent: c.simPlayer.sent, total: c.simPlayer.total, detail: c.simPlayer.detail }) : '';
    root.querySelector<HTMLElement>('#player')!.hidden = (c.simPlayer?.total ?? 0) === 0;
    if (c.simFile) renderSimFile(root.querySelector<HTMLElement>('#sim-file')!, c.simFile, c.simPlayer?.sent ?? 0);
  }
  renderCommandHistory(root.querySelector<HTMLElement>('#history')!, c.commands);
}

const latest = new WeakMap<HTMLElement, ConsoleState>();
