import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deframe } from '../frame.ts';
import { CommandVerifier, parseKey } from '../node/command-signing.ts';
import { SAMPLE_KEY_HEX } from '../testing/sample-messages.ts';
import { GENERATED_BLOCK, exampleMessages, generatedSections, updateGeneratedSections } from './protocol-doc.ts';

const doc = readFileSync(new URL('../../PROTOCOL.md', import.meta.url), 'utf8');

describe('PROTOCOL.md', () => {
  it('says what the code does (run `npm run docs -w @cansat/protocol` after changing a message)', () => {
    expect(updateGeneratedSections(doc)).toBe(doc);
  });

  it('has every generated block, none of them empty', () => {
    const blocks = [...doc.matchAll(GENERATED_BLOCK)].map((m) => ({ name: m[1]!, content: m[2]!.trim() }));
    expect(blocks.map((b) => b.name).sort()).toEqual(Object.keys(generatedSections()).sort());
    expect(blocks.filter((b) => b.content === '').map((b) => b.name)).toEqual([]);
  });

  it('has worked examples whose frames decode to the messages they show', () => {
    const frames = [...doc.matchAll(/^frame {4}([0-9a-f ]+)$/gm)].map((m) => Buffer.from(m[1]!.replaceAll(' ', ''), 'hex'));
    const expected = Object.values(exampleMessages());
    expect(frames).toHaveLength(expected.length);
    frames.forEach((frame, i) => expect(deframe(frame)).toEqual({ status: 'ok', length: frame.length, message: expected[i] }));
  });

  it('has a command example signed with the documented key', () => {
    const line = /^frame {4}(13 [0-9a-f ]+|05 13 [0-9a-f ]+)$/m.exec(doc);
    const result = deframe(Buffer.from(line![1]!.replaceAll(' ', ''), 'hex'));
    if (result.status !== 'ok' || result.message.type !== 'command') throw new Error('no command example');
    const verifier = new CommandVerifier({ key: parseKey(SAMPLE_KEY_HEX), teamId: 1234 });
    expect(verifier.verify(result.message)).toMatchObject({ ok: true, command: { name: 'CX', on: true } });
  });
});
