import {defineConfig} from 'vitest/config';

// Test layers: pure units, Ink components, the emulator through the official clients, and the
// built CLI in a real pseudo-terminal. Slow layers get longer timeouts and run one file at a time.
export default defineConfig({
  test: {
    projects: [
      {test: {name: 'unit', include: ['test/unit/**/*.test.ts']}},
      {test: {name: 'component', include: ['test/component/**/*.test.tsx']}},
      {
        test: {
          name: 'emulator',
          include: ['test/emulator/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 90_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
