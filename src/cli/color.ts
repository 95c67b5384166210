/** Terminal colours: only on a TTY, never with NO_COLOR (https://no-color.org) or --no-color. */

export type Paint = (text: string) => string;

export interface Palette {
  readonly green: Paint;
  readonly yellow: Paint;
  readonly red: Paint;
  readonly cyan: Paint;
  readonly dim: Paint;
  readonly bold: Paint;
}

const sgr =
  (open: number, close: number): Paint =>
  (text) =>
    `\u001b[${open}m${text}\u001b[${close}m`;

const PLAIN: Palette = {
  green: (text) => text,
  yellow: (text) => text,
  red: (text) => text,
  cyan: (text) => text,
  dim: (text) => text,
  bold: (text) => text,
};

const ANSI: Palette = {
  green: sgr(32, 39),
  yellow: sgr(33, 39),
  red: sgr(31, 39),
  cyan: sgr(36, 39),
  dim: sgr(2, 22),
  bold: sgr(1, 22),
};

/** Whether to colour a stream: a TTY, NO_COLOR unset or empty, and no --no-color. */
export function useColor(
  isTTY: boolean | undefined,
  env: Readonly<Record<string, string | undefined>>,
  noColorFlag: boolean,
): boolean {
  const noColorEnv = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  return isTTY === true && !noColorEnv && !noColorFlag;
}

/** The palette for a decision made by useColor. */
export function paletteFor(color: boolean): Palette {
  return color ? ANSI : PLAIN;
}
