import { existsSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { SerialPort } from 'serialport';

/** A serial port the radio could be on. */
export interface PortInfo {
  path: string;
  description: string;
}

/**
 * The serial ports of this machine. serialport's own list needs udev's `udevadm` on Linux; where it is missing
 * (containers, minimal installs) the usual device names are listed from /dev instead.
 */
export async function listPorts(): Promise<PortInfo[]> {
  try {
    const ports = await SerialPort.list();
    return ports.map((p) => ({ path: p.path, description: [p.manufacturer, p.serialNumber].filter(Boolean).join(' ') || 'serial port' }));
  } catch {
    return listDevPorts();
  }
}

function listDevPorts(): PortInfo[] {
  const found: PortInfo[] = [];
  if (existsSync('/dev/serial/by-id')) {
    for (const name of readdirSync('/dev/serial/by-id')) found.push({ path: `/dev/serial/by-id/${name}`, description: name });
  }
  for (const name of existsSync('/dev') ? readdirSync('/dev') : []) {
    if (/^tty(USB|ACM|AMA)\d+$/.test(name)) found.push({ path: `/dev/${name}`, description: name.startsWith('ttyUSB') ? 'USB serial adapter' : name.startsWith('ttyACM') ? 'USB modem-class device' : 'on-board UART' });
  }
  return found;
}

/** The processes that hold `path` open, from /proc (Linux), as "pid (command)". */
export function whoHolds(path: string): string[] {
  const holders: string[] = [];
  let target: string;
  try {
    target = existsSync(path) ? readlinkOrSelf(path) : path;
  } catch {
    return holders;
  }
  for (const pid of safeReaddir('/proc').filter((name) => /^\d+$/.test(name))) {
    if (Number(pid) === process.pid) continue;
    for (const fd of safeReaddir(`/proc/${pid}/fd`)) {
      try {
        if (readlinkSync(`/proc/${pid}/fd/${fd}`) === target) {
          holders.push(`${pid} (${safeRead(`/proc/${pid}/comm`)})`);
          break;
        }
      } catch {
        // The fd went away while we looked.
      }
    }
  }
  return holders;
}

function readlinkOrSelf(path: string): string {
  try {
    const link = readlinkSync(path);
    return link.startsWith('/') ? link : `${path.slice(0, path.lastIndexOf('/'))}/${link}`;
  } catch {
    return path;
  }
}

function safeReaddir(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}

function safeRead(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return '?';
  }
}

/** A port error as advice a ground crew can act on. */
export async function explainPortError(path: string, error: Error): Promise<string> {
  const text = error.message;
  if (/ENOENT|No such file/i.test(text)) {
    const ports = await listPorts();
    return `no serial port at ${path}. Ports here: ${ports.length > 0 ? ports.map((p) => `${p.path} (${p.description})`).join(', ') : 'none (is the radio plugged in?)'}`;
  }
  if (/EACCES|Permission denied/i.test(text)) {
    return `permission denied on ${path}: add yourself to the dialout group (sudo usermod -aG dialout $USER), then log out and back in`;
  }
  if (/EBUSY|lock|busy/i.test(text)) {
    const holders = whoHolds(path);
    return `${path} is busy${holders.length > 0 ? `: held by ${holders.join(', ')}` : ' (another program has it open)'}`;
  }
  return `${path}: ${text}`;
}
