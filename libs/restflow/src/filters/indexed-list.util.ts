/** `ids[0]`: a list item in DRF's indexed form (`parse_html_list`). */
const INDEXED = /^(.+)\[(\d{1,9})\]$/;

/**
 * The values of DRF's indexed list form (`?ids[0]=1&ids[1]=2`), by list name, in index order
 * (the last value of a repeated index wins, as for a scalar). DRF reads them only when the plain
 * name (`ids`) is absent.
 *
 * @internal
 */
export function indexedLists(data: ReadonlyMap<string, readonly string[]>): Map<string, string[]> {
  const byName = new Map<string, [number, string][]>();
  for (const [key, values] of data) {
    const match = INDEXED.exec(key);
    const value = values.at(-1);
    if (match === null || value === undefined) continue;
    const [, name, index] = match as unknown as [string, string, string];
    const items = byName.get(name) ?? [];
    items.push([Number(index), value]);
    byName.set(name, items);
  }
  const lists = new Map<string, string[]>();
  for (const [name, items] of byName) {
    lists.set(
      name,
      items.sort(([a], [b]) => a - b).map(([, value]) => value),
    );
  }
  return lists;
}

/**
 * Whether `key` is an item of the indexed list form of one of `listNames` (`ids[0]`).
 *
 * @internal
 */
export function isIndexedItemOf(key: string, listNames: ReadonlySet<string>): boolean {
  const match = INDEXED.exec(key);
  return match !== null && listNames.has(match[1]!);
}
