/**
 * Environment variable names for exported sensitive parameters: `COC_<SCRIPT>_<PARAM>`, upper
 * case. Script names may hold Chinese characters, which are not valid in a variable name; we
 * keep the ASCII part and add a short hash of the full name instead of transliterating, so the
 * name stays stable and distinct without a pinyin dictionary.
 */
import { createHash } from 'node:crypto';

const ASCII_WORD = /^[A-Za-z0-9_]+$/u;

/** One name part: the ASCII word upper-cased, or its ASCII remnants plus an 8-hex hash. */
export function envNamePart(name: string): string {
  if (ASCII_WORD.test(name)) return name.toUpperCase();
  const hash = createHash('sha256').update(name, 'utf8').digest('hex').slice(0, 8).toUpperCase();
  const ascii = name
    .replace(/[^A-Za-z0-9_]+/gu, '_')
    .replace(/_+/gu, '_')
    .replace(/^_|_$/gu, '')
    .toUpperCase();
  return ascii === '' ? hash : `${ascii}_${hash}`;
}

/** The preferred variable name for a script's parameter. */
export function envVariableName(scriptName: string, paramName: string): string {
  return `COC_${envNamePart(scriptName)}_${envNamePart(paramName)}`;
}

/**
 * Hands out variable names unique within one export: `a_b`/`c` and `a`/`b_c` both want
 * COC_A_B_C, so later claimants get `_2`, `_3`, ….
 */
export function createEnvNameAllocator(): (scriptName: string, paramName: string) => string {
  const taken = new Set<string>();
  return (scriptName, paramName) => {
    const base = envVariableName(scriptName, paramName);
    let candidate = base;
    for (let suffix = 2; taken.has(candidate); suffix += 1) candidate = `${base}_${suffix}`;
    taken.add(candidate);
    return candidate;
  };
}
