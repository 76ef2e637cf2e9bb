import type { SiteImage } from "@/lib/site/types";

/**
 * The stored renditions as a <picture>: AVIF for the browsers that take it, WebP for the rest,
 * the JPEG for anything older, with intrinsic width and height (the browser reserves the box: no
 * layout shift). Not next/image: these are already resized by the media module at upload, and
 * plain elements ship no client code.
 */
export function ResponsiveImage({ image, sizes, priority = false }: { image: SiteImage; sizes: string; priority?: boolean }) {
  const img = (
    // eslint-disable-next-line @next/next/no-img-element
    <img
      src={image.src}
      width={image.width}
      height={image.height}
      alt={image.alt}
      loading={priority ? "eager" : "lazy"}
      decoding="async"
      fetchPriority={priority ? "high" : undefined}
    />
  );
  if (!image.srcSet && !image.avifSrcSet) return img;
  return (
    <picture>
      {image.avifSrcSet ? <source type="image/avif" srcSet={image.avifSrcSet} sizes={sizes} /> : null}
      {image.srcSet ? <source type="image/webp" srcSet={image.srcSet} sizes={sizes} /> : null}
      {img}
    </picture>
  );
}
