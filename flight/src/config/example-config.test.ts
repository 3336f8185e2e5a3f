import { describe, expect, it } from 'vitest';
import { loadFlightConfig } from './flight-config.ts';

describe('the example config shipped with the flight package', () => {
  it('is valid', async () => {
    const config = await loadFlightConfig(new URL('../../flight.example.json', import.meta.url).pathname);
    expect(config.teamId).toBe(1234);
  });
});
