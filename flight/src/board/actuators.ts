import type { Device } from '@cansat/protocol';
import type { FlightConfig } from '../config/flight-config.ts';
import type { IoPlugin } from './io-plugin.ts';

/**
 * The CanSat's outputs: the release servo, the parachute pin, the audio beacon and the camera switch, driven
 * through the IO plugin. Throws only if the plugin does (the caller counts it).
 */
export class Actuators {
  constructor(
    private readonly io: IoPlugin,
    private readonly config: FlightConfig['actuators'],
  ) {
    io.pinMode(config.releasePin, io.MODES['SERVO'] ?? 4);
    for (const pin of [config.parachutePin, config.buzzerPin, config.cameraPin]) io.pinMode(pin, io.MODES['OUTPUT'] ?? 1);
  }

  set(device: Device, on: boolean): void {
    const c = this.config;
    switch (device) {
      case 'RELEASE':
        this.io.servoWrite(c.releasePin, on ? c.releaseOpen : c.releaseClosed);
        return;
      case 'PARACHUTE':
        this.io.digitalWrite(c.parachutePin, on ? 1 : 0);
        return;
      case 'BEACON':
        this.io.digitalWrite(c.buzzerPin, on ? 1 : 0);
        return;
      case 'CAMERA':
        this.io.digitalWrite(c.cameraPin, on ? 1 : 0);
        return;
    }
  }
}
