import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('..', import.meta.url).pathname;

describe('npm start', () => {
  // Ten times real time; the pad wait leaves the programs time to start before lift-off (6 s of real time).
  it('flies a whole mission into the dashboard server, and Ctrl-C stops everything and keeps the recording', async () => {
    const before = existsSync(join(ROOT, 'recordings')) ? readdirSync(join(ROOT, 'recordings')) : [];
    const start = spawn('npm', ['start', '--', '--time-scale', '10', '--http-port', '0', '--pad-wait', '60'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    start.stdout.on('data', (chunk: Buffer) => (output += chunk));
    start.stderr.on('data', (chunk: Buffer) => (output += chunk));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setInterval(() => {
          const match = /dashboard: +(http\S+)/.exec(output);
          if (match && output.includes('operator token:')) {
            clearInterval(timer);
            resolve(match[1]!);
          }
        }, 100);
        start.once('exit', () => reject(new Error(`npm start ended:\n${output}`)));
      });
      expect(output).toMatch(/operator token: +[0-9a-f]{16}/);
      // Watch as a viewer would, until the CanSat has landed.
      const states = new Set<string>();
      const socket = new WebSocket(`${url.replace(/^http/, 'ws')}ws`);
      socket.on('message', (data, isBinary) => {
        if (isBinary) return; // the numbers of the flight so far
        const message = JSON.parse(String(data)) as { type: string; data?: { state: string }; telemetry?: { text: Record<string, [string, number][]> } };
        // A late viewer's hello carries the flight so far; its states come as runs.
        if (message.type === 'hello') for (const [state] of message.telemetry?.text['state'] ?? []) states.add(state);
        if (message.type === 'telemetry' && message.data) states.add(message.data.state);
      });
      const landed = Date.now();
      while (!states.has('LANDED') && Date.now() - landed < 60_000) await new Promise((resolve) => setTimeout(resolve, 200));
      socket.close();
      expect([...states]).toEqual(['LAUNCH_PAD', 'ASCENT', 'APOGEE', 'DESCENT', 'PROBE_RELEASE', 'LANDED']);
    } finally {
      process.kill(-start.pid!, 'SIGINT');
      await new Promise((resolve) => start.once('exit', resolve));
    }
    const after = readdirSync(join(ROOT, 'recordings')).filter((name) => !before.includes(name) && name.includes('_simulator_'));
    expect(after).toHaveLength(1);
    const csv = readFileSync(join(ROOT, 'recordings', after[0]!, 'Flight_1234.csv'), 'utf8').trim().split('\r\n');
    expect(csv.length).toBeGreaterThan(10);
    // Stopped, it says where the flight is and how much of it.
    expect(output).toContain(`the recording is in ${join(ROOT, 'recordings', after[0]!)}: ${csv.length - 1} telemetry frames in Flight_1234.csv`);
  }, 120_000);
});
