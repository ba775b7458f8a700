// Code the wizard's first frame (step 1, Where) does not draw, loaded when first needed (issue #22:
// the first frame of a first run parses only what it shows). The validator loads right after the
// first frame; the review step (with the request builders, the YAML writer and the gcloud command)
// when the review is about to open. Each loads once; `current` answers synchronously once loaded,
// so a render can use it without waiting. On the review, keys wait for both (KeyRouter.hold, in
// use-wizard.ts and ReviewLoading.tsx); a wizard opened on its review loads both before it draws.
export interface LazyCode<T> {
  load(): Promise<T>;
  current(): T | undefined;
}

export function lazyCode<T>(load: () => Promise<T>): LazyCode<T> {
  let promise: Promise<T> | undefined;
  let loaded: T | undefined;
  return {
    load() {
      promise ??= load().then(
        (value) => (loaded = value),
        (error: unknown) => {
          // A later need tries again (e.g. a chunk briefly unreadable).
          promise = undefined;
          throw error;
        },
      );
      return promise;
    },
    current: () => loaded,
  };
}

export const validatorCode = lazyCode(async () => {
  const {validateDraft} = await import('../../../core/job-spec/validate.js');
  return validateDraft;
});

export const reviewCode = lazyCode(async () => {
  const {ReviewStep} = await import('./ReviewStep.js');
  return ReviewStep;
});
