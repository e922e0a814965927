import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import {
  Field,
  ModelSerializer,
  type ModelSerializerMeta,
  type ValidatedData,
} from 'nestjs-restflow';
import { DataSource, type Logger } from 'typeorm';
import { Article } from './fixtures/relation-writes/article.entity';
import { Comment } from './fixtures/relation-writes/comment.entity';
import { Placement } from './fixtures/relation-writes/placement.entity';
import {
  RELATION_WRITES_ENTITIES,
  RelationWritesModule,
} from './fixtures/relation-writes/relation-writes.module';
import {
  NOT_NULL_ENTITIES,
  NotNullChildrenViewSet,
  WritableNestedViewSet,
} from './fixtures/relation-writes/refused-at-boot.viewsets';
import {
  ArticleSerializer,
  PlacementSerializer,
  TagSerializer,
} from './fixtures/relation-writes/relation-writes.serializers';
import { Tag } from './fixtures/relation-writes/tag.entity';
import { Writer } from './fixtures/relation-writes/writer.entity';
import { ADAPTERS, createTestApp } from './utils/adapters';
import { createTestDatabase, testDatabases } from './utils/databases';
import { useTestApp, useTestDatabase } from './utils/e2e-hooks';

const required = ['This field is required.'];
const missingKey = (key: number) => `Invalid pk "${key}" - object does not exist.`;
/** A many-to-many set has no order: responses are compared sorted. */
const sorted = (keys: unknown) => [...(keys as number[])].sort((a, b) => a - b);
const withSortedTags = (body: unknown) => ({
  ...(body as object),
  tags: sorted((body as { tags: unknown }).tags),
});

describe.each(testDatabases())('relations written by key on %s', (databaseName) => {
  const database = useTestDatabase(databaseName);

  describe.each(ADAPTERS)('over %s', (adapterName) => {
    const handle = useTestApp(adapterName, database, (options) => [
      RelationWritesModule.forDatabase(options(RELATION_WRITES_ENTITIES)),
    ]);
    let app: INestApplication;
    let http: Parameters<typeof request>[0];
    let writer: Writer;
    let editor: Writer;
    let tags: Tag[];

    beforeAll(async () => {
      app = handle.app();
      http = handle.http();
      const dataSource = app.get(DataSource);
      const writers = await dataSource
        .getRepository(Writer)
        .save([{ name: `w-${adapterName}` }, { name: `e-${adapterName}` }]);
      writer = writers[0]!;
      editor = writers[1]!;
      tags = await dataSource
        .getRepository(Tag)
        .save(['a', 'b', 'c', 'd'].map((name) => ({ name: `${name}-${adapterName}` })));
    });

    const tagId = (index: number) => tags[index]!.id;
    const storedTags = async (articleId: number) =>
      (
        await app
          .get(DataSource)
          .getRepository(Tag)
          .find({ where: { articles: { id: articleId } }, order: { id: 'ASC' } })
      ).map((tag) => tag.id);
    const articleCount = () => app.get(DataSource).getRepository(Article).count();

    describe('many-to-many as a key list', () => {
      it('creates with the listed keys, in one transaction with the row', async () => {
        const response = await request(http)
          .post('/articles')
          .send({ title: 'First', writer: writer.id, tags: [tagId(1), tagId(0)] })
          .expect(201);
        expect(withSortedTags(response.body)).toEqual({
          id: expect.any(Number),
          title: 'First',
          writer: writer.id,
          editor: null,
          tags: sorted([tagId(1), tagId(0)]),
          comments: [],
        });
        const id = (response.body as { id: number }).id;
        expect(await storedTags(id)).toEqual(sorted([tagId(0), tagId(1)]));
        const read = await request(http).get(`/articles/${id}`).expect(200);
        expect(sorted((read.body as { tags: number[] }).tags)).toEqual(
          sorted([tagId(0), tagId(1)]),
        );
      });

      it('replaces the set on PUT and on PATCH, and leaves it alone when PATCH omits it', async () => {
        const created = await request(http)
          .post('/articles')
          .send({ title: 'Replace', writer: writer.id, tags: [tagId(0), tagId(1)] })
          .expect(201);
        const id = (created.body as { id: number }).id;

        const put = await request(http)
          .put(`/articles/${id}`)
          .send({ title: 'Replaced', writer: writer.id, tags: [tagId(2), tagId(1)] })
          .expect(200);
        expect(sorted((put.body as { tags: number[] }).tags)).toEqual(sorted([tagId(2), tagId(1)]));
        expect(await storedTags(id)).toEqual(sorted([tagId(1), tagId(2)]));

        const patch = await request(http)
          .patch(`/articles/${id}`)
          .send({ tags: [tagId(3)] })
          .expect(200);
        expect(patch.body).toMatchObject({ title: 'Replaced', tags: [tagId(3)] });
        expect(await storedTags(id)).toEqual([tagId(3)]);

        const untouched = await request(http)
          .patch(`/articles/${id}`)
          .send({ title: 'Renamed' })
          .expect(200);
        expect(untouched.body).toMatchObject({ title: 'Renamed', tags: [tagId(3)] });
        expect(await storedTags(id)).toEqual([tagId(3)]);
      });

      it('clears the set with an empty list', async () => {
        const created = await request(http)
          .post('/articles')
          .send({ title: 'Empty', writer: writer.id, tags: [tagId(0)] })
          .expect(201);
        const id = (created.body as { id: number }).id;
        const patch = await request(http).patch(`/articles/${id}`).send({ tags: [] }).expect(200);
        expect((patch.body as { tags: number[] }).tags).toEqual([]);
        expect(await storedTags(id)).toEqual([]);
        const empty = await request(http)
          .post('/articles')
          .send({ title: 'Born empty', writer: writer.id, tags: [] })
          .expect(201);
        expect((empty.body as { tags: number[] }).tags).toEqual([]);
      });

      it('names every unknown key with DRF message and writes nothing', async () => {
        const before = await articleCount();
        const response = await request(http)
          .post('/articles')
          .send({ title: 'Ghost', writer: writer.id, tags: [tagId(0), 99999, 99998, 99999] })
          .expect(400);
        expect(response.body).toEqual({
          error: {
            code: 'validation_error',
            message: expect.any(String),
            details: { tags: [missingKey(99999), missingKey(99998)] },
          },
        });
        expect(await articleCount()).toBe(before);
      });

      it('refuses a key of the wrong type and a list that is not a list', async () => {
        const wrong = await request(http)
          .post('/articles')
          .send({ title: 'Bad', writer: writer.id, tags: [[1], { id: 1 }, 'abc'] })
          .expect(400);
        expect((wrong.body as { error: { details: unknown } }).error.details).toEqual({
          tags: [
            'Incorrect type. Expected pk value, received list.',
            'Incorrect type. Expected pk value, received dict.',
            'Incorrect type. Expected pk value, received str.',
          ],
        });
        const scalar = await request(http)
          .post('/articles')
          .send({ title: 'Bad', writer: writer.id, tags: 1 })
          .expect(400);
        expect((scalar.body as { error: { details: unknown } }).error.details).toEqual({
          tags: ['Expected a list of items but got type "int".'],
        });
      });

      it('an unknown key in a PUT leaves the stored set as it was', async () => {
        const created = await request(http)
          .post('/articles')
          .send({ title: 'Keep', writer: writer.id, tags: [tagId(0)] })
          .expect(201);
        const id = (created.body as { id: number }).id;
        await request(http)
          .put(`/articles/${id}`)
          .send({ title: 'Keep', writer: writer.id, tags: [tagId(1), 424242] })
          .expect(400);
        expect(await storedTags(id)).toEqual([tagId(0)]);
      });

      it('shows the keys as nested objects through a nested response serializer', async () => {
        const response = await request(http)
          .post('/article-details')
          .send({ title: 'Nested', writer: writer.id, tags: [tagId(2)] })
          .expect(201);
        expect(response.body).toEqual({
          id: expect.any(Number),
          title: 'Nested',
          writer: writer.id,
          tags: [{ id: tagId(2), name: tags[2]!.name }],
        });
      });
    });

    describe('one-to-many declared writable (nullable key)', () => {
      it('attaches the listed children and detaches the others on update', async () => {
        const repository = app.get(DataSource).getRepository(Comment);
        const [first, second, third] = await repository.save([
          { body: 'one' },
          { body: 'two' },
          { body: 'three' },
        ]);
        const created = await request(http)
          .post('/articles')
          .send({ title: 'Talk', writer: writer.id, comments: [first!.id, second!.id] })
          .expect(201);
        const id = (created.body as { id: number; comments: number[] }).id;
        expect(sorted((created.body as { comments: number[] }).comments)).toEqual(
          sorted([first!.id, second!.id]),
        );
        const owner = async (commentId: number) =>
          (
            await repository.findOneOrFail({
              where: { id: commentId },
              relations: { article: true },
            })
          ).article?.id ?? null;
        expect(await owner(first!.id)).toBe(id);

        await request(http)
          .patch(`/articles/${id}`)
          .send({ comments: [second!.id, third!.id] })
          .expect(200);
        expect([await owner(first!.id), await owner(second!.id), await owner(third!.id)]).toEqual([
          null,
          id,
          id,
        ]);
        const missing = await request(http)
          .patch(`/articles/${id}`)
          .send({ comments: [777777] })
          .expect(400);
        expect((missing.body as { error: { details: unknown } }).error.details).toEqual({
          comments: [missingKey(777777)],
        });
      });
    });

    describe('required-ness from the join column', () => {
      it('POST without a NOT NULL foreign key is a 400, never a 500', async () => {
        const before = await articleCount();
        const response = await request(http).post('/articles').send({ title: 'No writer' });
        expect(response.status).toBe(400);
        expect((response.body as { error: { details: unknown } }).error.details).toEqual({
          writer: required,
        });
        const byKey = await request(http).post('/article-keys').send({ title: 'No writer' });
        expect(byKey.status).toBe(400);
        expect((byKey.body as { error: { details: unknown } }).error.details).toEqual({
          writerId: required,
        });
        expect(await articleCount()).toBe(before);
      });

      it('PUT without it is a 400; null is refused; PATCH may leave it out', async () => {
        const created = await request(http)
          .post('/articles')
          .send({ title: 'Put', writer: writer.id })
          .expect(201);
        const id = (created.body as { id: number }).id;
        const put = await request(http).put(`/articles/${id}`).send({ title: 'Put 2' });
        expect(put.status).toBe(400);
        expect((put.body as { error: { details: unknown } }).error.details).toEqual({
          writer: required,
        });
        const putByKey = await request(http).put(`/article-keys/${id}`).send({ title: 'Put 2' });
        expect(putByKey.status).toBe(400);
        expect((putByKey.body as { error: { details: unknown } }).error.details).toEqual({
          writerId: required,
        });
        const nulled = await request(http)
          .put(`/articles/${id}`)
          .send({ title: 'Put 2', writer: null });
        expect(nulled.status).toBe(400);
        expect((nulled.body as { error: { details: unknown } }).error.details).toEqual({
          writer: ['This field may not be null.'],
        });
        await request(http).patch(`/articles/${id}`).send({ title: 'Patched' }).expect(200);
      });

      it('a nullable foreign key is optional and accepts null', async () => {
        const created = await request(http)
          .post('/articles')
          .send({ title: 'Edited', writer: writer.id, editor: editor.id })
          .expect(201);
        const id = (created.body as { id: number }).id;
        expect(created.body).toMatchObject({ editor: editor.id });
        const cleared = await request(http)
          .put(`/articles/${id}`)
          .send({ title: 'Edited', writer: writer.id, editor: null })
          .expect(200);
        expect(cleared.body).toMatchObject({ editor: null });
        const stored = await app
          .get(DataSource)
          .getRepository(Article)
          .findOneOrFail({ where: { id }, relations: { editor: true } });
        expect(stored.editor).toBeNull();
      });
    });

    describe('unique together', () => {
      const body = (overrides: Partial<Record<keyof Placement, unknown>> = {}) => ({
        shelf: `s-${adapterName}`,
        position: 1,
        code: `c-${adapterName}-${Math.random().toString(36).slice(2, 8)}`,
        year: 2026,
        ...overrides,
      });

      it("refuses a duplicate set with DRF's message, for @Unique and a unique @Index", async () => {
        const first = await request(http).post('/placements').send(body()).expect(201);
        const duplicate = await request(http).post('/placements').send(body()).expect(400);
        expect(duplicate.body).toEqual({
          error: {
            code: 'validation_error',
            message: expect.any(String),
            details: { non_field_errors: ['The fields shelf, position must make a unique set.'] },
          },
        });
        const code = (first.body as { code: string }).code;
        const sameCode = await request(http)
          .post('/placements')
          .send(body({ position: 2, code }))
          .expect(400);
        expect((sameCode.body as { error: { details: unknown } }).error.details).toEqual({
          non_field_errors: ['The fields code, year must make a unique set.'],
        });
        await request(http)
          .post('/placements')
          .send(body({ position: 3, code, year: 2027 }))
          .expect(201);
      });

      it('checks sets with a relation, skips sets with a null, and excludes the row itself', async () => {
        const shelf = `r-${adapterName}`;
        const created = await request(http)
          .post('/placements')
          .send(body({ shelf, position: 1, curator: writer.id }))
          .expect(201);
        const twice = await request(http)
          .post('/placements')
          .send(body({ shelf, position: 2, curator: writer.id }))
          .expect(400);
        expect((twice.body as { error: { details: unknown } }).error.details).toEqual({
          non_field_errors: ['The fields curator, shelf must make a unique set.'],
        });
        await request(http)
          .post('/placements')
          .send(body({ shelf, position: 3, curator: null }))
          .expect(201);
        await request(http)
          .post('/placements')
          .send(body({ shelf, position: 4, curator: null }))
          .expect(201);
        const id = (created.body as { id: number }).id;
        await request(http)
          .put(`/placements/${id}`)
          .send({ ...(created.body as object), id: undefined })
          .expect(200);
        // A partial update takes the values it leaves out from the row.
        const moved = await request(http)
          .patch(`/placements/${id}`)
          .send({ position: 3 })
          .expect(400);
        expect((moved.body as { error: { details: unknown } }).error.details).toEqual({
          non_field_errors: ['The fields shelf, position must make a unique set.'],
        });
      });

      it('concurrent identical creates store one row: one 201, the others 400 or 409', async () => {
        const count = () => app.get(DataSource).getRepository(Placement).count();
        const before = await count();
        const same = body({ shelf: `rush-${adapterName}` });
        const responses = await Promise.all(
          Array.from({ length: 8 }, () => request(http).post('/placements').send(same)),
        );
        const statuses = responses.map((response) => response.status);
        expect(statuses.filter((status) => status === 201)).toHaveLength(1);
        expect(statuses.every((status) => [201, 400, 409].includes(status))).toBe(true);
        expect(await count()).toBe(before + 1);
      });

      it('a duplicate that slips in after validation is still a 409, and nothing is written', async () => {
        const count = () => app.get(DataSource).getRepository(Placement).count();
        const before = await count();
        const response = await request(http)
          .post('/placement-races')
          .send(body({ shelf: `race-${adapterName}` }));
        expect(response.status).toBe(409);
        expect((response.body as { error: { code: string } }).error.code).toBe('conflict');
        expect(await count()).toBe(before);
      });
    });
  });
});

describe('key lists and declaration checks, serializer level', () => {
  let dataSource: DataSource;
  const queries: string[] = [];
  beforeAll(async () => {
    const database = await createTestDatabase('sqljs');
    dataSource = await new DataSource(database.options(RELATION_WRITES_ENTITIES)).initialize();
    const logger: Logger = {
      logQuery: (query) => void queries.push(query),
      logQueryError: () => undefined,
      logQuerySlow: () => undefined,
      logSchemaBuild: () => undefined,
      logMigration: () => undefined,
      log: () => undefined,
    };
    Object.defineProperty(dataSource, 'logger', { value: logger });
  });
  afterAll(() => dataSource.destroy());

  it('looks up every key of a list in one query, not one per key', async () => {
    const tags = await dataSource
      .getRepository(Tag)
      .save(Array.from({ length: 30 }, (_, index) => ({ name: `t${index}` })));
    const writer = await dataSource.getRepository(Writer).save({ name: 'w' });
    queries.length = 0;
    const serializer = new ArticleSerializer({
      data: { title: 't', writer: writer.id, tags: [...tags.map((tag) => tag.id), 5000, 5001] },
      context: { dataSource },
    });
    expect(await serializer.isValid()).toBe(false);
    expect(serializer.errors).toEqual({
      tags: [
        'Invalid pk "5000" - object does not exist.',
        'Invalid pk "5001" - object does not exist.',
      ],
    });
    expect(queries.filter((query) => query.includes('"rw_tags"'))).toHaveLength(1);
  });

  it("maps '__all__' to the owning many-to-many side, and describes key lists in OpenAPI", () => {
    class AllArticle extends ModelSerializer<Article> {
      static override meta: ModelSerializerMeta = { model: Article, fields: '__all__' };
    }
    const fields = new AllArticle({ context: { dataSource } }).fields;
    expect([...fields.keys()]).toEqual(['id', 'title', 'writer', 'editor', 'tags']);
    expect(fields.get('tags')?.openApi()).toEqual({
      type: 'array',
      items: { type: 'integer', minimum: -2147483648, maximum: 2147483647 },
      required: false,
    });
    const placement = new PlacementSerializer({ context: { dataSource } }).fields;
    expect(placement.get('curator')?.openApi()).toMatchObject({ nullable: true, required: false });
  });

  it('keeps a read-only nullable relation nullable: null in the representation, never left out', () => {
    class ReadOnlyEditor extends ModelSerializer<Article> {
      static override meta: ModelSerializerMeta = {
        model: Article,
        fields: ['id', 'editor'],
        readOnlyFields: ['editor'],
      };
    }
    const serializer = new ReadOnlyEditor({ context: { dataSource } });
    expect(serializer.fields.get('editor')?.openApi()).toMatchObject({
      readOnly: true,
      nullable: true,
    });
    expect(serializer.toRepresentation(Object.assign(new Article(), { id: 1 }))).toEqual({
      id: 1,
      editor: null,
    });
  });

  it('refuses writable nested data without create() and update(), whatever its shape', () => {
    class DottedSource extends ModelSerializer<Article> {
      static override meta: ModelSerializerMeta = { model: Article, fields: ['id'] };
      @Field({ source: 'writer.name', maxLength: 100 }) writerName!: string;
    }
    class ListOfNested extends ModelSerializer<Article> {
      static override meta: ModelSerializerMeta = { model: Article, fields: ['id'] };
      @Field({ child: TagSerializer }) labels!: TagSerializer[];
    }
    class CreateOnly extends ModelSerializer<Article> {
      static override meta: ModelSerializerMeta = { model: Article, fields: ['id'] };
      @Field({ serializer: () => TagSerializer, many: true }) tags!: TagSerializer[];
      override create(data: ValidatedData): Promise<Article> {
        return super.create(data);
      }
    }
    class WritesItself extends CreateOnly {
      override update(instance: Article, data: ValidatedData): Promise<Article> {
        return super.update(instance, data);
      }
    }
    const build = (serializer: new (options: object) => { fields: unknown }) => () =>
      new serializer({ context: { dataSource } }).fields;
    expect(build(DottedSource)).toThrow(
      'DottedSource.writerName is a writable field with a dotted source ("writer.name"), and DottedSource does not implement create() and update()',
    );
    expect(build(ListOfNested)).toThrow(
      'ListOfNested.labels is a writable list of nested serializers',
    );
    expect(build(CreateOnly)).toThrow('CreateOnly does not implement update() to write it');
    expect(build(WritesItself)).not.toThrow();
  });

  it('refuses an option that does not apply to a key list, and a relation it cannot map', () => {
    class WithChild extends ModelSerializer<Article> {
      static override meta: ModelSerializerMeta = {
        model: Article,
        fields: ['tags'],
        extraKwargs: { tags: { maxLength: 3 } },
      };
    }
    expect(() => new WithChild({ context: { dataSource } }).fields).toThrow(
      '`maxLength` does not apply to WithChild.tags, which is a list of Tag keys (ManyRelatedField).',
    );
  });
});

describe('relations refused at boot', () => {
  it.each(ADAPTERS)(
    'a writable nested serializer field without create()/update() (%s)',
    async (adapter) => {
      const database = await createTestDatabase('sqljs');
      const moduleRef = await Test.createTestingModule({
        imports: [
          RelationWritesModule.forDatabase(database.options(RELATION_WRITES_ENTITIES), [
            WritableNestedViewSet,
          ]),
        ],
      }).compile();
      await expect(createTestApp(moduleRef, adapter)).rejects.toThrow(
        'WritableNestedTagsSerializer.tags is a writable nested serializer field, and ' +
          'WritableNestedTagsSerializer does not implement create() and update() to write it',
      );
      await moduleRef.close();
    },
  );

  it('a writable one-to-many relation whose children need their key', async () => {
    const database = await createTestDatabase('sqljs');
    const moduleRef = await Test.createTestingModule({
      imports: [
        RelationWritesModule.forDatabase(database.options(NOT_NULL_ENTITIES), [
          NotNullChildrenViewSet,
        ]),
      ],
    }).compile();
    await expect(createTestApp(moduleRef, 'express')).rejects.toThrow(
      'Cannot write the one-to-many relation ShelfSerializer.books: a Book left out of the list ' +
        'would lose its shelf, and Book.shelf is NOT NULL',
    );
    await moduleRef.close();
  });
});
