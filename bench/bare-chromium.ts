import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { CHROMIUM, CHROMIUM_ARGS } from '../web-dashboard/test/chromium.ts';

type Result = { result?: { value?: unknown }; exceptionDetails?: { text: string } };
type Reply = { id?: number; result?: Result; error?: { message: string } };

/** A page in headless chromium, driven over a bare DevTools connection. */
export interface BarePage {
  /** Evaluates `expression` in the page and returns its value. */
  evaluate<T>(expression: string): Promise<T>;
  /** Evaluates `expression` every 50 ms until it is true, or fails after `ms`. */
  waitFor(expression: string, ms?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens `url` in headless chromium with nothing but the Runtime and Page domains of the DevTools protocol.
 * Playwright, which the tests use, turns on the Network domain and so has chromium keep a copy of every WebSocket
 * frame: 60 to 100 ms more for a 14 MB history, which a viewer's browser never spends. Timings come from here.
 */
export async function openBarePage(url: string, size = { width: 1600, height: 1000 }): Promise<BarePage> {
  const profile = mkdtempSync(join(tmpdir(), 'cansat-chromium-'));
  const child = spawn(CHROMIUM, [...CHROMIUM_ARGS, '--headless', `--user-data-dir=${profile}`, '--remote-debugging-port=0', `--window-size=${size.width},${size.height}`, 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  const close = async () => {
    if (child.exitCode === null) {
      // The whole process group: chromium's helpers too, so that none is left writing the profile.
      process.kill(-child.pid!, 'SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    try {
      rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    } catch {
      // A temporary profile left behind is harmless.
    }
  };
  try {
    // chromium says where its DevTools endpoint is on stderr.
    const port = await new Promise<string>((resolve, reject) => {
      let log = '';
      child.stderr!.on('data', (chunk: Buffer) => {
        log += chunk;
        const match = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(log);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`chromium ended (${code}) before it listened:\n${log}`)));
    });
    const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as { type: string; webSocketDebuggerUrl: string }[];
    const target = targets.find((t) => t.type === 'page');
    if (!target) throw new Error('chromium opened no page');
    const socket = new WebSocket(target.webSocketDebuggerUrl, { maxPayload: 256 << 20 });
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    const replies = new Map<number, (reply: Reply) => void>();
    socket.on('message', (data) => {
      const reply = JSON.parse(String(data)) as Reply;
      if (reply.id !== undefined) replies.get(reply.id)?.(reply);
    });
    let nextId = 0;
    const call = (method: string, params: object) =>
      new Promise<Result>((resolve, reject) => {
        const id = ++nextId;
        replies.set(id, (reply) => {
          replies.delete(id);
          if (reply.error) reject(new Error(`${method}: ${reply.error.message}`));
          else resolve(reply.result ?? {});
        });
        socket.send(JSON.stringify({ id, method, params }));
      });
    const evaluate = async <T>(expression: string): Promise<T> => {
      const result = await call('Runtime.evaluate', { expression, returnByValue: true });
      if (result.exceptionDetails) throw new Error(`${expression}: ${result.exceptionDetails.text}`);
      return result.result?.value as T;
    };
    await call('Page.navigate', { url });
    return {
      evaluate,
      async waitFor(expression, ms = 60_000) {
        const started = Date.now();
        while (!(await evaluate<boolean>(expression).catch(() => false))) {
          if (Date.now() - started > ms) throw new Error(`timed out waiting for ${expression}`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      },
      async close() {
        socket.close();
        await close();
      },
    };
  } catch (error) {
    await close();
    throw error;
  }
}
