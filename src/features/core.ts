import type { Feature } from './types.js';

// The service itself: always on. Its packages are filled in with the templates.
export const core: Feature = {
  id: 'core',
  enabled: () => true,
  files: [],
  dependencies: [],
  devDependencies: [],
};
