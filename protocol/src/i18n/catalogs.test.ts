import { describe, expect, it } from 'vitest';
import { CATALOGS, LANGUAGES, pickLanguage, translatorFor, type Message } from './index.ts';

const placeholders = (message: Message) => new Set((typeof message === 'string' ? [message] : Object.values(message)).flatMap((text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1])));

describe('the message catalogs', () => {
  const english = CATALOGS.en;
  for (const { code } of LANGUAGES) {
    it(`${code}: every key, nothing more, each with the English placeholders and its plural forms`, () => {
      const catalog = CATALOGS[code];
      expect(Object.keys(catalog).sort()).toEqual(Object.keys(english).sort());
      const plurals = new Intl.PluralRules(code).resolvedOptions().pluralCategories;
      for (const [key, message] of Object.entries(catalog) as [keyof typeof english, Message][]) {
        expect(placeholders(message), `${code} ${key}`).toEqual(placeholders(english[key]));
        if (typeof message === 'string') expect(message.trim(), `${code} ${key}`).not.toBe('');
        else for (const form of Object.keys(message)) expect(plurals, `${code} ${key}: "${form}" is not a plural form of ${code}`).toContain(form);
      }
    });
  }

  it('picks the reader\'s language by its primary subtag, English otherwise', () => {
    expect(pickLanguage(['es-PE', 'en'])).toBe('es');
    expect(pickLanguage(['zh-Hans-CN'])).toBe('zh');
    expect(pickLanguage(['de-DE', 'fa-IR'])).toBe('fa');
    expect(pickLanguage(['de-DE'])).toBe('en');
  });

  it('fills placeholders, chooses plural forms, and keeps Latin digits unless asked', () => {
    expect(translatorFor('en').t('header.recordErrors', { count: 1 })).toBe('recording failed once (disk full?)');
    expect(translatorFor('en').t('header.recordErrors', { count: 3 })).toBe('recording failed 3 times (disk full?)');
    expect(translatorFor('ar').t('header.recordErrors', { count: 2 })).toBe('فشل التسجيل مرتين (القرص ممتلئ؟)');
    expect(translatorFor('fa').t('stations.merged', { lost: 12 })).toBe('ادغام‌شده: 12 گم‌شده');
    expect(translatorFor('fa', true).t('stations.merged', { lost: 12 })).toBe('ادغام‌شده: ۱۲ گم‌شده');
    expect(translatorFor('fa').value(-3.25, 1)).toBe('-3.3');
    expect(translatorFor('bn', true).value(812.5, 1)).toBe('৮১২.৫');
    expect(translatorFor('fa').dir).toBe('rtl');
    expect(translatorFor('th').dir).toBe('ltr');
  });
});
