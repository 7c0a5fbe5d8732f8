import { beforeAll } from 'vitest';
import { prepareDatabase } from './helpers.js';

// Starting the shared database can take several seconds on a busy machine:
// pay for it under the hook timeout, before the first test's clock starts.
beforeAll(() => prepareDatabase());
