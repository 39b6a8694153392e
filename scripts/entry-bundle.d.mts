// Types of entry-bundle.mjs for the TypeScript that imports it (server/testing/prebuilt-entries.ts).
export const ROOT: string;
export const ENTRIES: string[];
export function bundleEntries(outdir: string): Promise<void>;
export function newestChange(p: string): number;
