import type { DataSource, EntityMetadata, ObjectLiteral } from 'typeorm';
import { dataSourceOf } from '../core/typeorm-compat.util';
import { keyColumnType } from '../core/column-type.util';
import { requestOrigin } from '../core/request-origin.util';
import { RestflowConfigError } from '../exceptions/restflow-config.error';
import {
  SerializerField,
  type FieldOpenApiSchema,
  type FieldOptions,
} from '../serializers/fields/field';
import { pyTypeName } from '../serializers/fields/python-format.util';
import { Serializer } from '../serializers/serializer';
import { lookupValue } from '../views/lookup-value.util';
import { detailRouteOf, type DetailRoute } from './detail-routes';

/**
 * Options of {@link HyperlinkedRelatedField}.
 *
 * @example
 * ```ts
 * new HyperlinkedRelatedField({ target: () => Category });
 * ```
 * @publicApi
 */
export interface HyperlinkedRelatedFieldOptions extends FieldOptions<unknown> {
  /** The related entity class (lazy, so entities may refer to each other). */
  target: () => new () => ObjectLiteral;
  /** The view whose detail route the link names, when several views serve the entity. */
  view?: Function; // eslint-disable-line @typescript-eslint/no-unsafe-function-type
}

/**
 * A to-one relation read and written as the absolute URL of the related row's detail route:
 * DRF's `HyperlinkedRelatedField`. The route is the `retrieve` route of the view over the entity
 * (found at boot from the registered viewsets, with the global prefix: no path is written by
 * hand), and the origin is the request's checked origin (`http.allowedHosts`, or
 * `http.publicBaseUrl`), as for pagination links. Input is a URL of that route whose row
 * exists; the validated value is the row.
 *
 * @example
 * ```ts
 * class ProductSerializer extends ModelSerializer<Product> {
 *   @Field(new HyperlinkedRelatedField({ target: () => Category, source: 'category', readOnly: true }))
 *   categoryUrl!: string; // "http://api.example.com/api/categories/3"
 * }
 * ```
 * @publicApi
 */
export class HyperlinkedRelatedField extends SerializerField<unknown, unknown> {
  static override readonly defaultErrorMessages = {
    required: 'This field is required.',
    no_match: 'Invalid hyperlink - No URL match.',
    incorrect_match: 'Invalid hyperlink - Incorrect URL match.',
    does_not_exist: 'Invalid hyperlink - Object does not exist.',
    incorrect_type: 'Incorrect type. Expected URL string, received {data_type}.',
  };

  private readonly target: () => new () => ObjectLiteral;
  private readonly view: unknown;

  constructor(options: HyperlinkedRelatedFieldOptions) {
    const { target, view, ...fieldOptions } = options;
    super(fieldOptions);
    this.target = target;
    this.view = view;
  }

  override toRepresentation(value: unknown): unknown {
    const route = this.route();
    const key = (
      typeof value === 'object' && value !== null
        ? (value as Record<string, unknown>)[route.lookupField]
        : value
    ) as string | number | null | undefined;
    if (key === undefined || key === null) return null;
    const path = route.path.replace(`:${route.param}`, encodeURIComponent(String(key)));
    return `${requestOrigin(this.request())}${path}`;
  }

  async toInternalValue(data: unknown): Promise<unknown> {
    const key = this.lookupOf(data);
    const metadata = this.relatedMetadata;
    const row = await dataSourceOf(metadata)
      .getRepository<ObjectLiteral>(metadata.target)
      .findOneBy({ [this.lookupField]: key });
    if (!row) this.fail('does_not_exist');
    return row;
  }

  /**
   * The lookup value a URL of the detail route names (converted to the lookup column's type),
   * without reading the row: a `FieldValidationError` with DRF's message when `data` is not a
   * URL of that route at the request's origin.
   *
   * @internal
   */
  lookupOf(data: unknown): unknown {
    if (typeof data !== 'string') {
      this.fail('incorrect_type', { data_type: pyTypeName(data) });
    }
    const route = this.route();
    let path: string;
    try {
      const url = new URL(data, requestOrigin(this.request()));
      if (`${url.protocol}//${url.host}` !== requestOrigin(this.request())) this.fail('no_match');
      path = decodeURIComponent(url.pathname);
    } catch (error) {
      if (error instanceof TypeError || error instanceof URIError) this.fail('no_match');
      throw error;
    }
    const raw = matchRoute(route, path.replace(/\/+$/, ''));
    if (raw === undefined) this.fail(sameShape(route, path) ? 'incorrect_match' : 'no_match');
    const metadata = this.relatedMetadata;
    const column = metadata.findColumnWithPropertyPath(route.lookupField);
    const dataSource = dataSourceOf(metadata);
    const key = column
      ? lookupValue(
          keyColumnType(column, dataSource.driver.normalizeType(column), dataSource.options.type),
          raw,
          column.enum,
        )
      : raw;
    if (key === undefined) this.fail('does_not_exist');
    return key;
  }

  /**
   * Resolves the detail route the links name, as every request will: no view or several views
   * over the related entity is a `RestflowConfigError` naming this field (run at boot by
   * `RelationPlansCheck`).
   *
   * @internal
   */
  checkRoute(): void {
    this.route();
  }

  /** The property of the related entity that its detail route looks rows up by. @internal */
  get lookupField(): string {
    return this.route().lookupField;
  }

  /** The related entity's metadata, from the serializer context's DataSource. @internal */
  get relatedMetadata(): EntityMetadata {
    return this.dataSource().getMetadata(this.target());
  }

  /** The message of a URL whose row does not exist. @internal */
  get doesNotExistMessage(): string {
    return this.message('does_not_exist');
  }

  protected override schema(): FieldOpenApiSchema {
    return { type: 'string', format: 'uri' };
  }

  private context() {
    return this.parent instanceof Serializer ? this.parent.context : {};
  }

  private request(): object {
    const request = this.context().request;
    if (!request) {
      throw new RestflowConfigError(
        this.where(),
        `${this.where()} is a hyperlink, which needs the request (its checked origin) in the serializer context. Fix: build the serializer through the view (getSerializer), or pass \`context: { request }\`.`,
      );
    }
    return request;
  }

  private dataSource(): DataSource {
    const dataSource = this.context().dataSource;
    if (!dataSource) {
      throw new RestflowConfigError(
        this.where(),
        `${this.where()} is a hyperlink, which needs the DataSource in the serializer context. Fix: pass \`context: { dataSource }\`.`,
      );
    }
    return dataSource;
  }

  private route(): DetailRoute {
    const currentView = (this.context().view as object | undefined)?.constructor;
    return detailRouteOf(
      this.dataSource(),
      this.relatedMetadata.target,
      this.where(),
      this.view,
      currentView,
    );
  }

  private where(): string {
    const parent = this.parent?.constructor.name ?? 'HyperlinkedRelatedField';
    return `${parent}.${this.fieldName ?? ''}`;
  }
}

/** The raw lookup value of `path` when it is the route's, else `undefined`. */
function matchRoute(route: DetailRoute, path: string): string | undefined {
  const [before, after] = route.path.split(`:${route.param}`) as [string, string];
  if (!path.startsWith(before) || !path.endsWith(after)) return undefined;
  const value = path.slice(before.length, path.length - after.length);
  return value === '' || value.includes('/') ? undefined : value;
}

/** Whether `path` has the route's number of segments (another route of the same shape). */
function sameShape(route: DetailRoute, path: string): boolean {
  return path.split('/').filter(Boolean).length === route.path.split('/').filter(Boolean).length;
}
