// Types of prune-descriptors.mjs for the TypeScript tests that import it.
export function pruneDescriptors<T extends object>(
  json: T,
  services: Record<string, readonly string[]>,
): T;
