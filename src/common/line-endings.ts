/** Removes the carriage return of every CRLF: the API and editors disagree on line endings. */
export function normalizeLineEndings(text: string): string {
  return text.replace(/\r\n/g, '\n');
}
