/**
 * Create is not idempotent (a second POST makes a duplicate or fails on the name). After any
 * failure that may have applied the write, the script is looked up by exact name before retrying.
 */
import type { CreateScriptBody } from './api.js';
import { CocApiError, isValidationCode } from './errors.js';
import type { Executor, HttpResponse } from './request.js';

/** Whether a final error leaves it open whether the create was applied. */
function mayHaveApplied(error: unknown): boolean {
  if (!(error instanceof CocApiError)) return false;
  // An unreadable 2xx body (or one cut off at the size cap) still means the script was created.
  const unsure: readonly string[] = ['timeout', 'network', 'invalid-response', 'too-large'];
  if (unsure.includes(error.kind)) return true;
  return error.kind === 'api' && error.httpStatus !== undefined && error.httpStatus >= 500;
}

/**
 * POSTs the script and returns its uuid. Before every retry that follows an ambiguous failure,
 * and after a final failure that is ambiguous or COC.00040601, `findByName` decides: found after
 * an ambiguous attempt ⇒ that uuid (our own earlier write), never a second create. The lookup,
 * not the message, tells a duplicate name from another COC.00040601 rejection, because the
 * message is in the caller's `X-Language` (`zh-cn` gets Chinese text).
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
    const ambiguous = mayHaveApplied(error);
    if (!(error instanceof CocApiError) || error.stopsRun) throw error;
    if (!ambiguous && !isValidationCode(error)) throw error;
    // If even the lookup fails, the original error is the more useful one to report.
    const uuid = await findByName(body.name).catch(() => undefined);
    if (uuid === undefined) throw error;
    if (ambiguous || ambiguousSeen) return uuid;
    throw existsAlready(error, uuid);
  }
}

/** A same-name script that this run did not create: someone else made it since the plan. */
function existsAlready(error: CocApiError, uuid: string): CocApiError {
  return new CocApiError({
    ...error.details,
    hint: `a script with this name already exists (${uuid}), created outside this run; plan again to bind the definition to it`,
  });
}
