/** Memory probe (bench/memory.ts): the baseline workflow, and the zod library evaluated with it for every workflow. */
import { z } from 'zod';

export { baselineWorkflow } from '../baseline';
/** Kept, so that the bundler keeps the import (zod declares itself free of side effects). */
export const probe = z;
