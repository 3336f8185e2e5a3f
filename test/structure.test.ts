import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('..', import.meta.url).pathname;
/** What teams and crews run; firmware-sim and the tests are the kit's own tools around them. */
const PRODUCTS = ['protocol', 'flight', 'ground', 'web-dashboard'];
/** Where the kit's packages resolve, as tsconfig.json's paths say. */
const ALIASES: Record<string, string> = {
  '@cansat/protocol': 'protocol/src/index.ts',
  '@cansat/protocol/node': 'protocol/src/node/index.ts',
  '@cansat/protocol/station': 'protocol/src/station/index.ts',
  '@cansat/flight': 'flight/src/index.ts',
  '@cansat/ground': 'ground/src/index.ts',
  '@cansat/firmware-sim': 'firmware-sim/src/index.ts',
};

const sources = (folder: string) =>
  readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.includes('node_modules'))
    .map((file) => join(folder, file));

/** The modules a file imports (static, dynamic and re-exports), as written. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g)].map((m) => (m[1] ?? m[2])!);
}

/** The repository file an import names, or null for a package outside the kit. */
function resolved(from: string, specifier: string): string | null {
  if (specifier.startsWith('.')) return relative(ROOT, resolve(ROOT, dirname(from), specifier));
  return ALIASES[specifier] ?? (specifier.startsWith('@cansat/') ? specifier : null);
}

const isTestHelper = (file: string) => /(^|\/)test\//.test(file) || file.endsWith('.test.ts');

describe('the structure of the kit', () => {
  it('no product source imports the simulator or a test helper', () => {
    const wrong: string[] = [];
    for (const product of PRODUCTS) {
      for (const file of sources(`${product}/src`)) {
        for (const specifier of importsOf(file)) {
          const target = resolved(file, specifier);
          if (target === null) continue;
          if (target.startsWith('firmware-sim/') || target.startsWith('@cansat/firmware-sim')) wrong.push(`${file} imports ${specifier}`);
          if (!isTestHelper(file) && isTestHelper(target)) wrong.push(`${file} imports the test helper ${specifier}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('has no import cycle', () => {
    const graph = new Map<string, string[]>();
    for (const folder of [...PRODUCTS, 'firmware-sim'].map((p) => `${p}/src`)) {
      for (const file of sources(folder)) graph.set(file, importsOf(file).flatMap((s) => resolved(file, s) ?? []).filter((t) => t.endsWith('.ts')));
    }
    const cycles: string[] = [];
    const done = new Set<string>();
    const visit = (file: string, path: string[]) => {
      if (path.includes(file)) {
        cycles.push([...path.slice(path.indexOf(file)), file].join(' → '));
        return;
      }
      if (done.has(file)) return;
      for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
      done.add(file);
    };
    for (const file of graph.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it("the dashboard's only kit dependency is protocol, in its manifest and in its imports", () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'web-dashboard/package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(manifest.dependencies).filter((name) => name.startsWith('@cansat/'))).toEqual(['@cansat/protocol']);
    const kit = sources('web-dashboard/src')
      .filter((file) => !file.endsWith('.test.ts'))
      .flatMap((file) => importsOf(file).filter((s) => s.startsWith('@cansat/')));
    expect(new Set(kit.map((s) => s.split('/').slice(0, 2).join('/')))).toEqual(new Set(['@cansat/protocol']));
    // Its bundle reaches nothing of Node's: the protocol's browser-safe subpaths only.
    expect(kit.filter((s) => s === '@cansat/protocol/node')).toEqual([]);
  });

  it('the flight program needs no TypeScript loader to run', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'flight/package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(manifest.dependencies)).not.toContain('tsx');
    expect(readFileSync(join(ROOT, 'flight/bin/cansat-flight.js'), 'utf8')).not.toMatch(/tsx/);
  });
});
