/**
 * `apply`: like `terraform apply`, it shows the plan and asks on a terminal, then applies exactly
 * the plan shown (its hash becomes the expected plan hash, so a change on COC meanwhile makes the
 * apply refuse instead of doing something else). `--auto-approve` skips the question; without a
 * terminal there is no one to ask, so apply refuses unless --auto-approve is given.
 */
import { findMissingEnvValues } from '../apply/apply.js';
import type { Config } from '../config/config.js';
import { EXIT } from '../engine/verdict.js';
import { checkDeleteGuard } from '../plan/guards.js';
import { hasChanges } from '../plan/plan.js';
import type { Plan } from '../model.js';
import { UsageError, type ParsedArgs } from './args.js';
import { configFromArgs } from './config.js';
import { AUTO_APPROVE_FLAG } from './flags.js';
import { executeAndReport, type CommandContext } from './run-command.js';

/** The question, exactly as the user sees it (stderr, so `apply > log` still shows it). */
export const CONFIRM_PROMPT = 'Apply these changes? (yes/no) ';

/** Runs `apply` and returns the exit code. */
export async function runApplyCommand(args: ParsedArgs, context: CommandContext): Promise<number> {
  const config = configFromArgs(args, 'apply', context.io);
  if (args.booleans[AUTO_APPROVE_FLAG] === true)
    return (await executeAndReport('apply', config, context)).exitStatus;
  if (context.json) {
    throw new UsageError('apply --json needs --auto-approve: JSON output leaves no room for a question');
  }
  if (context.io.stdin?.isTTY !== true) {
    context.stderr.write(
      `${context.errPalette.red('error:')} apply asks for confirmation, but stdin is not a terminal: ` +
        'nothing was planned or changed.\n' +
        'Review with `coc-script-sync plan`, then run `coc-script-sync apply --auto-approve` ' +
        '(with --expected-plan-hash <hash> to apply exactly the reviewed plan).\n',
    );
    return EXIT.error;
  }
  return confirmThenApply(config, context);
}

async function confirmThenApply(config: Config, context: CommandContext): Promise<number> {
  const planned = await executeAndReport('plan', { ...config, mode: 'plan' }, context);
  const plan = planned.outcome.plan;
  if (planned.exitStatus === EXIT.error || plan === undefined) return EXIT.error;
  if (!hasChanges(plan)) {
    context.stdout.write('No changes: nothing to apply.\n');
    return EXIT.ok;
  }
  const expectedPlanHash = config.expectedPlanHash ?? plan.hash;
  const applyOnce = async (): Promise<number> => {
    const options = { planShown: true, notesShown: planned.outcome.notes };
    const applied = await executeAndReport('apply', { ...config, expectedPlanHash }, context, options);
    if (applied.outcome.failureReason === 'plan-changed' && config.expectedPlanHash === undefined) {
      context.stderr.write('The plan changed after it was shown; run apply again to see the new one.\n');
    }
    return applied.exitStatus;
  };
  // A plan apply would refuse (unset values, delete guard, another reviewed hash) is not worth a
  // question: the apply run says why and writes nothing.
  if (wouldRefuse(plan, config, expectedPlanHash)) return applyOnce();
  context.stderr.write(`\n${CONFIRM_PROMPT}`);
  const answer = await answerUnlessCancelled(context);
  if (answer?.trim().toLowerCase() !== 'yes') {
    // Ctrl-C leaves the cursor after the question: end that line first.
    const interrupted = context.io.cancellation?.requested.aborted === true;
    const why = interrupted ? '\nApply cancelled (interrupted)' : 'Apply cancelled (only "yes" applies)';
    context.stderr.write(`${why}: nothing was changed.\n`);
    return EXIT.error;
  }
  return applyOnce();
}

/** The answer to the question; none once Ctrl-C cancels the wait (nothing is applied then). */
function answerUnlessCancelled(context: CommandContext): Promise<string | undefined> {
  const answer = context.io.stdin?.readLine() ?? Promise.resolve(undefined);
  const cancel = context.io.cancellation?.requested;
  if (cancel === undefined) return answer;
  if (cancel.aborted) return Promise.resolve(undefined);
  const cancelled = new Promise<undefined>((resolve) =>
    cancel.addEventListener('abort', () => resolve(undefined), { once: true }),
  );
  return Promise.race([answer, cancelled]);
}

function wouldRefuse(plan: Plan, config: Config, expectedPlanHash: string): boolean {
  return (
    findMissingEnvValues(plan, config.surface).length > 0 ||
    checkDeleteGuard(plan, config.maxDeletes, config.surface) !== undefined ||
    expectedPlanHash !== plan.hash
  );
}
