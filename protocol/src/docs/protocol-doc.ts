/**
 * The generated parts of PROTOCOL.md: field tables straight from the message tables, and worked examples encoded by
 * the code itself. `npm run docs -w @cansat/protocol` rewrites them; a test fails when the file is out of date.
 */
import { AAS_2025, AAS_PROFILES } from '../aas/profiles.ts';
import { MISSION_STATES } from '../mission.ts';
import { formatTelemetryLine } from '../aas/telemetry-line.ts';
import { formatCommandLine } from '../aas/command-line.ts';
import { fieldSize, numberRange, type FieldSpec } from '../fields.ts';
import { CRC_SIZE, encodeBody, encodeFrame } from '../frame.ts';
import { HEADER_FIELDS, HEADER_SIZE } from '../messages/header.ts';
import { MESSAGE_CODES, PAYLOADS, type Message, type MessageType } from '../messages/index.ts';
import { ABSENT_RAW, WIRE_SIZE } from '../wire-types.ts';
import { crc32c } from '../crc32c.ts';
import { COBS_VECTORS, CRC32C_VECTORS } from '../testing/vectors.ts';
import { parseKey, signFields } from '../node/command-signing.ts';
import { SAMPLE_ACK, SAMPLE_COMMAND_UNSIGNED, SAMPLE_EVENT, SAMPLE_KEY_HEX, SAMPLE_TELEMETRY } from '../testing/sample-messages.ts';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex').replace(/(..)(?!$)/g, '$1 ');

function fieldRow(field: FieldSpec, offset: number): string {
  if (field.kind === 'bytes') return `| ${offset} | ${field.length} | \`${field.name}\` | bytes | | | | | ${field.description} |`;
  const size = WIRE_SIZE[field.wire];
  const absent = field.nullable ? `0x${(ABSENT_RAW[field.wire] >>> 0).toString(16).slice(-size * 2).padStart(size * 2, '0')}` : '';
  if (field.kind === 'enum') {
    const values = field.values.map((v, i) => `${i} ${v}`).join(', ');
    return `| ${offset} | ${size} | \`${field.name}\` | ${field.wire} | | | ${values} | ${absent} | ${field.description} |`;
  }
  const [min, max] = numberRange(field);
  const range = field.wraps ? `0 … 65535 (count mod 2¹⁶)` : `${min} … ${max}`;
  return `| ${offset} | ${size} | \`${field.name}\` | ${field.wire} | ${field.resolution} | ${field.unit} | ${range} | ${absent} | ${field.description} |`;
}

function table(fields: readonly FieldSpec[], start: number): string {
  const rows = ['| offset | size | field | wire | resolution | unit | values | absent | meaning |', '|---|---|---|---|---|---|---|---|---|'];
  let offset = start;
  for (const field of fields) {
    rows.push(fieldRow(field, offset));
    offset += fieldSize(field);
  }
  return rows.join('\n');
}

/** The header table. */
export function headerSection(): string {
  return [
    '| offset | size | field | wire | resolution | unit | values | absent | meaning |',
    '|---|---|---|---|---|---|---|---|---|',
    `| 0 | 1 | version, type | u8 | | | high nibble: version 1; low nibble: ${Object.entries(MESSAGE_CODES).map(([t, c]) => `${c} ${t}`).join(', ')} | | |`,
    ...table(HEADER_FIELDS, 1).split('\n').slice(2),
  ].join('\n');
}

/** The payload table of one message type, with its sizes. */
export function payloadSection(type: MessageType): string {
  const { fields, layout } = PAYLOADS[type];
  const body = HEADER_SIZE + layout.size + CRC_SIZE;
  return [
    table(fields, HEADER_SIZE),
    `| ${HEADER_SIZE + layout.size} | 4 | CRC-32C | u32 | | | over bytes 0 … ${HEADER_SIZE + layout.size - 1} | | |`,
    '',
    `Payload ${layout.size} bytes; body ${body} bytes; on the wire at most ${body + 1 + Math.ceil(body / 254)} bytes with the delimiter.`,
  ].join('\n');
}

/** A worked example: the message, its body in hex (header | payload | CRC), and the frame on the wire. */
function example(message: Message): string {
  const withoutCrc = encodeBody(message);
  const crc = crc32c(withoutCrc);
  const payloadSize = PAYLOADS[message.type].layout.size;
  const json = JSON.stringify(message, (_, v: unknown) => (v instanceof Uint8Array ? hex(v).replaceAll(' ', '') : v), 1)
    .replace(/\n\s*/g, ' ')
    .replace(/^{ /, '{ ');
  return [
    '```text',
    `message  ${json}`,
    `header   ${hex(withoutCrc.subarray(0, HEADER_SIZE))}`,
    `payload  ${hex(withoutCrc.subarray(HEADER_SIZE, HEADER_SIZE + payloadSize))}`,
    `crc32c   ${crc.toString(16).padStart(8, '0')} (sent little-endian)`,
    `frame    ${hex(encodeFrame(message))}`,
    '```',
  ].join('\n');
}

/** The signed sample command (key 00 01 … 1f). */
export function sampleCommand() {
  return signFields(SAMPLE_COMMAND_UNSIGNED, parseKey(SAMPLE_KEY_HEX));
}

/** Every worked example, keyed by type. */
export function exampleMessages(): Record<MessageType, Message> {
  return { telemetry: SAMPLE_TELEMETRY, event: SAMPLE_EVENT, command: sampleCommand(), ack: SAMPLE_ACK };
}

const shortHex = (bytes: Uint8Array) => (bytes.length > 12 ? `${hex(bytes.subarray(0, 4))} … ${hex(bytes.subarray(-3))}` : hex(bytes));

/** The test-vector tables, from the vectors the tests check. */
function vectorSections(): Record<string, string> {
  return {
    'vectors-crc32c': ['| input | CRC-32C |', '|---|---|', ...CRC32C_VECTORS.map((v) => `| ${v.label} | \`${v.crc.toString(16).padStart(8, '0')}\` |`)].join('\n'),
    'vectors-cobs': [
      '| decoded | encoded |',
      '|---|---|',
      ...COBS_VECTORS.map((v) => `| ${v.label} | \`${shortHex(v.encoded)}\`${v.encoded.length > 12 ? ` (${v.encoded.length} bytes)` : ''} |`),
    ].join('\n'),
  };
}

/** Each profile's STATE label for each of the kit's states, from the profiles themselves. */
function aasStatesSection(): string {
  const profiles = Object.values(AAS_PROFILES);
  const label = (year: number, state: (typeof MISSION_STATES)[number]) => {
    const column = AAS_PROFILES[year]!.columns.find((c) => c.kind === 'label' && c.field === 'state');
    return column?.kind === 'label' ? column.labels[state] : '';
  };
  return [
    `| kit state | ${profiles.map((p) => p.year).join(' | ')} |`,
    `|---|${profiles.map(() => '---|').join('')}`,
    ...MISSION_STATES.map((state) => `| ${state} | ${profiles.map((p) => label(p.year, state)).join(' | ')} |`),
  ].join('\n');
}

/** The generated sections by name, as they must appear in PROTOCOL.md. */
export function generatedSections(): Record<string, string> {
  const examples = exampleMessages();
  return {
    ...vectorSections(),
    'aas-states': aasStatesSection(),
    header: headerSection(),
    telemetry: payloadSection('telemetry'),
    event: payloadSection('event'),
    command: payloadSection('command'),
    ack: payloadSection('ack'),
    'example-telemetry': example(examples.telemetry),
    'example-event': example(examples.event),
    'example-command': example(examples.command),
    'example-ack': example(examples.ack),
    'example-aas': ['```text', formatTelemetryLine(SAMPLE_TELEMETRY, AAS_2025).replace('\r', '<CR>'), formatCommandLine(1234, { name: 'CX', on: true }).replace('\r', '<CR>'), '```'].join('\n'),
  };
}

/** A generated block: any name, so that a misspelt one is reported rather than left alone. */
export const GENERATED_BLOCK = /<!-- generated:(\S+) -->\n([\s\S]*?)<!-- \/generated -->/g;

/** `text` with every generated section replaced by its current content. */
export function updateGeneratedSections(text: string): string {
  const sections = generatedSections();
  return text.replace(GENERATED_BLOCK, (_whole, name: string) => {
    const content = sections[name];
    if (content === undefined) throw new Error(`PROTOCOL.md names an unknown generated section "${name}"`);
    return `<!-- generated:${name} -->\n${content}\n<!-- /generated -->`;
  });
}
