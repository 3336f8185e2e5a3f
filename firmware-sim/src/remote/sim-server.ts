import { createServer, type Server, type Socket } from 'node:net';
import { rmSync } from 'node:fs';
import type { ScaledClock } from '../clock-scaled.ts';
import type { Simulator } from '../simulator.ts';
import { lineReader, type ToClient, type ToServer } from './messages.ts';

/**
 * Serves a simulator's board over a Unix socket, so that a flight program in another process (which can be killed
 * and restarted, as a processor reset does) reads the same simulated chips. Each connection gets a fresh board,
 * as a rebooted CanSat does; the world carries on regardless.
 */
export class SimServer {
  private readonly server: Server;
  private current: Socket | null = null;
  /** Lines that were not valid messages. */
  badLines = 0;

  private constructor(
    private readonly sim: Simulator,
    private readonly clock: ScaledClock,
    readonly path: string,
  ) {
    this.server = createServer((socket) => this.connect(socket));
  }

  static async listen(sim: Simulator, clock: ScaledClock, path: string): Promise<SimServer> {
    rmSync(path, { force: true });
    const server = new SimServer(sim, clock, path);
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.server.listen(path, () => resolve());
    });
    return server;
  }

  private connect(socket: Socket): void {
    this.current?.destroy();
    this.current = socket;
    const io = this.sim.reconnect();
    const send = (message: ToClient) => {
      if (!socket.destroyed) socket.write(`${JSON.stringify(message)}\n`);
    };
    socket.on('error', () => {});
    socket.on('close', () => {
      if (this.current === socket) {
        this.current = null;
        io.close();
      }
    });
    socket.on(
      'data',
      lineReader(
        (message) => {
          try {
            this.handle(message as ToServer, io, send);
          } catch {
            this.badLines++;
          }
        },
        () => this.badLines++,
      ),
    );
    send({ op: 'hello', pins: io.pins.length, epoch: this.clock.epoch, scale: this.clock.scale });
  }

  private handle(m: ToServer, io: Simulator['io'], send: (message: ToClient) => void): void {
    switch (m.op) {
      case 'i2cWrite':
        io.i2cWrite(m.address, m.register, m.bytes);
        return;
      case 'i2cRead': {
        const reply = (bytes: number[]) => send({ op: 'data', id: m.id, bytes });
        if (m.once) io.i2cReadOnce(m.address, m.register, m.length, reply);
        else io.i2cRead(m.address, m.register, m.length, reply);
        return;
      }
      case 'serialRead':
        io.serialRead(m.port, (bytes) => send({ op: 'data', id: m.id, bytes }));
        return;
      case 'serialWrite':
        io.serialWrite(m.port, m.bytes);
        return;
      case 'pinMode':
        io.pinMode(m.pin, m.mode);
        return;
      case 'write':
        if (m.kind === 'digital') io.digitalWrite(m.pin, m.value);
        else if (m.kind === 'servo') io.servoWrite(m.pin, m.value);
        else io.pwmWrite(m.pin, m.value);
        return;
    }
  }

  async close(): Promise<void> {
    this.current?.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    rmSync(this.path, { force: true });
  }
}
