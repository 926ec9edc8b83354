/** Tags as a resource's `tags` argument: merged left to right, and omitted when empty (no `tags = {}` noise). */
export function tagsArgument(
  ...sources: (Readonly<Record<string, string>> | undefined)[]
): Record<string, string> | undefined {
  const merged: Record<string, string> = Object.assign({}, ...sources.filter((s) => s !== undefined));
  return Object.keys(merged).length > 0 ? merged : undefined;
}
