/**
 * The public site's own words (navigation, labels, dates' wording, pagination, search, the 404 and
 * 410 pages) in every language the site speaks: one catalogue, so a page in Arabic is Arabic from
 * the skip link to the footer. A language without a catalogue falls back to English, and the
 * caller marks those words `lang="en"` so screen readers switch voice. Pure.
 *
 * Numbers inside messages are formatted for the language (Arabic gets Arabic-Indic digits).
 */

export type Messages = {
  skipToContent: string;
  sectionsNav: string;
  search: string;
  searchButton: string;
  rssFeed: string;
  sitemap: string;
  footer: (newsroomName: string) => string;
  home: string;
  by: string;
  and: string;
  updated: string;
  corrections: string;
  readIn: string;
  tags: string;
  source: string;
  translations: string;
  latestNews: string;
  moreNews: string;
  nothingPublished: string;
  sectionEmpty: string;
  inSection: (section: string) => string;
  sectionPages: (section: string) => string;
  newer: string;
  older: string;
  pageNumber: (page: number) => string;
  pages: string;
  searchResultPages: string;
  noResults: (query: string) => string;
  noMoreResults: (query: string) => string;
  resultsFor: (query: string, page: number) => string;
  backToFirstResults: string;
  storiesBy: (name: string) => string;
  storiesTagged: (tag: string) => string;
  newsFrom: (newsroomName: string) => string;
  notFoundTitle: string;
  notFoundBody: string;
  goneTitle: string;
  goneBody: string;
  goToFront: string;
  searchArchive: string;
};

const number = (locale: string) => (n: number) => n.toLocaleString(locale);

const enNumber = number("en");
const EN: Messages = {
  skipToContent: "Skip to content",
  sectionsNav: "Sections",
  search: "Search",
  searchButton: "Search stories",
  rssFeed: "RSS feed",
  sitemap: "Sitemap",
  footer: (name) => `© ${name}. Published with Dateline.`,
  home: "Home",
  by: "By",
  and: "and",
  updated: "Updated",
  corrections: "Corrections",
  readIn: "Read in",
  tags: "Tags",
  source: "Source",
  translations: "Translations",
  latestNews: "Latest news",
  moreNews: "More news",
  nothingPublished: "Nothing has been published yet. Please check back soon.",
  sectionEmpty: "No stories have been published in this section yet.",
  inSection: (s) => `In ${s}`,
  sectionPages: (s) => `${s} pages`,
  newer: "← Newer",
  older: "Older →",
  pageNumber: (n) => `Page ${enNumber(n)}`,
  pages: "Pages",
  searchResultPages: "Search result pages",
  noResults: (q) => `No stories found for “${q}”.`,
  noMoreResults: (q) => `No more results for “${q}”.`,
  resultsFor: (q, page) => `Results for “${q}”${page > 1 ? `, page ${enNumber(page)}` : ""}`,
  backToFirstResults: "Back to the first page of results",
  storiesBy: (name) => `Stories by ${name}.`,
  storiesTagged: (tag) => `Stories tagged “${tag}”.`,
  newsFrom: (name) => `News from ${name}.`,
  notFoundTitle: "Page not found",
  notFoundBody: "There is no page at this address. It may have been mistyped, or the story may have moved.",
  goneTitle: "This story has been withdrawn",
  goneBody: "The story that was published at this address is no longer available.",
  goToFront: "Go to the front page",
  searchArchive: "Search the archive",
};

const arNumber = number("ar-u-nu-arab");
const AR: Messages = {
  skipToContent: "انتقل إلى المحتوى",
  sectionsNav: "الأقسام",
  search: "بحث",
  searchButton: "ابحث في الأخبار",
  rssFeed: "موجز RSS",
  sitemap: "خريطة الموقع",
  footer: (name) => `© ${name}. يُنشر باستخدام Dateline.`,
  home: "الرئيسية",
  by: "بقلم",
  and: "و",
  updated: "حُدّث",
  corrections: "تصحيحات",
  readIn: "اقرأ باللغة",
  tags: "وسوم",
  source: "المصدر",
  translations: "ترجمات",
  latestNews: "آخر الأخبار",
  moreNews: "المزيد من الأخبار",
  nothingPublished: "لم يُنشر شيء بعد. يُرجى العودة قريبًا.",
  sectionEmpty: "لم تُنشر أي أخبار في هذا القسم بعد.",
  inSection: (s) => `في ${s}`,
  sectionPages: (s) => `صفحات ${s}`,
  // Arrows point the way the page reads: in a right-to-left page "newer" is to the right.
  newer: "→ الأحدث",
  older: "الأقدم ←",
  pageNumber: (n) => `صفحة ${arNumber(n)}`,
  pages: "الصفحات",
  searchResultPages: "صفحات نتائج البحث",
  noResults: (q) => `لم يُعثر على أخبار عن «${q}».`,
  noMoreResults: (q) => `لا مزيد من النتائج عن «${q}».`,
  resultsFor: (q, page) => `نتائج البحث عن «${q}»${page > 1 ? `، صفحة ${arNumber(page)}` : ""}`,
  backToFirstResults: "العودة إلى الصفحة الأولى من النتائج",
  storiesBy: (name) => `أخبار بقلم ${name}.`,
  storiesTagged: (tag) => `أخبار موسومة بـ«${tag}».`,
  newsFrom: (name) => `أخبار ${name}.`,
  notFoundTitle: "الصفحة غير موجودة",
  notFoundBody: "لا توجد صفحة على هذا العنوان. ربما كُتب العنوان خطأً، أو نُقل الخبر.",
  goneTitle: "سُحب هذا الخبر",
  goneBody: "الخبر الذي نُشر على هذا العنوان لم يعد متاحًا.",
  goToFront: "الذهاب إلى الصفحة الرئيسية",
  searchArchive: "البحث في الأرشيف",
};

const frNumber = number("fr");
const FR: Messages = {
  skipToContent: "Aller au contenu",
  sectionsNav: "Rubriques",
  search: "Recherche",
  searchButton: "Rechercher",
  rssFeed: "Flux RSS",
  sitemap: "Plan du site",
  footer: (name) => `© ${name}. Publié avec Dateline.`,
  home: "Accueil",
  by: "Par",
  and: "et",
  updated: "Mis à jour",
  corrections: "Corrections",
  readIn: "Lire en",
  tags: "Mots-clés",
  source: "Source",
  translations: "Traductions",
  latestNews: "Dernières nouvelles",
  moreNews: "Plus d’actualités",
  nothingPublished: "Rien n’a encore été publié. Revenez bientôt.",
  sectionEmpty: "Aucun article n’a encore été publié dans cette rubrique.",
  inSection: (s) => `Dans ${s}`,
  sectionPages: (s) => `Pages de ${s}`,
  newer: "← Plus récents",
  older: "Plus anciens →",
  pageNumber: (n) => `Page ${frNumber(n)}`,
  pages: "Pages",
  searchResultPages: "Pages de résultats",
  noResults: (q) => `Aucun article trouvé pour « ${q} ».`,
  noMoreResults: (q) => `Plus de résultats pour « ${q} ».`,
  resultsFor: (q, page) => `Résultats pour « ${q} »${page > 1 ? `, page ${frNumber(page)}` : ""}`,
  backToFirstResults: "Retour à la première page de résultats",
  storiesBy: (name) => `Articles de ${name}.`,
  storiesTagged: (tag) => `Articles avec le mot-clé « ${tag} ».`,
  newsFrom: (name) => `Actualités de ${name}.`,
  notFoundTitle: "Page introuvable",
  notFoundBody: "Il n’y a pas de page à cette adresse. Elle a pu être mal saisie, ou l’article a pu être déplacé.",
  goneTitle: "Cet article a été retiré",
  goneBody: "L’article publié à cette adresse n’est plus disponible.",
  goToFront: "Aller à la une",
  searchArchive: "Chercher dans les archives",
};

const CATALOGUE: Record<string, Messages> = { en: EN, ar: AR, fr: FR };

/** Languages the site's own words exist in. */
export const SITE_LANGUAGES = Object.keys(CATALOGUE);

/** The words for a page in `language`, and the language they are really in (English fallback). */
export function messagesFor(language: string): { messages: Messages; lang: string } {
  const messages = CATALOGUE[language];
  return messages ? { messages, lang: language } : { messages: EN, lang: "en" };
}
