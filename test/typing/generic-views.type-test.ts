/**
 * Type-level test of the generic views (issue #16 point 7), checked by `tsc -p tsconfig.json`
 * (the typecheck of `.ci/run`), never run: each `expectType` fails to compile when a type drifts,
 * and each `@ts-expect-error` fails to compile when the error it expects is gone (a wrong entity
 * accepted again).
 */
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import {
  CreateModelMixin,
  GenericAPIView,
  GenericViewSet,
  ModelViewSet,
  ReadOnlyModelViewSet,
  RetrieveUpdateDestroyAPIView,
  type EntityOf,
  type RestflowRequest,
  type Serializer,
} from 'nestjs-restflow';

/** `true` when `TActual` and `TExpected` are the same type (`any` is only equal to `any`). */
type Equal<TActual, TExpected> =
  (<T>() => T extends TActual ? 1 : 2) extends <T>() => T extends TExpected ? 1 : 2 ? true : false;
function expectType<TCheck extends true>(): TCheck | undefined {
  return undefined;
}

export class Book {
  id!: number;
  title!: string;
}

export class Author {
  id!: number;
  name!: string;
  born!: Date;
}

export class BookViewSet extends ModelViewSet<Book> {
  override queryset = Book;

  async typedMembers(request: RestflowRequest): Promise<void> {
    const _book = await this.getObject(request);
    expectType<Equal<typeof _book, Book>>();
    const _query = this.getQueryset(request);
    expectType<Equal<typeof _query, SelectQueryBuilder<Book>>>();
    const _filtered = await this.filterQueryset(this.getQueryset(request), request);
    expectType<Equal<typeof _filtered, SelectQueryBuilder<Book>>>();
  }

  override async performCreate(serializer: Serializer<Book>): Promise<void> {
    expectType<Equal<typeof serializer.instance, Book | undefined>>();
    const _saved = await serializer.save();
    expectType<Equal<typeof _saved, Book>>();
  }

  override async performUpdate(serializer: Serializer<Book>, request: RestflowRequest) {
    await super.performUpdate(serializer, request);
  }

  override async performDestroy(book: Book, request: RestflowRequest, manager: EntityManager) {
    expectType<Equal<typeof book.title, string>>();
    await super.performDestroy(book, request, manager);
  }
}

expectType<Equal<EntityOf<typeof BookViewSet>, Book>>();

export class WrongQuerysetViewSet extends ModelViewSet<Book> {
  // @ts-expect-error another entity is not a queryset of a Book view
  override queryset = Author;
}

export class WrongCreateHookViewSet extends ModelViewSet<Book> {
  // @ts-expect-error the serializer of a Book view's create hook holds a Book
  override async performCreate(serializer: Serializer<Author>): Promise<void> {
    await serializer.save();
  }
}

export class WrongDestroyHookViewSet extends ModelViewSet<Book> {
  // @ts-expect-error a Book view destroys Books
  override async performDestroy(author: Author, request: RestflowRequest, manager: EntityManager) {
    await manager.remove(author);
  }
}

export class WrongObjectViewSet extends ModelViewSet<Book> {
  async misuse(request: RestflowRequest): Promise<string> {
    const book = await this.getObject(request);
    // @ts-expect-error a Book has no name
    const name: string = book.name;
    return name;
  }
}

/** Without a type argument nothing changes: untyped rows, any serializer, as before. */
export class UntypedViewSet extends ModelViewSet {
  override queryset = Book;

  override async performCreate(serializer: Serializer, request: RestflowRequest): Promise<void> {
    await super.performCreate(serializer, request);
  }

  async untyped(request: RestflowRequest): Promise<unknown> {
    const row = await this.getObject(request);
    expectType<Equal<typeof row, any>>(); // eslint-disable-line @typescript-eslint/no-explicit-any
    return row.anything;
  }
}

/** The read-only viewset is generic too, and has no create hook. */
export class BookReadOnlyViewSet extends ReadOnlyModelViewSet<Book> {
  override queryset = Book;

  async typed(request: RestflowRequest): Promise<void> {
    const _book = await this.getObject(request);
    expectType<Equal<typeof _book, Book>>();
    // @ts-expect-error ReadOnlyModelViewSet has no performCreate
    const _hook: unknown = this.performCreate;
  }
}

/** The concrete generic views. */
export class BookDetail extends RetrieveUpdateDestroyAPIView<Book> {
  override queryset = Book;

  override async performUpdate(serializer: Serializer<Book>): Promise<void> {
    expectType<Equal<Awaited<ReturnType<typeof serializer.save>>, Book>>();
    await serializer.save();
  }
}

export class WrongBookDetail extends RetrieveUpdateDestroyAPIView<Book> {
  // @ts-expect-error another entity is not a queryset of a Book view
  override queryset = Author;
}

/** A mixin reads the entity of its base (an instantiation expression names it). */
export class BookCreateViewSet extends CreateModelMixin(GenericViewSet<Book>) {
  override queryset = Book;

  override async performCreate(serializer: Serializer<Book>): Promise<void> {
    expectType<Equal<typeof serializer.instance, Book | undefined>>();
    await serializer.save();
  }
}

export class WrongBookCreateViewSet extends CreateModelMixin(GenericViewSet<Book>) {
  // @ts-expect-error the serializer of a Book view's create hook holds a Book
  override async performCreate(serializer: Serializer<Author>): Promise<void> {
    await serializer.save();
  }
}

/** A plain generic view of one entity. */
export class BookStockView extends GenericAPIView<Book> {
  override queryset = Book;

  async stock(request: RestflowRequest): Promise<number> {
    const book = await this.getObject(request);
    return book.title.length;
  }
}
