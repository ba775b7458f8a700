// Waiting on an Ink test render (ink-testing-library): a tick, and "until the last frame matches".
// One copy for the component tests (they each had their own).

export const tick = (ms = 20) => new Promise((resolve) => setTimeout(resolve, ms));

/** The last frame once it matches `pattern`; throws with that frame after `ms`. */
export async function until(
  frame: () => string | undefined,
  pattern: RegExp,
  ms = 10_000,
  pollMs = 20,
): Promise<string> {
  const deadline = Date.now() + ms;
  while (!pattern.test(frame() ?? '')) {
    if (Date.now() > deadline) throw new Error(`never showed ${pattern}:\n${frame()}`);
    await tick(pollMs);
  }
  return frame() ?? '';
}
