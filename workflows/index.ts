// The workflows a worker registers (the bundle's entry point).
export { applicationWorkflow } from './application';
export { permitWorkflow } from './permit';
