import { DECORATORS } from '@nestjs/swagger';
import { RestflowConfigError } from '../exceptions/restflow-config.error';
import { FilterSet, type FilterSetClass, type FilterSetMeta } from './filter-set';
import { Filter } from './filter-set.decorator';
import { ApiFilterSetQuery, filterSetOpenApiParameters } from './filter-set.openapi';

/** A decimal filter's schema: DRF's default digits (reference 2.12). */
const DECIMAL = {
  type: 'string',
  format: 'decimal',
  'x-maxDigits': 10,
  'x-decimalPlaces': 2,
};

enum Size {
  Small = 1,
  Large = 2,
}

class CatalogFilterSet extends FilterSet {
  static override meta: FilterSetMeta = {
    orderFields: [
      ['price', 'price'],
      ['newest', '-createdAt'],
    ],
  };

  @Filter({ lookups: ['icontains'], description: 'Product name' }) name!: string;
  @Filter({ type: 'integer', min: 0, lookups: ['gte', 'in', 'range', 'isnull'] }) stock!: number;
  @Filter({ type: 'decimal', dbField: 'price', lookups: { min: 'gte' }, allowNegate: false })
  cost!: number;
  @Filter({ lookups: ['lt'] }) weight!: number;
  @Filter({ allowNegate: false }) active!: boolean;
  @Filter({ type: 'email', required: true, allowNegate: false }) owner!: string;
  @Filter({ dbField: 'createdAt', lookups: { year: 'year', date: 'date' }, allowNegate: false })
  created!: Date;
  @Filter({ type: 'date', allowNegate: false }) day!: Date;
  @Filter({ type: 'time', allowNegate: false }) at!: string;
  @Filter({ choices: ['a', 'b'] }) kind!: string;
  @Filter({ choices: Size, allowNegate: false }) size!: number;
  @Filter({ child: 'integer', filterBy: 'id__in', description: 'Row ids' }) ids!: number[];
  @Filter({ filterBy: () => ({ sql: '1 = 1' }), allowNegate: false }) search!: string;
}

const query = { in: 'query', required: false } as const;

describe('filterSetOpenApiParameters', () => {
  it('describes every parameter, its variants, the negations and the ordering', () => {
    expect(filterSetOpenApiParameters(CatalogFilterSet)).toStrictEqual([
      { name: 'name', ...query, schema: { type: 'string' }, description: 'Product name' },
      {
        name: 'name__icontains',
        ...query,
        schema: { type: 'string' },
        description: 'name contains (case-insensitive) - Product name',
      },
      {
        name: 'name!',
        ...query,
        schema: { type: 'string' },
        description: 'exclude where name - Product name',
      },
      {
        name: 'name__icontains!',
        ...query,
        schema: { type: 'string' },
        description: 'exclude where name contains (case-insensitive) - Product name',
      },
      { name: 'stock', ...query, schema: { type: 'integer', minimum: 0 } },
      {
        name: 'stock__gte',
        ...query,
        schema: { type: 'integer', minimum: 0 },
        description: 'stock is greater than or equal to',
      },
      {
        name: 'stock__in',
        ...query,
        schema: { type: 'array', items: { type: 'integer', minimum: 0 } },
        description: 'stock is one of',
        explode: false,
        style: 'form',
      },
      {
        name: 'stock__range',
        ...query,
        schema: { type: 'array', items: { type: 'integer', minimum: 0 } },
        description: 'stock is in range',
        explode: false,
        style: 'form',
      },
      {
        name: 'stock__isnull',
        ...query,
        schema: { type: 'boolean' },
        description: 'stock is null',
      },
      {
        name: 'stock!',
        ...query,
        schema: { type: 'integer', minimum: 0 },
        description: 'exclude where stock',
      },
      {
        name: 'stock__gte!',
        ...query,
        schema: { type: 'integer', minimum: 0 },
        description: 'exclude where stock is greater than or equal to',
      },
      {
        name: 'stock__in!',
        ...query,
        schema: { type: 'array', items: { type: 'integer', minimum: 0 } },
        description: 'exclude where stock is one of',
        explode: false,
        style: 'form',
      },
      {
        name: 'stock__range!',
        ...query,
        schema: { type: 'array', items: { type: 'integer', minimum: 0 } },
        description: 'exclude where stock is in range',
        explode: false,
        style: 'form',
      },
      {
        name: 'stock__isnull!',
        ...query,
        schema: { type: 'boolean' },
        description: 'exclude where stock is null',
      },
      { name: 'cost', ...query, schema: DECIMAL },
      {
        name: 'cost__min',
        ...query,
        schema: DECIMAL,
        description: 'cost min',
      },
      { name: 'weight', ...query, schema: { type: 'number', format: 'float' } },
      {
        name: 'weight__lt',
        ...query,
        schema: { type: 'number', format: 'float' },
        description: 'weight is less than',
      },
      {
        name: 'weight!',
        ...query,
        schema: { type: 'number', format: 'float' },
        description: 'exclude where weight',
      },
      {
        name: 'weight__lt!',
        ...query,
        schema: { type: 'number', format: 'float' },
        description: 'exclude where weight is less than',
      },
      { name: 'active', ...query, schema: { type: 'boolean' } },
      { name: 'owner', in: 'query', required: true, schema: { type: 'string', format: 'email' } },
      { name: 'created', ...query, schema: { type: 'string', format: 'date-time' } },
      {
        name: 'created__year',
        ...query,
        schema: { type: 'integer' },
        description: 'created year is',
      },
      {
        name: 'created__date',
        ...query,
        schema: { type: 'string', format: 'date' },
        description: 'created date is',
      },
      { name: 'day', ...query, schema: { type: 'string', format: 'date' } },
      { name: 'at', ...query, schema: { type: 'string', format: 'time' } },
      { name: 'kind', ...query, schema: { type: 'string', enum: ['a', 'b'] } },
      {
        name: 'kind!',
        ...query,
        schema: { type: 'string', enum: ['a', 'b'] },
        description: 'exclude where kind',
      },
      { name: 'size', ...query, schema: { type: 'integer', enum: [1, 2] } },
      {
        name: 'ids',
        ...query,
        schema: { type: 'array', items: { type: 'integer' } },
        description: 'Row ids',
        explode: false,
        style: 'form',
      },
      {
        name: 'ids!',
        ...query,
        schema: { type: 'array', items: { type: 'integer' } },
        description: 'exclude where ids - Row ids',
        explode: false,
        style: 'form',
      },
      { name: 'search', ...query, schema: { type: 'string' } },
      {
        name: 'order_by',
        ...query,
        schema: {
          type: 'array',
          items: { type: 'string', enum: ['price', '-price', 'newest', '-newest'] },
          uniqueItems: true,
        },
        explode: false,
        style: 'form',
      },
    ]);
  });

  it('names the ordering parameter after meta.orderParam, and leaves it out without values', () => {
    class Sorted extends FilterSet {
      static override meta: FilterSetMeta = { orderParam: 'sort', orderFields: [['id', 'id']] };
    }
    class Unsorted extends FilterSet {
      @Filter({ allowNegate: false }) tag!: string;
    }
    expect(filterSetOpenApiParameters(Sorted)).toStrictEqual([
      {
        name: 'sort',
        ...query,
        schema: {
          type: 'array',
          items: { type: 'string', enum: ['id', '-id'] },
          uniqueItems: true,
        },
        explode: false,
        style: 'form',
      },
    ]);
    expect(filterSetOpenApiParameters(Unsorted)).toStrictEqual([
      { name: 'tag', ...query, schema: { type: 'string' } },
    ]);
  });

  it('documents the bounds of numeric filters', () => {
    class Bounded extends FilterSet {
      static override meta: FilterSetMeta = { allowNegate: false };
      @Filter({ type: 'float', min: 0.5, max: 9.5 }) ratio!: number;
      @Filter({ type: 'decimal', min: 0, max: 100 }) price!: number;
      @Filter({ type: 'integer', max: 10 }) rank!: number;
    }
    expect(filterSetOpenApiParameters(Bounded).map(({ schema }) => schema)).toStrictEqual([
      { type: 'number', format: 'float', minimum: 0.5, maximum: 9.5 },
      { ...DECIMAL, minimum: 0, maximum: 100 },
      { type: 'integer', maximum: 10 },
    ]);
  });

  it('refuses something else than a filter set class', () => {
    expect(() => filterSetOpenApiParameters(undefined as unknown as FilterSetClass)).toThrow(
      RestflowConfigError,
    );
  });
});

describe('ApiFilterSetQuery', () => {
  it('records one @nestjs/swagger query parameter per filter parameter on the handler', () => {
    class Tags extends FilterSet {
      static override meta: FilterSetMeta = { orderFields: [['id', 'id']] };
      @Filter({ lookups: ['in'], allowNegate: false, description: 'Tag' }) tag!: string;
    }
    class Controller {
      @ApiFilterSetQuery(Tags)
      list(): void {}
    }
    const parameters: unknown = Reflect.getMetadata(
      DECORATORS.API_PARAMETERS,
      Object.getOwnPropertyDescriptor(Controller.prototype, 'list')!.value as object,
    );
    expect(parameters).toStrictEqual([
      { name: 'tag', in: 'query', required: false, description: 'Tag', schema: { type: 'string' } },
      {
        name: 'tag__in',
        in: 'query',
        required: false,
        description: 'tag is one of - Tag',
        explode: false,
        style: 'form',
        schema: { type: 'array', items: { type: 'string' } },
      },
      {
        name: 'order_by',
        in: 'query',
        required: false,
        explode: false,
        style: 'form',
        schema: {
          type: 'array',
          items: { type: 'string', enum: ['id', '-id'] },
          uniqueItems: true,
        },
      },
    ]);
  });
});
