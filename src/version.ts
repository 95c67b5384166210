/** The package version (generated from package.json by scripts/generate-version.ts). */
export const VERSION = '0.1.0';
