/**
 * Tags as a resource's `tags` argument: merged left to right, and omitted when empty (no `tags = {}` noise).
 *
 * The result has a null prototype and every key as an own data property, so keys such as `constructor`, `toString`
 * or `__proto__` are tags like any other (`Object.assign({}, ...)` would turn `__proto__` into the prototype). Keys and
 * values are Terraform strings, as given: pass literal text through `terraformLiteral` (ClusterStack does).
 */
export function tagsArgument(
  ...sources: (Readonly<Record<string, string>> | undefined)[]
): Record<string, string> | undefined {
  const merged = ownMap(...sources);
  return merged && Object.keys(merged).length > 0 ? merged : undefined;
}

/**
 * The maps merged left to right into a null-prototype object (own data properties only, so any key is an ordinary
 * key), or undefined when every source is undefined.
 */
export function ownMap<V>(...sources: (Readonly<Record<string, V>> | undefined)[]): Record<string, V> | undefined {
  const given = sources.filter((s): s is Readonly<Record<string, V>> => s !== undefined);
  if (given.length === 0) return undefined;
  const merged = Object.create(null) as Record<string, V>;
  for (const source of given) {
    for (const key of Object.keys(source)) {
      Object.defineProperty(merged, key, { value: source[key], enumerable: true, writable: true, configurable: true });
    }
  }
  return merged;
}
