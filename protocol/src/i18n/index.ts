/** @cansat/protocol/i18n: the kit's words in every language it speaks, for the dashboard and the report. */
import ar from './catalogs/ar.ts';
import bn from './catalogs/bn.ts';
import en from './catalogs/en.ts';
import es from './catalogs/es.ts';
import fa from './catalogs/fa.ts';
import id from './catalogs/id.ts';
import mn from './catalogs/mn.ts';
import th from './catalogs/th.ts';
import tr from './catalogs/tr.ts';
import ur from './catalogs/ur.ts';
import zh from './catalogs/zh.ts';
import { Translator, type Catalog, type LanguageCode } from './translate.ts';

export * from './translate.ts';

/** Every catalog, by language code. */
export const CATALOGS: Record<LanguageCode, Catalog> = { en, zh, fa, ur, ar, tr, th, es, id, bn, mn };

/** A translator for `code`, Latin digits unless `nativeDigits`. */
export function translatorFor(code: LanguageCode, nativeDigits = false): Translator {
  return new Translator(code, CATALOGS[code], nativeDigits);
}
