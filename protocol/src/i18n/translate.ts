import en from './catalogs/en.ts';

/** A message of a catalog: plain text, or one text per plural category (CLDR's, as Intl.PluralRules names them). */
export type Message = string | Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/** The keys every catalog has: the English catalog's. */
export type MessageKey = keyof typeof en;

/** A language's catalog: every key, each a message. */
export type Catalog = Record<MessageKey, Message>;

/** A language the kit speaks: its BCP 47 code, its own name for itself, and its direction. */
export interface Language {
  code: string;
  name: string;
  dir: 'ltr' | 'rtl';
  /**
   * A CSS font-family list for its script, where the system's default may lack it: the font the kit is tested with
   * first (Debian's Noto, installed by the project's script), then Windows' and macOS' own. Never fetched.
   */
  fonts?: string;
}

/** Persian, Arabic and Urdu (after its Nastaliq). */
const ARABIC_SCRIPT = "'Noto Sans Arabic', 'Segoe UI', 'Geeza Pro', system-ui, sans-serif";

/** The languages, in the order the picker lists them (each named in itself). */
export const LANGUAGES = [
  { code: 'en', name: 'English', dir: 'ltr' },
  { code: 'zh', name: '简体中文', dir: 'ltr', fonts: "'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', system-ui, sans-serif" },
  { code: 'fa', name: 'فارسی', dir: 'rtl', fonts: ARABIC_SCRIPT },
  { code: 'ur', name: 'اردو', dir: 'rtl', fonts: `'Noto Nastaliq Urdu', 'Urdu Typesetting', ${ARABIC_SCRIPT}` },
  { code: 'ar', name: 'العربية', dir: 'rtl', fonts: ARABIC_SCRIPT },
  { code: 'tr', name: 'Türkçe', dir: 'ltr' },
  { code: 'th', name: 'ไทย', dir: 'ltr', fonts: "'Noto Sans Thai', 'Leelawadee UI', 'Thonburi', system-ui, sans-serif" },
  { code: 'es', name: 'Español', dir: 'ltr' },
  { code: 'id', name: 'Bahasa Indonesia', dir: 'ltr' },
  { code: 'bn', name: 'বাংলা', dir: 'ltr', fonts: "'Noto Sans Bengali', 'Nirmala UI', 'Kohinoor Bangla', system-ui, sans-serif" },
  { code: 'mn', name: 'Монгол', dir: 'ltr' },
] as const satisfies readonly Language[];

export type LanguageCode = (typeof LANGUAGES)[number]['code'];

/**
 * The language to show for a reader's preferences (navigator.languages, or --lang): the first one the kit speaks,
 * by its primary subtag (`es-PE` is Spanish, `zh-Hans-CN` Chinese); English otherwise.
 */
export function pickLanguage(preferred: readonly string[]): LanguageCode {
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split(/[-_]/)[0];
    const found = LANGUAGES.find((l) => l.code === primary);
    if (found) return found.code;
  }
  return 'en';
}

/** Whether a code is one of the kit's languages. */
export const isLanguage = (code: string): code is LanguageCode => LANGUAGES.some((l) => l.code === code);

/** Values put into a message's `{placeholders}`; numbers are written the locale's way. */
export type Params = Record<string, string | number>;

/**
 * Words and numbers in one language. Messages come from the language's catalog (English where a catalog lacks a
 * key, which the catalog test forbids), plurals by Intl.PluralRules, numbers by Intl.NumberFormat. Digits are
 * Latin unless `nativeDigits`: crews read telemetry aloud to judges, who check it against the CSV.
 */
export class Translator {
  readonly language: Language;
  private readonly plurals: Intl.PluralRules;
  private readonly numbers: Intl.NumberFormat;

  constructor(
    readonly code: LanguageCode,
    private readonly catalog: Partial<Catalog>,
    readonly nativeDigits = false,
  ) {
    this.language = LANGUAGES.find((l) => l.code === code)!;
    this.plurals = new Intl.PluralRules(code);
    // No grouping: a count reads as the CSV and the judges' sheet write it.
    this.numbers = new Intl.NumberFormat(code, { ...this.digits(), useGrouping: false });
  }

  get dir(): 'ltr' | 'rtl' {
    return this.language.dir;
  }

  /** A message with its placeholders filled; `count`, when given, chooses the plural form. */
  t(key: MessageKey, params: Params = {}): string {
    const message = this.catalog[key] ?? en[key];
    const text = typeof message === 'string' ? message : pluralForm(message, this.plurals.select(Number(params['count'] ?? 0)));
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = params[name];
      if (value === undefined) return whole;
      return typeof value === 'number' ? this.numbers.format(value) : value;
    });
  }

  /** A measured value with `decimals` digits after the point, no grouping (as the CSV writes it). */
  value(value: number, decimals: number): string {
    if (!this.nativeDigits) return value.toFixed(decimals);
    return new Intl.NumberFormat(this.code, { minimumFractionDigits: decimals, maximumFractionDigits: decimals, useGrouping: false }).format(value);
  }

  /** A count, in the locale's digits if asked. */
  count(value: number): string {
    return this.numbers.format(value);
  }

  /** Intl options for the digits asked for. */
  digits(): Intl.NumberFormatOptions {
    return this.nativeDigits ? {} : { numberingSystem: 'latn' };
  }
}

function pluralForm(message: Exclude<Message, string>, category: Intl.LDMLPluralRule): string {
  return message[category] ?? message.other;
}
