import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { GroundStation, loadRecording } from '@cansat/ground';
import { describe, expect, it } from 'vitest';

const CLASSROOM = new URL('../classroom/', import.meta.url).pathname;

describe('the classroom flights shipped with the kit', () => {
  it.each(readdirSync(CLASSROOM).filter((name) => !name.includes('.')))('%s replays through the ground station to a landing', (name) => {
    const recording = loadRecording(join(CLASSROOM, name, 'radio.raw'));
    const station = new GroundStation({ teamId: 1234, wireFormat: recording.wireFormat, source: name, replay: true });
    for (const chunk of recording.chunks) station.ingest(chunk.bytes, recording.startedAt + chunk.receivedAt);
    const states = [...new Set(station.telemetry.map((t) => t.data.state))];
    expect(states[0]).toBe('LAUNCH_PAD');
    expect(states.at(-1)).toBe('LANDED');
    expect(station.linkStats(0).framesLost).toBe(0);
    // Its CSV replays too, to the same rows.
    const csv = loadRecording(join(CLASSROOM, name, 'Flight_1234.csv'));
    expect(csv.chunks).toHaveLength(station.telemetry.length);
  });
});
