/**
 * Language of public pages. A story's language sets lang and dir on its article and on the
 * document, and the site's own words (navigation, labels, dates) follow the page's language from
 * the one catalogue in lib/i18n; where a language has no catalogue the English words say so
 * (lang="en"), so screen readers switch voice correctly. Pure.
 */
import { isLanguageCode, languageDir, LANGUAGES } from "@/lib/content/languages";
import { messagesFor, type Messages } from "@/lib/i18n/messages";

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

/**
 * Locale for datelines: house style in English; Arabic entirely in Arabic (month and day names and
 * Arabic-Indic digits); other languages get their own month names with Latin digits.
 */
export function datelineLocale(code: string): string {
  if (code === "en") return "en-GB";
  if (code === "ar") return "ar-u-nu-arab";
  return `${code}-u-nu-latn`;
}

/** The site's own words for a page in `code` (lib/i18n/messages.ts), and their real language. */
export function stringsFor(code: string): { strings: Messages; lang: string } {
  const { messages, lang } = messagesFor(code);
  return { strings: messages, lang };
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
