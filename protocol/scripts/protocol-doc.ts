/** npm run docs -w @cansat/protocol: rewrites the generated tables and examples of PROTOCOL.md from the code. */
import { readFile, writeFile } from 'node:fs/promises';
import { updateGeneratedSections } from '../src/docs/protocol-doc.ts';

const path = new URL('../PROTOCOL.md', import.meta.url);
const before = await readFile(path, 'utf8');
const after = updateGeneratedSections(before);
await writeFile(path, after);
console.log(before === after ? 'PROTOCOL.md was up to date' : 'PROTOCOL.md updated');
