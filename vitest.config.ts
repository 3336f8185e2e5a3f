import { defineConfig } from 'vitest/config';

// One root config; each package is a project so `vitest --project protocol` runs one package.
export default defineConfig({
  test: {
    // Vitest takes one core less than the machine has: on the 2-core machines the kit is tested on that is one
    // file at a time, while most files wait on child processes, ttys and chromium. Two at a time halve the wall time.
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'protocol', include: ['protocol/**/*.test.ts'] } },
      { extends: true, test: { name: 'flight', include: ['flight/**/*.test.ts'] } },
      { extends: true, test: { name: 'ground', include: ['ground/**/*.test.ts'] } },
      { extends: true, test: { name: 'web-dashboard', include: ['web-dashboard/**/*.test.ts'] } },
      { extends: true, test: { name: 'firmware-sim', include: ['firmware-sim/**/*.test.ts'] } },
      { extends: true, test: { name: 'end-to-end', include: ['test/**/*.test.ts'] } },
      { extends: true, test: { name: 'bench', include: ['bench/**/*.test.ts'] } },
    ],
  },
});
