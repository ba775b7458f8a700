// import() of a CommonJS package (google-gax, grpc-js, the generated Google clients) answers
// differently in the two places the app runs: Node gives its exports as named exports and as
// `default` (module.exports); an esbuild code-split chunk of it exports only `default`.
// Reading `default` first works in both.

export async function commonJsExports<T extends object>(loading: Promise<T>): Promise<T> {
  const module = await loading;
  return (module as {default?: T}).default ?? module;
}
