// Test output shows failures, not every worker state change: SDK logs at WARN and above.
import { DefaultLogger, Runtime } from '@temporalio/worker';

Runtime.install({ logger: new DefaultLogger('WARN') });
