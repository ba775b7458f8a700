// Types of build-options.mjs for the TypeScript tests that import it.
import type {BuildOptions} from 'esbuild';

export function buildOptions(): Promise<BuildOptions>;
