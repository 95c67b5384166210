/**
 * Create is not idempotent (a second POST makes a duplicate or fails on the name). After any
 * failure that may have applied the write, the script is looked up by exact name before retrying.
 */
import type { CreateScriptBody } from './api.js';
import { CocApiError, isDuplicateName } from './errors.js';
import type { Executor, HttpResponse } from './request.js';

/** Whether a final error leaves it open whether the create was applied. */
function mayHaveApplied(error: unknown): boolean {
  if (!(error instanceof CocApiError)) return false;
  // An unreadable 2xx body still means the script was created.
  if (error.kind === 'timeout' || error.kind === 'network' || error.kind === 'invalid-response') return true;
  return error.kind === 'api' && error.httpStatus !== undefined && error.httpStatus >= 500;
}

/**
 * POSTs the script and returns its uuid. Before every retry that follows an ambiguous failure,
 * and after a final ambiguous failure, `findByName` decides: found ⇒ that uuid, never a second
 * create. A same-name rejection after an ambiguous attempt is our own earlier write.
 */
export async function createScriptSafely(
  executor: Executor,
  findByName: (name: string) => Promise<string | undefined>,
  body: CreateScriptBody,
  parseUuid: (response: HttpResponse) => string,
): Promise<string> {
  let ambiguousSeen = false;
  const spec = {
    operation: 'creating',
    target: body.name,
    method: 'POST',
    path: '/v1/job/scripts',
    body,
  } as const;
  try {
    return await executor.execute(spec, parseUuid, async (ambiguous) => {
      if (!ambiguous) return undefined;
      ambiguousSeen = true;
      return await findByName(body.name);
    });
  } catch (error) {
    if (mayHaveApplied(error) || (ambiguousSeen && isDuplicateName(error))) {
      // If even the lookup fails, the original error is the more useful one to report.
      const uuid = await findByName(body.name).catch(() => undefined);
      if (uuid !== undefined) return uuid;
    }
    throw error;
  }
}
