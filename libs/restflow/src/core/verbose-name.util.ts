/**
 * The lower-case words of a class or property name, as Django derives a model's or field's
 * `verbose_name`: `UniqueItem` gives `unique item`, `itemCode` and `item_code` give `item code`.
 * Messages that name a model or a field use it ("unique item with this item code already exists.").
 *
 * @example
 * ```ts
 * verboseName('UniqueItem'); // 'unique item'
 * verboseName('itemCode'); // 'item code'
 * ```
 * @internal
 */
export function verboseName(name: string): string {
  return name
    .replace(/_/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .trim()
    .toLowerCase();
}
