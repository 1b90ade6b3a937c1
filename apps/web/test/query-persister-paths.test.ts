import { describe, expect, it } from 'vitest';
import { apiRoutes } from '@openmsg/core/api';
import { SAVED_PATHS } from '../lib/offline/query-persister';

describe('the offline save', () => {
  it("keeps the routes by the contract's own paths", () => {
    for (const [name, path] of Object.entries(SAVED_PATHS))
      expect(path, name).toBe(apiRoutes[name as keyof typeof SAVED_PATHS].path);
  });
});
