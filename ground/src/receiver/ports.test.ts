import { describe, expect, it } from 'vitest';
import { explainPortError } from './ports.ts';

describe('port errors a ground crew can act on', () => {
  it('lists the ports there are when the path is wrong', async () => {
    expect(await explainPortError('/dev/ttyUSB9', new Error('Error: No such file or directory, cannot open /dev/ttyUSB9'))).toMatch(/^no serial port at \/dev\/ttyUSB9\. Ports here: /);
  });

  it('explains the dialout group on permission denied', async () => {
    expect(await explainPortError('/dev/ttyUSB0', new Error('Error: Permission denied, cannot open /dev/ttyUSB0'))).toMatch(/dialout group \(sudo usermod -aG dialout \$USER\)/);
  });

  it('names who holds a busy port when it can', async () => {
    expect(await explainPortError('/dev/ttyUSB0', new Error('Error: Resource temporarily unavailable Cannot lock port'))).toMatch(/^\/dev\/ttyUSB0 is busy/);
  });
});
