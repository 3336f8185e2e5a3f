import { isLanguage, LANGUAGES, pickLanguage, translatorFor, type LanguageCode, type MessageKey, type Params } from '@cansat/protocol/i18n';

const LANGUAGE_KEY = 'cansat.language';
const DIGITS_KEY = 'cansat.nativeDigits';

/** What this browser remembers (nothing outside one: the views' formatting is also used by tests in Node). */
const remembered = (key: string): string | null => globalThis.localStorage?.getItem(key) ?? null;

/** The language this browser asked for last, else the first of its own languages the kit speaks. */
function chosenLanguage(): LanguageCode {
  const saved = remembered(LANGUAGE_KEY);
  return saved !== null && isLanguage(saved) ? saved : pickLanguage(globalThis.navigator?.languages ?? []);
}

/** The page's words and numbers, in the chosen language. */
export const translator = translatorFor(chosenLanguage(), remembered(DIGITS_KEY) === '1');

/** A message of the chosen language's catalog. */
export const t = (key: MessageKey, params?: Params): string => translator.t(key, params);

/** A competition word (a state, a command) as the wire has it, with its meaning beside it unless in English. */
export const gloss = (key: MessageKey): string => (translator.code === 'en' ? '' : t(key));

/**
 * The page in the chosen language: its lang and direction, and the words index.html holds by key
 * (`data-i18n` for text, `data-i18n-label` for aria-label, `data-i18n-title` for title).
 */
export function applyLanguage(): void {
  const root = document.documentElement;
  root.lang = translator.code;
  root.dir = translator.dir;
  if (translator.language.fonts) root.style.fontFamily = translator.language.fonts;
  document.title = t('page.title');
  for (const element of document.querySelectorAll<HTMLElement>('[data-i18n]')) element.textContent = t(element.dataset['i18n'] as MessageKey);
  for (const element of document.querySelectorAll<HTMLElement>('[data-i18n-label]')) element.setAttribute('aria-label', t(element.dataset['i18nLabel'] as MessageKey));
  for (const element of document.querySelectorAll<HTMLElement>('[data-i18n-title]')) element.title = t(element.dataset['i18nTitle'] as MessageKey);
}

/** Whether the language writes numbers with digits of its own by default (Persian, Arabic, Bengali). */
export const hasNativeDigits = (code: LanguageCode): boolean => new Intl.NumberFormat(code).resolvedOptions().numberingSystem !== 'latn';

/**
 * The language picker (each language in its own name) and, for a language with digits of its own, the choice of
 * them; a change is remembered and the page starts again in it.
 */
export function buildLanguagePicker(root: HTMLElement, beforeReload: () => void): void {
  root.innerHTML = `<select id="language" aria-label="${t('page.language')}">${LANGUAGES.map((l) => `<option value="${l.code}" lang="${l.code}" dir="${l.dir}">${l.name}</option>`).join('')}</select>${
    // The language's own digits, as a sample of themselves (a word would not fit the header).
    hasNativeDigits(translator.code) ? ` <label title="${t('page.nativeDigits')}"><input type="checkbox" id="digits" />${new Intl.NumberFormat(translator.code).format(123)}</label>` : ''
  }`;
  const select = root.querySelector<HTMLSelectElement>('#language')!;
  select.value = translator.code;
  const digits = root.querySelector<HTMLInputElement>('#digits');
  if (digits) digits.checked = translator.nativeDigits;
  const change = () => {
    localStorage.setItem(LANGUAGE_KEY, select.value);
    localStorage.setItem(DIGITS_KEY, digits?.checked ? '1' : '0');
    beforeReload();
    location.reload();
  };
  select.onchange = change;
  if (digits) digits.onchange = change;
}
