/**
 * Runs the bundled action the way the Actions runner does (INPUT_* variables with action.yml
 * defaults, GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files). One implementation serves the tests,
 * the demo and the benchmark: scripts/lib/action.ts.
 */
export {
  runActionProcess as runAction,
  parseOutputFile,
  type ActionProcessResult as ActionRun,
} from '../../scripts/lib/action.js';
