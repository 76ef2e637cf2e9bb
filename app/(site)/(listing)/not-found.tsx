import { NotFoundView } from "@/components/site/not-found-view";
import { loadSiteFrame } from "@/lib/site/public-page";

export default async function ListingNotFound() {
  const { settings } = await loadSiteFrame();
  return <NotFoundView language={settings.defaultLanguage} />;
}
