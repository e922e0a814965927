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
export function paginatorQueryParams(request: RestflowRequest, view: unknown): string[] {
  if (typeof view !== 'object' || view === null) return [];
  const paginationClass = (view as PaginatingView).getPaginationClass?.(request);
  if (paginationClass === undefined) return [];
  const paginator = new paginationClass() as Record<string, unknown>;
  const names: string[] = [];
  for (const key in paginator) {
    const value = paginator[key];
    if (key.endsWith('QueryParam') && typeof value === 'string' && value !== '') {
      names.push(value);
    }
  }
  return names;
}
