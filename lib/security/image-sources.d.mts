export const IMAGE_ORIGINS_VARIABLE: "DATELINE_IMAGE_ORIGINS";
export function parseImageOrigins(raw: string | undefined | null): string[];
export function imageSourceDirective(raw?: string | undefined): string;
