import type { Metadata, Viewport } from "next";
import { RootDocument } from "@/components/ui/root-document";
import { BRAND_ICONS } from "@/lib/brand";
import "../globals.css";

export const metadata: Metadata = {
  title: { default: "Dateline", template: "%s · Dateline" },
  description: "News and statements from the newsroom.",
  icons: BRAND_ICONS,
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

/** Root layout of setup, sign-in and invites (the public site has its own, whose language follows the story). */
export default function AuthRootLayout({ children }: { children: React.ReactNode }) {
  return (
    <RootDocument lang="en" dir="ltr">
      {children}
    </RootDocument>
  );
}
