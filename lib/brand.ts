/**
 * The shipped brand files in public/ (drawn by scripts/make-public-assets.mjs). Generic on
 * purpose: the newsroom's name is a setting, so no file carries one.
 */
import type { Metadata } from "next";

export const BRAND_FILES = {
  favicon: "/favicon.ico",
  iconSvg: "/icon.svg",
  appleTouchIcon: "/apple-touch-icon.png",
  /** Square raster logo for structured data (publisher.logo). */
  logo: { path: "/logo.png", width: 512, height: 512 },
  /** The share card used when a story has no featured image (1.91:1, what every network crops to). */
  shareImage: { path: "/share-default.png", width: 1200, height: 630 },
} as const;

/** <link rel="icon"> and the Apple touch icon, for every root layout. */
export const BRAND_ICONS: NonNullable<Metadata["icons"]> = {
  icon: [
    { url: BRAND_FILES.favicon, sizes: "32x32" },
    { url: BRAND_FILES.iconSvg, type: "image/svg+xml" },
  ],
  apple: BRAND_FILES.appleTouchIcon,
};
