import type { RestflowRequest } from '../core/restflow-request.interface';

/** A view that may paginate its lists (`APIView.getPaginationClass`). */
interface PaginatingView {
  getPaginationClass?(request: RestflowRequest): (new () => object) | undefined;
}

/**
 * The query parameters the paginator of `view`'s action reads, so that a strict filter set accepts
 * them: every string property of the paginator whose name ends in `QueryParam` (`pageQueryParam`,
 * `pageSizeQueryParam`, `limitQueryParam`, `offsetQueryParam`, `cursorQueryParam`, and the same
 * convention in a custom paginator).
 *
 * @internal
 */
export function paginatorQueryParams(request: RestflowRequest, view: unknown): readonly string[] {
  if (typeof view !== 'object' || view === null) return NONE;
  const paginationClass = (view as PaginatingView).getPaginationClass?.(request);
  if (paginationClass === undefined) return NONE;
  // Read from a fresh instance once per class (paginators are stateless, as `paginatorOf` relies on).
  let names = BY_CLASS.get(paginationClass);
  if (!names) {
    const paginator = new paginationClass() as Record<string, unknown>;
    const found: string[] = [];
    for (const key in paginator) {
      const value = paginator[key];
      if (key.endsWith('QueryParam') && typeof value === 'string' && value !== '') {
        found.push(value);
      }
    }
    names = Object.freeze(found);
    BY_CLASS.set(paginationClass, names);
  }
  return names;
}

const NONE: readonly string[] = Object.freeze([]);
const BY_CLASS = new WeakMap<object, readonly string[]>();
