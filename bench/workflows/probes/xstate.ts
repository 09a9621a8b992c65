/** Memory probe (bench/memory.ts): the baseline workflow, and XState evaluated with it for every workflow. */
import * as xstate from 'xstate';

export { baselineWorkflow } from '../baseline';
/** Kept, so that the bundler keeps the import (XState declares itself free of side effects). */
export const probe = xstate;
