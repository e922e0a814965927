/**
 * drf-spectacular's naming of operations, from the path: the tag is the first segment after the
 * API prefix (`/api/products/{id}` → `products`), the operation id the segments without
 * parameters joined by `_` plus the action word (`products_list`, `products_retrieve`,
 * `products_restock_create`, `auth_token_create`). The path exactly at the prefix is `root`.
 *
 * @internal
 */
export class OperationNaming {
  private readonly prefixSegments: readonly string[];

  /**
   * `prefix` as given (`'/api'`), or, when `undefined`, the app's global prefix followed by what
   * `paths` share after it.
   */
  constructor(paths: readonly string[], prefix: string | undefined, globalPrefix = '') {
    if (prefix !== undefined) {
      this.prefixSegments = literalSegments(prefix);
      return;
    }
    const base = literalSegments(globalPrefix);
    const rest = paths
      .map(literalSegments)
      .map((segments) =>
        base.every((segment, index) => segments[index] === segment)
          ? segments.slice(base.length)
          : segments,
      );
    this.prefixSegments = [...base, ...commonPrefix(rest)];
  }

  /** The API prefix the names leave out, such as `/api`. */
  get prefix(): string {
    return `/${this.prefixSegments.join('/')}`;
  }

  /** The tag of a path. */
  tag(path: string): string {
    return this.tokens(path)[0] ?? 'root';
  }

  /** The operation id of `method` on `path` (`list`: a GET of a collection). */
  operationId(path: string, method: string, list: boolean): string {
    const tokens = this.tokens(path);
    const words = tokens.length ? tokens : ['root'];
    return [...words, actionWord(method, list)].join('_');
  }

  private tokens(path: string): string[] {
    const segments = path.split('/').filter(Boolean);
    let index = 0;
    while (index < this.prefixSegments.length && segments[index] === this.prefixSegments[index]) {
      index += 1;
    }
    return segments
      .slice(index === this.prefixSegments.length ? index : 0)
      .filter((segment) => !segment.startsWith('{'))
      .map((segment) => segment.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, ''))
      .filter(Boolean);
  }
}

/** The action word of a method: `list`, `retrieve`, `create`, `update`, `partial_update`, `destroy`. */
function actionWord(method: string, list: boolean): string {
  switch (method.toLowerCase()) {
    case 'get':
      return list ? 'list' : 'retrieve';
    case 'post':
      return 'create';
    case 'put':
      return 'update';
    case 'patch':
      return 'partial_update';
    case 'delete':
      return 'destroy';
    default:
      return method.toLowerCase();
  }
}

/** The leading segments of a path up to its first parameter. */
function literalSegments(path: string): string[] {
  const segments: string[] = [];
  for (const segment of path.split('/').filter(Boolean)) {
    if (segment.startsWith('{') || segment.startsWith(':')) break;
    segments.push(segment);
  }
  return segments;
}

/**
 * The longest shared leading segments after which the paths still branch into two or more
 * resources: `/api` for `/api/products` and `/api/categories`, nothing for an app whose only
 * resource is `/products` (which must stay a name, not become a prefix).
 */
function commonPrefix(all: readonly string[][]): string[] {
  const prefix: string[] = [];
  for (;;) {
    const depth = prefix.length;
    const next = new Set(all.map((segments) => segments[depth]));
    if (next.size !== 1) break;
    const [segment] = next;
    if (segment === undefined) break;
    const after = new Set(all.map((segments) => segments[depth + 1]).filter(Boolean));
    if (after.size < 2) break;
    prefix.push(segment);
  }
  return prefix;
}
