// A value built the first time it is asked for, then kept: the zod schemas of the stack config and
// of plan documents. Every `aksnet` command loads the modules that define them, and building a
// schema (its objects, unions and regular expressions) at load cost each start of the CLI up to
// 1.5 ms of CPU per schema, for commands that read none or only one of them.
export function builtOnFirstUse<T>(build: () => T): () => T {
  let value: { built: T } | undefined;
  return () => (value ??= { built: build() }).built;
}
