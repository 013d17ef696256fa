/** A text in the two languages the product speaks: zh-CN first, English second. */
export interface LocalizedText {
  'zh-CN': string;
  en: string;
}

export type Lang = 'zh-CN' | 'en';

export const LANGS: readonly Lang[] = ['zh-CN', 'en'];

/** Picks the language of an `Accept-Language` header or `lang` parameter; zh-CN unless English is preferred. */
export function pickLang(value: string | null | undefined): Lang {
  if (!value) return 'zh-CN';
  const first = value.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}

export function text(zh: string, en: string): LocalizedText {
  return { 'zh-CN': zh, en };
}
