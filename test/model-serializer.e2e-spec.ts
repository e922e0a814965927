import { DECORATORS } from '@nestjs/swagger';
import { DataSource, QueryFailedError } from 'typeorm';
import { Category } from '../apps/example/src/catalog/category.entity';
import { Product } from '../apps/example/src/catalog/product.entity';
import { ENTITIES } from '../apps/example/src/config/database.config';
import {
  CategorySerializer,
  ProductByKeySerializer,
  ProductSerializer,
} from './fixtures/model-serializers/catalog.serializers';
import { InlineSerializer } from 'nestjs-restflow';
import { UniqueItem, UniqueItemSerializer } from './fixtures/model-serializers/unique-item.entity';
import {
  LabelledNote,
  LabelledNoteSerializer,
} from './fixtures/model-serializers/labelled-note.entity';
import { Tag } from '../apps/example/src/catalog/tag.entity';
import { createTestDatabase, testDatabases, type TestDatabase } from './utils/databases';

describe.each(testDatabases())('ModelSerializer on %s', (databaseName) => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let books: Category;
  let maps: Tag;
  let guides: Tag;

  beforeAll(async () => {
    database = await createTestDatabase(databaseName);
    dataSource = await new DataSource(
      database.options([...ENTITIES, UniqueItem, LabelledNote]),
    ).initialize();
    books = await dataSource.getRepository(Category).save({ name: 'Books', slug: 'books' });
    maps = await dataSource.getRepository(Tag).save({ name: 'maps' });
    guides = await dataSource.getRepository(Tag).save({ name: 'guides' });
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  const context = () => ({ dataSource });

  it('derives fields from the columns: read-only keys, lengths, nullability', () => {
    const fields = new CategorySerializer({ context: context() }).fields;
    expect([...fields.keys()]).toEqual(['id', 'name', 'slug', 'description']);
    expect(fields.get('id')?.openApi()).toMatchObject({ type: 'integer', readOnly: true });
    expect(fields.get('name')?.openApi()).toMatchObject({
      type: 'string',
      maxLength: 100,
      required: true,
    });
    expect(fields.get('description')?.openApi()).toMatchObject({ nullable: true, required: false });
  });

  it('creates a row, ignoring read-only and undeclared input', async () => {
    const serializer = new CategorySerializer({
      data: { id: 999, name: 'Music', slug: 'music', isStaff: true },
      context: context(),
    });
    expect(await serializer.isValid()).toBe(true);
    const music = await serializer.save();
    expect(music.id).not.toBe(999);
    expect(serializer.data).toEqual({
      id: music.id,
      name: 'Music',
      slug: 'music',
      description: null,
    });
    const stored = await dataSource.getRepository(Category).findOneByOrFail({ id: music.id });
    expect(stored).toMatchObject({ name: 'Music', slug: 'music', description: null });
  });

  it('reports a duplicate unique value as a field error', async () => {
    const serializer = new CategorySerializer({
      data: { name: 'Books', slug: 'books-2' },
      context: context(),
    });
    expect(await serializer.isValid()).toBe(false);
    expect(serializer.errors).toEqual({ name: ['category with this name already exists.'] });
  });

  it("names a model and a field of several words in words, as DRF's unique message does", async () => {
    await dataSource.getRepository(UniqueItem).save({ itemCode: 'A-1' });
    const serializer = new UniqueItemSerializer({ data: { itemCode: 'A-1' }, context: context() });
    expect(await serializer.isValid()).toBe(false);
    expect(serializer.errors).toEqual({
      itemCode: ['unique item with this item code already exists.'],
    });
  });

  it('records OpenAPI metadata for model fields once they are built', () => {
    void new CategorySerializer({ context: context() }).fields;
    const name: unknown = Reflect.getMetadata(
      DECORATORS.API_MODEL_PROPERTIES,
      CategorySerializer.prototype,
      'name',
    );
    expect(name).toMatchObject({ type: 'string', maxLength: 100, required: true });
  });

  it('still fails with a conflict when a duplicate slips in after validation', async () => {
    const serializer = new CategorySerializer({
      data: { name: 'Racing', slug: 'racing' },
      context: context(),
    });
    expect(await serializer.isValid()).toBe(true);
    await dataSource.getRepository(Category).save({ name: 'Racing', slug: 'racing-first' });
    const failure = await serializer.save().catch((error: unknown) => error);
    // The database refuses it; the exception filter renders that as 409 conflict
    // (see errors.e2e-spec.ts for the mapping on every dialect).
    expect(failure).toBeInstanceOf(QueryFailedError);
    expect(await dataSource.getRepository(Category).countBy({ name: 'Racing' })).toBe(1);
  });

  it('updates fully and partially, and its own unique value is not a duplicate', async () => {
    const garden = await dataSource
      .getRepository(Category)
      .save({ name: 'Garden', slug: 'garden' });
    const full = new CategorySerializer({
      instance: garden,
      data: { name: 'Garden', slug: 'garden-tools', description: 'Tools' },
      context: context(),
    });
    expect(await full.isValid()).toBe(true);
    await full.save();

    const partial = new CategorySerializer({
      instance: garden,
      data: { description: null },
      partial: true,
      context: context(),
    });
    expect(await partial.isValid()).toBe(true);
    await partial.save();
    expect(
      await dataSource.getRepository(Category).findOneByOrFail({ id: garden.id }),
    ).toMatchObject({
      name: 'Garden',
      slug: 'garden-tools',
      description: null,
    });

    const missing = new CategorySerializer({
      instance: garden,
      data: { name: 'x' },
      context: context(),
    });
    expect(await missing.isValid()).toBe(false);
    expect(missing.errors).toEqual({ slug: ['This field is required.'] });
  });

  it('round-trips a product: decimal string, defaults, relation key, dates', async () => {
    const serializer = new ProductSerializer({
      data: { name: 'Atlas', price: '12.5', tags: [maps.id], category: books.id },
      context: context(),
    });
    expect(await serializer.isValid()).toBe(true);
    expect(serializer.validatedData.category).toBeInstanceOf(Category);
    const atlas = await serializer.save();
    const body = serializer.data;
    expect(body).toMatchObject({
      id: atlas.id,
      name: 'Atlas',
      description: '',
      price: '12.50',
      inStock: true,
      tags: [maps.id],
      category: books.id,
      label: 'Atlas (12.50)',
    });
    expect(body.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);

    const reloaded = await dataSource
      .getRepository(Product)
      .findOneOrFail({ where: { id: atlas.id }, relations: { tags: true } });
    expect(new ProductSerializer({ instance: reloaded, context: context() }).data).toMatchObject({
      price: '12.50',
      tags: [maps.id],
      category: books.id,
    });
  });

  it('rejects a relation to a missing row, of the wrong type, and a negative price', async () => {
    const serializer = new ProductSerializer({
      data: { name: 'Ghost', price: '-1', tags: [], category: 999999 },
      context: context(),
    });
    expect(await serializer.isValid()).toBe(false);
    expect(serializer.errors).toEqual({
      price: ['Ensure this value is greater than or equal to 0.'],
      category: ['Invalid pk "999999" - object does not exist.'],
    });
    const wrongType = new ProductSerializer({
      data: { name: 'Ghost', price: '1', tags: [], category: 'abc' },
      context: context(),
    });
    expect(await wrongType.isValid()).toBe(false);
    expect(wrongType.errors).toEqual({
      category: ['Incorrect type. Expected pk value, received str.'],
    });
  });

  it('validates a foreign-key column by key and writes the key', async () => {
    const missing = new ProductByKeySerializer({
      data: { name: 'Orphan', price: '1.00', tags: [], categoryId: 424242 },
      context: context(),
    });
    expect(await missing.isValid()).toBe(false);
    expect(missing.errors).toEqual({
      categoryId: ['Invalid pk "424242" - object does not exist.'],
    });

    const serializer = new ProductByKeySerializer({
      data: { name: 'Guide', price: '3.00', categoryId: books.id, tags: [guides.id, maps.id] },
      context: context(),
    });
    expect(await serializer.isValid()).toBe(true);
    expect(serializer.validatedData.categoryId).toBe(books.id);
    const guide = await serializer.save();
    expect(serializer.data).toEqual({
      id: guide.id,
      name: 'Guide',
      price: '3.00',
      tags: [guides.id, maps.id],
      categoryId: books.id,
    });
    const stored = await dataSource.getRepository(Product).findOneByOrFail({ id: guide.id });
    expect(stored.categoryId).toBe(books.id);
  });

  it('builds an inline model serializer', () => {
    const Summary = InlineSerializer({ model: Category, modelFields: ['id', 'name'] });
    expect(Summary.name).toBe('CategorySerializer');
    const serializer = new Summary({ instance: books, context: context() } as never);
    expect(serializer.data).toEqual({ id: books.id, name: 'Books' });
  });

  it('moves a loaded relation when its foreign key is written', async () => {
    const toys = await dataSource.getRepository(Category).save({ name: 'Toys', slug: 'toys' });
    const product = await dataSource.getRepository(Product).save({
      name: 'Kite',
      price: '5.00',
      tags: [],
      categoryId: books.id,
    });
    const loaded = await dataSource
      .getRepository(Product)
      .findOneOrFail({ where: { id: product.id }, relations: { category: true } });
    const serializer = new ProductByKeySerializer({
      instance: loaded,
      data: { categoryId: toys.id },
      partial: true,
      context: context(),
    });
    expect(await serializer.isValid()).toBe(true);
    await serializer.save();
    const stored = await dataSource.getRepository(Product).findOneByOrFail({ id: product.id });
    expect(stored.categoryId).toBe(toys.id);
  });

  it('refuses a comma inside a simple-array item, which would split it', async () => {
    const serializer = new LabelledNoteSerializer({
      data: { labels: ['a,b'] },
      context: context(),
    });
    expect(await serializer.isValid()).toBe(false);
    expect(serializer.errors).toEqual({ labels: { '0': ['This value may not contain a comma.'] } });
  });

  it('asks for a data source in its context', () => {
    expect(() => new CategorySerializer({ data: {} }).fields).toThrow(
      'CategorySerializer is a ModelSerializer and needs a TypeORM DataSource in its context.',
    );
  });
});
