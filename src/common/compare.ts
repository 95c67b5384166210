/** Code-point order: the same on every machine and locale (plan order, hashes, signing). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
