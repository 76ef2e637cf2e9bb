/**
 * The JSON the upload endpoint answers with. Shared by the route handler and the browser helper
 * so the two cannot drift apart; type-only imports keep this module free of server code.
 */
import type { MediaAsset } from "./queries";

export type UploadedImageVariant = { width: number; height: number; url: string };

export type UploadedImage = {
  id: string;
  /** Largest WebP rendition: the `src`. */
  url: string;
  /** JPEG at the same width, for the rare client without WebP (feeds, e-mail). */
  fallbackUrl: string;
  /** Of `url`, for the `<img>` width and height (the upload itself may have been larger). */
  width: number;
  height: number;
  /** WebP renditions, narrowest first: the `srcset`. */
  variants: UploadedImageVariant[];
  alt: string;
  caption: string;
  credit: string;
};

/** Every refusal and failure: a message fit to show the uploader, never raw error text. */
export type UploadErrorBody = { error: string };

export function toUploadedImage(asset: MediaAsset): UploadedImage {
  const largest = asset.responsive[asset.responsive.length - 1];
  return {
    id: asset.id,
    url: asset.url,
    fallbackUrl: asset.fallbackUrl,
    width: largest?.width ?? asset.width,
    height: largest?.height ?? asset.height,
    variants: asset.responsive.map((v) => ({ width: v.width, height: v.height, url: v.url })),
    alt: asset.alt,
    caption: asset.caption,
    credit: asset.credit,
  };
}
