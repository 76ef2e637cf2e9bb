/**
 * The <html> and <body> of a root layout. The app has several root layouts (the public site's
 * document language follows the story it shows; the desk and sign-in pages are in English), and
 * they all render the same document shell through this.
 */
export function RootDocument({ lang, dir, className, children }: { lang: string; dir: "ltr" | "rtl"; className?: string; children: React.ReactNode }) {
  return (
    <html lang={lang} dir={dir}>
      <body className={className}>{children}</body>
    </html>
  );
}
