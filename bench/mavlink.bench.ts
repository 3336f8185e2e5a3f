import { MavLinkPacketParser, MavLinkPacketSplitter, MavLinkProtocolV2, common, type MavLinkPacket } from 'node-mavlink';
import { Readable } from 'node:stream';
import type { BenchOptions, Figure } from './figure.ts';

/**
 * The peer: node-mavlink (ArduPilot's MAVLink 2 library for Node) decoding HIGHRES_IMU messages, a telemetry
 * message of about our frame's size (77 bytes on the wire against 64), through its splitter and parser streams and
 * into field objects, as a ground station uses it. Compared with our FrameDecoderStream in the same run.
 */
export async function mavlinkPeerDecodeRate(quick: boolean): Promise<number> {
  const protocol = new MavLinkProtocolV2();
  const packets: Buffer[] = [];
  for (let i = 0; i < 1024; i++) {
    const imu = new common.HighresImu();
    imu.timeUsec = BigInt(i) * 100_000n;
    imu.xacc = 0.1 + i / 1000;
    imu.yacc = 0.2;
    imu.zacc = 9.81;
    imu.xgyro = 0.01 * i;
    imu.ygyro = -0.02;
    imu.zgyro = 6.28;
    imu.xmag = 0.2;
    imu.ymag = -0.1;
    imu.zmag = 0.45;
    imu.absPressure = 919.65 - i / 100;
    imu.diffPressure = 0.1;
    imu.pressureAlt = 810 + i / 10;
    imu.temperature = 21.5;
    imu.fieldsUpdated = 0xffff as common.HighresImuUpdatedFlags;
    imu.id = 0;
    packets.push(protocol.serialize(imu, i & 0xff));
  }
  const stream = Buffer.concat(packets);
  const repeats = quick ? 2 : 100;
  const chunks = function* () {
    for (let r = 0; r < repeats; r++) for (let at = 0; at < stream.length; at += 65_536) yield stream.subarray(at, at + 65_536);
  };
  let decoded = 0;
  const started = process.hrtime.bigint();
  await new Promise<void>((resolve, reject) => {
    const parser = Readable.from(chunks()).pipe(new MavLinkPacketSplitter()).pipe(new MavLinkPacketParser());
    parser.on('data', (packet: MavLinkPacket) => {
      const data = packet.protocol.data(packet.payload, common.HighresImu);
      if (data.zacc > 0) decoded++;
    });
    parser.on('end', resolve);
    parser.on('error', reject);
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (decoded !== repeats * packets.length) throw new Error(`node-mavlink decoded ${decoded} of ${repeats * packets.length}`);
  return decoded / seconds;
}

/** node-mavlink's decode rate, and ours divided by it, from one run. */
export async function mavlinkBench({ quick }: BenchOptions, oursPerSec: number): Promise<Figure[]> {
  const peer = await mavlinkPeerDecodeRate(quick);
  return [
    { key: 'peer.mavlinkDecodePerSec', value: peer, unit: 'messages/s', note: 'node-mavlink 2.3, HIGHRES_IMU (77 bytes), splitter + parser streams + fields' },
    { key: 'protocol.vsMavlink', value: oursPerSec / peer, unit: '×', target: { op: '>=', value: 3 }, note: 'protocol.streamDecodePerSec / peer.mavlinkDecodePerSec, same run' },
  ];
}
