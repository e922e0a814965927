import type { ParameterObject, ReferenceObject, SchemaObject } from '@nestjs/swagger';
import { RestflowConfigError } from '../exceptions/restflow-config.error';
import { CursorPagination } from '../pagination/cursor.paginator';
import { FastPageNumberPagination } from '../pagination/fast-page-number.paginator';
import { LimitOffsetPagination } from '../pagination/limit-offset.paginator';
import { PageNumberPagination } from '../pagination/page-number.paginator';
import type {
  PaginationDefaults,
  Paginator,
  PaginatorClass,
} from '../pagination/paginator.interface';

/**
 * What a custom paginator implements to appear in the OpenAPI document (drf-spectacular's
 * `get_schema_operation_parameters` and `get_paginated_response_schema`). The built-in
 * paginators and their subclasses need nothing.
 *
 * @example
 * ```ts
 * class FirstTenPagination implements Paginator, OpenApiPaginator {
 *   async paginate(query) {
 *     return { items: await query.take(10).getMany(), body: (results) => ({ results }) };
 *   }
 *   openApiParameters() {
 *     return [];
 *   }
 *   openApiEnvelope(results: SchemaObject) {
 *     return { type: 'object', required: ['results'], properties: { results } };
 *   }
 * }
 * ```
 * @publicApi
 */
export interface OpenApiPaginator {
  /** The query parameters of a paginated list. */
  openApiParameters(defaults: PaginationDefaults): ParameterObject[];
  /** The body of a page, around `results` (an array schema of the items). */
  openApiEnvelope(results: SchemaObject): SchemaObject;
}

/**
 * How one paginator class shows in the document: the component name prefix of its envelopes
 * (`Paginated`, `FastPaginated`, `CursorPaginated`, or the class name of a custom one), its
 * query parameters and its envelope.
 *
 * @internal
 */
export interface PaginatorDescription {
  readonly prefix: string;
  readonly parameters: ParameterObject[];
  envelope(items: ReferenceObject): SchemaObject;
  /** Whether a page that does not exist is a 404 (`?page=99`, a bad cursor). */
  readonly notFound: boolean;
}

const LINK: SchemaObject = { type: 'string', format: 'uri', nullable: true };

/**
 * The description of `paginationClass`, read from a fresh instance (its `pageQueryParam`,
 * `pageSizeQueryParam`, `maxPageSize`, ...) with the `forRoot({ pagination })` defaults. A
 * paginator that is neither built in nor an {@link OpenApiPaginator} fails the build.
 *
 * @internal
 */
export function describePaginator(
  paginationClass: PaginatorClass,
  defaults: PaginationDefaults,
): PaginatorDescription {
  const paginator: Paginator = new paginationClass();
  const custom = paginator as Partial<OpenApiPaginator>;
  if (
    typeof custom.openApiParameters === 'function' &&
    typeof custom.openApiEnvelope === 'function'
  ) {
    const described = custom as OpenApiPaginator;
    return {
      prefix: paginationClass.name.replace(/Pagination$|Paginator$/, '') || 'Paginated',
      parameters: described.openApiParameters(defaults),
      envelope: (items) => described.openApiEnvelope({ type: 'array', items }),
      notFound: true,
    };
  }
  if (paginator instanceof PageNumberPagination || paginator instanceof FastPageNumberPagination) {
    const fast = paginator instanceof FastPageNumberPagination;
    const parameters: ParameterObject[] = [
      integerQuery(paginator.pageQueryParam, 'A page number within the paginated result set.', 1),
      ...pageSize(paginator, defaults),
    ];
    return {
      prefix: fast ? 'FastPaginated' : 'Paginated',
      parameters,
      envelope: (items) =>
        fast
          ? envelope({ results: { type: 'array', items }, next: LINK, previous: LINK })
          : envelope({
              count: { type: 'integer', example: 123 },
              next: LINK,
              previous: LINK,
              results: { type: 'array', items },
            }),
      notFound: true,
    };
  }
  if (paginator instanceof LimitOffsetPagination) {
    const max = paginator.maxLimit ?? defaults.maxPageSize;
    return {
      prefix: 'LimitOffsetPaginated',
      parameters: [
        integerQuery(paginator.limitQueryParam, 'Number of results to return per page.', 1, max),
        integerQuery(
          paginator.offsetQueryParam,
          'The initial index from which to return the results.',
          0,
        ),
      ],
      envelope: (items) =>
        envelope({
          count: { type: 'integer', example: 123 },
          next: LINK,
          previous: LINK,
          results: { type: 'array', items },
        }),
      notFound: false,
    };
  }
  if (paginator instanceof CursorPagination) {
    return {
      prefix: 'CursorPaginated',
      parameters: [
        {
          name: paginator.cursorQueryParam,
          in: 'query',
          required: false,
          description: 'The pagination cursor value.',
          schema: { type: 'string' },
        },
        ...pageSize(paginator, defaults),
      ],
      envelope: (items) =>
        envelope({ next: LINK, previous: LINK, results: { type: 'array', items } }),
      notFound: true,
    };
  }
  throw new RestflowConfigError(
    `openapi.${paginationClass.name}`,
    `Cannot describe the paginator ${paginationClass.name} in the OpenAPI document: it is not a ` +
      'built-in paginator. Fix: implement OpenApiPaginator (openApiParameters() and ' +
      'openApiEnvelope()) on it, or extend a built-in paginator.',
  );
}

function envelope(properties: Record<string, SchemaObject>): SchemaObject {
  return { type: 'object', required: Object.keys(properties), properties };
}

function pageSize(
  paginator: { pageSizeQueryParam?: string | null; maxPageSize?: number },
  defaults: PaginationDefaults,
): ParameterObject[] {
  const name =
    paginator.pageSizeQueryParam === undefined
      ? defaults.pageSizeQueryParam
      : paginator.pageSizeQueryParam;
  if (!name) return [];
  const max = paginator.maxPageSize ?? defaults.maxPageSize;
  return [integerQuery(name, 'Number of results to return per page.', 1, max)];
}

function integerQuery(
  name: string,
  description: string,
  minimum: number,
  maximum?: number,
): ParameterObject {
  const schema: SchemaObject = { type: 'integer', minimum };
  if (maximum !== undefined) schema.maximum = maximum;
  return { name, in: 'query', required: false, description, schema };
}
