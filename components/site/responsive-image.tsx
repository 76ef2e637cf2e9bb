import type { SiteImage } from "@/lib/site/types";

/**
 * A plain <img> with its intrinsic width and height (the browser reserves the box: no layout
 * shift) and the stored renditions as srcset. Not next/image: these are already resized by the
 * media module at upload, and a plain element ships no client code.
 */
export function ResponsiveImage({ image, sizes, priority = false }: { image: SiteImage; sizes: string; priority?: boolean }) {
  return (
    // eslint-disable-next-line @next/next/no-img-element
    <img
      src={image.src}
      srcSet={image.srcSet || undefined}
      sizes={image.srcSet ? sizes : undefined}
      width={image.width}
      height={image.height}
      alt={image.alt}
      loading={priority ? "eager" : "lazy"}
      decoding="async"
      fetchPriority={priority ? "high" : undefined}
    />
  );
}
