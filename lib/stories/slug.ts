/**
 * URL slugs for stories.
 *
 * Slugs end up in shared links, sitemaps and print, so they are plain ASCII: a romanized slug of an
 * Arabic or Cyrillic headline is readable and copyable anywhere, where a percent-encoded one is not.
 * The romanization is deliberately simple and letter-by-letter; an editor can always type a better
 * slug by hand, and `isValidSlug` is what the server enforces.
 */

export const SLUG_MAX_LENGTH = 80;
const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const FALLBACK_SLUG = "story";

/**
 * Letters that Unicode decomposition does not reduce to ASCII (ß, ø, ł have no combining-mark
 * form) and whole non-Latin alphabets. Keys are lower case: input is lower-cased first.
 */
const LATIN: Record<string, string> = {
  ß: "ss",
  ẞ: "ss",
  æ: "ae",
  œ: "oe",
  ø: "o",
  ł: "l",
  đ: "d",
  ð: "d",
  þ: "th",
  ı: "i",
  ħ: "h",
  ŧ: "t",
  ŋ: "n",
  ĸ: "k",
  ŀ: "l",
};

/**
 * Consonantal, letter-by-letter (short vowels are not written, so none are invented). Emphatic
 * and plain consonants share a letter (ص/س -> s) because ASCII has no dot-under; ain becomes "a"
 * rather than vanishing so names like عمر keep a vowel. Hamza on a seat takes the seat's vowel;
 * bare hamza has no ASCII letter and is dropped.
 */
const ARABIC: Record<string, string> = {
  ا: "a",
  ب: "b",
  ت: "t",
  ث: "th",
  ج: "j",
  ح: "h",
  خ: "kh",
  د: "d",
  ذ: "dh",
  ر: "r",
  ز: "z",
  س: "s",
  ش: "sh",
  ص: "s",
  ض: "d",
  ط: "t",
  ظ: "z",
  ع: "a",
  غ: "gh",
  ف: "f",
  ق: "q",
  ك: "k",
  ل: "l",
  م: "m",
  ن: "n",
  ه: "h",
  و: "w",
  ي: "y",
  // hamza and its seats
  ء: "",
  أ: "a",
  إ: "i",
  آ: "aa",
  ؤ: "u",
  ئ: "i",
  ٱ: "a", // alef wasla
  ة: "a", // ta marbuta, as pronounced at the end of a headline word
  ى: "a", // alef maqsura
  // Persian and Urdu letters that turn up in names and place names
  پ: "p",
  چ: "ch",
  ژ: "zh",
  گ: "g",
  ک: "k",
  ی: "y",
  ۀ: "a",
  ہ: "h",
  ے: "e",
};

const CYRILLIC: Record<string, string> = {
  а: "a",
  б: "b",
  в: "v",
  г: "g",
  д: "d",
  е: "e",
  ё: "yo",
  ж: "zh",
  з: "z",
  и: "i",
  й: "y",
  к: "k",
  л: "l",
  м: "m",
  н: "n",
  о: "o",
  п: "p",
  р: "r",
  с: "s",
  т: "t",
  у: "u",
  ф: "f",
  х: "kh",
  ц: "ts",
  ч: "ch",
  ш: "sh",
  щ: "shch",
  ъ: "",
  ы: "y",
  ь: "",
  э: "e",
  ю: "yu",
  я: "ya",
  // Ukrainian, Belarusian, Serbian, Macedonian
  є: "ye",
  і: "i",
  ї: "yi",
  ґ: "g",
  ў: "u",
  ђ: "dj",
  ј: "j",
  љ: "lj",
  њ: "nj",
  ћ: "c",
  џ: "dz",
  ѓ: "gj",
  ќ: "kj",
  ѕ: "dz",
};

/** Accented Greek vowels are reduced by decomposition before they get here. */
const GREEK: Record<string, string> = {
  α: "a",
  β: "v",
  γ: "g",
  δ: "d",
  ε: "e",
  ζ: "z",
  η: "i",
  θ: "th",
  ι: "i",
  κ: "k",
  λ: "l",
  μ: "m",
  ν: "n",
  ξ: "x",
  ο: "o",
  π: "p",
  ρ: "r",
  σ: "s",
  ς: "s",
  τ: "t",
  υ: "y",
  φ: "f",
  χ: "ch",
  ψ: "ps",
  ω: "o",
};

const TABLE: Record<string, string> = { ...LATIN, ...ARABIC, ...CYRILLIC, ...GREEK };

// Arabic-Indic (U+0660) and Extended/Persian (U+06F0) digits.
const ARABIC_INDIC_ZERO = 0x0660;
const EXTENDED_ARABIC_INDIC_ZERO = 0x06f0;
const TATWEEL = "\u0640";

// Apostrophes join rather than split words: "Don't" -> "dont", not "don-t".
const APOSTROPHES = /['’ʼ‘`´]/g;

function transliterateChar(ch: string): string {
  const code = ch.codePointAt(0)!;
  if (code >= ARABIC_INDIC_ZERO && code <= ARABIC_INDIC_ZERO + 9) return String(code - ARABIC_INDIC_ZERO);
  if (code >= EXTENDED_ARABIC_INDIC_ZERO && code <= EXTENDED_ARABIC_INDIC_ZERO + 9) {
    return String(code - EXTENDED_ARABIC_INDIC_ZERO);
  }
  if (ch === TATWEEL) return "";
  // Whole-character lookup first: й and ё would lose their identity if decomposed to и/е + mark.
  const direct = TABLE[ch];
  if (direct !== undefined) return direct;
  // Then strip accents (é -> e, ά -> α) and try again; this also drops Arabic harakat, which are
  // combining marks.
  const base = ch.normalize("NFD").replace(/\p{M}/gu, "");
  let out = "";
  for (const b of base) out += TABLE[b] ?? b;
  return out;
}

function cutAtWordBoundary(slug: string, max: number): string {
  if (slug.length <= max) return slug;
  // If the character just past the limit is a hyphen, the cut already falls between words.
  if (slug[max] === "-") return slug.slice(0, max);
  const head = slug.slice(0, max);
  const lastHyphen = head.lastIndexOf("-");
  // One enormous "word" (a pasted URL, say) has no boundary; a hard cut beats an empty slug.
  return lastHyphen > 0 ? head.slice(0, lastHyphen) : head;
}

export function suggestSlug(headline: string): string {
  // NFKC folds compatibility forms (Arabic presentation forms, full-width Latin, ligatures like ﬁ)
  // into the ordinary letters the tables know.
  const folded = String(headline ?? "")
    .normalize("NFKC")
    .toLowerCase()
    .replace(APOSTROPHES, "");
  let ascii = "";
  for (const ch of folded) ascii += transliterateChar(ch);
  const hyphenated = ascii
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  const slug = cutAtWordBoundary(hyphenated, SLUG_MAX_LENGTH).replace(/-+$/g, "");
  return slug === "" ? FALLBACK_SLUG : slug;
}

export function isValidSlug(s: unknown): s is string {
  return typeof s === "string" && s.length >= 1 && s.length <= SLUG_MAX_LENGTH && SLUG_PATTERN.test(s);
}
