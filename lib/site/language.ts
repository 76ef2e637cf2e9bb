/**
 * Language of public pages. A story's language sets lang and dir on its article and on the
 * document; the site's own words (navigation, labels) are in the newsroom's language, and where
 * the two differ the element holding them says so, so screen readers switch voice correctly.
 * Pure.
 */
import { isLanguageCode, languageDir, LANGUAGES } from "@/lib/content/languages";

export type Dir = "ltr" | "rtl";

export function normalizeLanguage(code: string | null | undefined, fallback = "en"): string {
  return code && isLanguageCode(code) ? code : fallback;
}

export function dirOf(code: string): Dir {
  return languageDir(code);
}

/** The language's own name for a "Read in …" link: "العربية", "Français". */
export function nativeLanguageName(code: string): string {
  return LANGUAGES.find((l) => l.code === code)?.nativeName ?? code;
}

/** House style datelines in English; other languages get their own month names, Latin digits. */
export function datelineLocale(code: string): string {
  return code === "en" ? "en-GB" : `${code}-u-nu-latn`;
}

export type SiteStrings = {
  home: string;
  by: string;
  and: string;
  updated: string;
  corrections: string;
  readIn: string;
  tags: string;
  source: string;
  translations: string;
};

const EN: SiteStrings = {
  home: "Home",
  by: "By",
  and: "and",
  updated: "Updated",
  corrections: "Corrections",
  readIn: "Read in",
  tags: "Tags",
  source: "Source",
  translations: "Translations",
};

const STRINGS: Record<string, SiteStrings> = {
  en: EN,
  ar: {
    home: "الرئيسية",
    by: "بقلم",
    and: "و",
    updated: "حُدّث",
    corrections: "تصحيحات",
    readIn: "اقرأ باللغة",
    tags: "وسوم",
    source: "المصدر",
    translations: "ترجمات",
  },
  fr: {
    home: "Accueil",
    by: "Par",
    and: "et",
    updated: "Mis à jour",
    corrections: "Corrections",
    readIn: "Lire en",
    tags: "Mots-clés",
    source: "Source",
    translations: "Traductions",
  },
};

/** Labels for an article in `code`, and the language they are actually in (English fallback). */
export function stringsFor(code: string): { strings: SiteStrings; lang: string } {
  const strings = STRINGS[code];
  return strings ? { strings, lang: code } : { strings: EN, lang: "en" };
}

/**
 * "(Source: Reuters)". A source line already written that way is kept as the reporter wrote it;
 * one that already starts with the label ("Source: Reuters", "المصدر: …") only gains parentheses.
 */
export function formatSourceLine(sourceLine: string, label: string): string {
  const trimmed = sourceLine.trim();
  if (!trimmed) return "";
  if (/^\(.*\)$/s.test(trimmed)) return trimmed;
  const labelled = [label, "Source"].some((l) => trimmed.toLocaleLowerCase().startsWith(`${l.toLocaleLowerCase()}:`));
  return labelled ? `(${trimmed})` : `(${label}: ${trimmed})`;
}
