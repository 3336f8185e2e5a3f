import { defineConfig } from 'vitest/config';

// One root config; each package is a project so `vitest --project protocol` runs one package.
export default defineConfig({
  test: {
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
