import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGS } from '@cansat/protocol/i18n';

const ROOT = new URL('../..', import.meta.url).pathname;
/** Where the kit's words are shown: the dashboard's sources and page; and the post-flight report's. */
const SHOWN = [join(ROOT, 'web-dashboard/index.html'), ...sources(join(ROOT, 'web-dashboard/src'))];
// The report's words, and the findings the flight reconstruction words for it.
const REPORT = [...sources(join(ROOT, 'ground/src/report')), ...sources(join(ROOT, 'protocol/src/reconstruction'))];

function sources(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts'))
    .map((name) => join(folder, name));
}

/** The code without its comments (the comments explain the code in English, and are never shown). */
const withoutComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1').replace(/<!--[\s\S]*?-->/g, '');

/** Words a reader may see in English in any language: the competition's, units, names. */
const KEPT = /^(CanSat|GPS|CSV|UTC|MSL|SIMP|CX|ON|OFF|CAL|ST|SIM|ENABLE|ACTIVATE|DISABLE|BCN|RELEASE|REPLAY|LANDED|rpm|kPa|Leaflet|m|s|V|A|g|C)$/;

/**
 * English a reader would see, in source text: the text between tags, the words of title, placeholder, aria-label
 * and alt attributes, and the strings given to notices, confirmations, tooltips and textContent; `${…}` taken out.
 */
export function englishShown(source: string, html = false): string[] {
  const code = withoutComments(source).replace(/\$\{[^{}]*(\{[^{}]*\}[^{}]*)*\}/g, ' ');
  // Markup is in the page itself, or in the code's string and template literals.
  const markup = html ? [code] : [...code.matchAll(/`[^`]*`|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"/g)].map((m) => m[0]);
  const found: string[] = [];
  const words = (text: string) => (text.replace(/&[a-z]+;/g, '').match(/[A-Za-z]{2,}/g) ?? []).filter((word) => !KEPT.test(word));
  const look = (texts: string[], pattern: RegExp) => {
    for (const text of texts) for (const match of text.matchAll(pattern)) if (words(match[1]!).length > 0) found.push(match[1]!.trim());
  };
  look(markup, />([^<>]*)</g);
  look(markup, /(?:^|\s)(?:title|placeholder|aria-label|alt)="([^"]*)"/g);
  look([code], /\b(?:notice|confirm|alert|bindTooltip|setTooltipContent|onBadMessage)\(\s*['"`]([^'"`]*)['"`]/g);
  look([code], /\.(?:textContent|innerText|title|placeholder)\s*=\s*['"`]([^'"`]*)['"`]/g);
  return found;
}

describe('the dashboard speaks only through its catalogs', () => {
  it('finds English where a reader would see it (the check itself works)', () => {
    expect(englishShown("box.innerHTML = `<h2>Ground stations</h2><b>${t('x')}</b>`;")).toEqual(['Ground stations']);
    expect(englishShown('notice(\'not connected\'); input.placeholder = "operator token";')).toEqual(['not connected', 'operator token']);
    expect(englishShown('`<button title="${t(\'a\')}">CX ON</button> <span>m/s</span>`')).toEqual([]);
  });

  it('leaves no English in the dashboard outside the catalogs', () => {
    const left = SHOWN.flatMap((file) => englishShown(readFileSync(file, 'utf8'), file.endsWith('.html')).map((text) => `${file.slice(ROOT.length)}: ${text}`));
    expect(left).toEqual([]);
  });

  it('uses every key of the catalogs (in the dashboard or the report)', () => {
    const code = [...SHOWN, ...REPORT].map((file) => withoutComments(readFileSync(file, 'utf8'))).join('\n');
    // Keys written out, and families of keys built from a prefix (`state.${state}`).
    const literal = new Set([...code.matchAll(/['"`]([a-zA-Z]+\.[A-Za-z_]+)['"`]/g)].map((m) => m[1]!));
    const prefixes = [...code.matchAll(/`([a-zA-Z]+)\.\$\{/g)].map((m) => `${m[1]}.`);
    const unused = Object.keys(CATALOGS.en).filter((key) => !literal.has(key) && !prefixes.some((prefix) => key.startsWith(prefix)));
    expect(unused).toEqual([]);
  });
});
