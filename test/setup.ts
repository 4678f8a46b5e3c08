import { vi } from 'vitest';

// `server-only` throws outside React Server Components; under Vitest every module is "server".
vi.mock('server-only', () => ({}));
