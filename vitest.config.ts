import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Integration tests load ONNX models and build real indexes: generous, not infinite.
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // Two cores: integration suites running side by side mostly fight over them.
    fileParallelism: false,
  },
});
