import type { ClientMessage, ReplayStatus } from '@cansat/protocol/station';
import { replayText } from '../views/panels.ts';
import { t } from '../i18n.ts';

/**
 * The replay panel: where the replay is, for everyone; play, pause, step, speed, seek and the recording picker for
 * the operator (the teacher). Built once; later renders update the values, never an element being used.
 */
export function renderReplayControls(root: HTMLElement, status: ReplayStatus | null, role: 'viewer' | 'operator', send: (message: ClientMessage) => boolean): void {
  root.hidden = status === null;
  if (status === null) return;
  const $ = <T extends HTMLElement>(selector: string) => root.querySelector<T>(selector)!;
  if (!root.querySelector('.line')) {
    root.innerHTML = `<h2>${t('replay.title')}</h2><div class="line" data-field="replay-status"></div>
      <div class="controls"><div class="pick"><select id="recording"></select> <button id="open">${t('replay.open')}</button></div>
      <button data-action="play">${t('replay.play')}</button> <button data-action="pause">${t('replay.pause')}</button> <button data-action="step">${t('replay.step')}</button>
      <select id="speed">${[0.25, 0.5, 1, 2, 4, 8, 16, 32, 64, 0].map((s) => `<option value="${s}">${s === 0 ? t('replay.fastest') : `${s}×`}</option>`).join('')}</select>
      <input id="seek" type="range" min="0" step="1000" style="width:100%" /></div>`;
    root.querySelectorAll<HTMLButtonElement>('[data-action]').forEach((b) => (b.onclick = () => send({ type: 'replay', action: b.dataset['action'] as 'play' })));
    $<HTMLSelectElement>('#speed').onchange = (e) => send({ type: 'replay', action: 'speed', value: Number((e.target as HTMLSelectElement).value) });
    $<HTMLInputElement>('#seek').onchange = (e) => send({ type: 'replay', action: 'seek', value: Number((e.target as HTMLInputElement).value) });
    $('#open').onclick = () => send({ type: 'replay', action: 'open', file: $<HTMLSelectElement>('#recording').value });
  }
  const pick = $<HTMLSelectElement>('#recording');
  if (pick.dataset['list'] !== status.recordings.join('\n')) {
    pick.dataset['list'] = status.recordings.join('\n');
    pick.innerHTML = status.recordings.map((r) => `<option>${r.replace(/[&<>"]/g, '')}</option>`).join('');
  }
  // Follow the replay's source when it changes, never in between: the teacher's pick waits for their click.
  if (pick.dataset['source'] !== status.source) {
    pick.dataset['source'] = status.source;
    pick.value = status.source;
  }
  $('.pick').hidden = status.recordings.length === 0;
  $('.line').textContent = replayText(status);
  const seek = $<HTMLInputElement>('#seek');
  seek.max = String(status.duration);
  if (document.activeElement !== seek) seek.value = String(status.position);
  // Replay controls are the operator's (the teacher's); viewers see where the replay is.
  $('.controls').hidden = role !== 'operator';
  const speed = $<HTMLSelectElement>('#speed');
  if (speed.dataset['speed'] !== String(status.speed)) {
    speed.dataset['speed'] = String(status.speed);
    speed.value = String(status.speed);
  }
}
