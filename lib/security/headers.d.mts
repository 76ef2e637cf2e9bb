export function inlineScriptHashes(html: string): string[];
export function contentSecurityPolicy(html: string, options: { frameable: boolean }): string;
export function baseSecurityHeaders(options: { https: boolean; desk: boolean }): Record<string, string>;
export function isNewsroomPath(pathname: string): boolean;
export const SECURITY_HEADER_NAMES: Set<string>;
export function isFrameworkScript(text: string): boolean;
