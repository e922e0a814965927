import {
  AfterInsert,
  Column,
  DataSource,
  Entity,
  ManyToMany,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  Tree,
  TreeChildren,
  TreeParent,
  type DataSourceOptions,
  type EntityMetadata,
  type EntitySubscriberInterface,
} from 'typeorm';
import { InvalidationSubscriber } from '../caching/invalidation/invalidation.subscriber';
import { insertIsOneStatement } from './one-statement-insert';

@Entity()
class Shelf {
  @PrimaryGeneratedColumn() id!: number;
  @OneToMany(() => Book, (book) => book.shelf) books!: Book[];
}

@Entity()
class Genre {
  @PrimaryGeneratedColumn() id!: number;
}

@Entity()
class Book {
  @PrimaryGeneratedColumn() id!: number;
  @Column() title!: string;
  @Column({ nullable: true }) shelfId!: number | null;
  @ManyToOne(() => Shelf, (shelf) => shelf.books) shelf!: Shelf | null;
  @ManyToOne(() => Genre, { cascade: true }) genre!: Genre | null;
  @ManyToMany(() => Genre) genres!: Genre[];
}

@Entity()
class Audited {
  @PrimaryGeneratedColumn() id!: number;
  @AfterInsert() audit(): void {}
}

@Entity()
@Tree('closure-table')
class Folder {
  @PrimaryGeneratedColumn() id!: number;
  @TreeParent() parent!: Folder | null;
  @TreeChildren() children!: Folder[];
}

const ENTITIES = [Shelf, Genre, Book, Audited, Folder];

/** A data source with built metadata and no connection. */
async function dataSourceOf(options: Partial<DataSourceOptions> = {}): Promise<DataSource> {
  const dataSource = new DataSource({
    type: 'postgres',
    entities: ENTITIES,
    ...options,
  } as DataSourceOptions);
  await (dataSource as unknown as { buildMetadatas(): Promise<void> }).buildMetadatas();
  return dataSource;
}

describe('insertIsOneStatement()', () => {
  let dataSource: DataSource;
  let book: EntityMetadata;
  beforeAll(async () => {
    dataSource = await dataSourceOf();
    book = dataSource.getMetadata(Book);
  });

  it('is true for columns and a to-one key', () => {
    expect(insertIsOneStatement(dataSource, book, { title: 'x', shelfId: 1 })).toBe(true);
    expect(insertIsOneStatement(dataSource, book, { title: 'x', shelf: { id: 1 } })).toBe(true);
  });

  it('is false for a cascading relation or a list among the values', () => {
    expect(insertIsOneStatement(dataSource, book, { genre: { id: 1 } })).toBe(false);
    expect(insertIsOneStatement(dataSource, book, { genres: [] })).toBe(false);
    const shelf = dataSource.getMetadata(Shelf);
    expect(insertIsOneStatement(dataSource, shelf, { books: [] })).toBe(false);
  });

  it('is false for a tree entity or an @AfterInsert() listener', () => {
    expect(insertIsOneStatement(dataSource, dataSource.getMetadata(Folder), {})).toBe(false);
    expect(insertIsOneStatement(dataSource, dataSource.getMetadata(Audited), {})).toBe(false);
  });

  it('is false with a subscriber that has insert hooks for the entity or transaction hooks', async () => {
    class InsertSubscriber implements EntitySubscriberInterface {
      afterInsert(): void {}
    }
    class OtherEntitySubscriber implements EntitySubscriberInterface {
      listenTo() {
        return Genre;
      }
      afterInsert(): void {}
    }
    class CommitSubscriber implements EntitySubscriberInterface {
      afterTransactionCommit(): void {}
    }
    const withInsert = await dataSourceOf();
    const withOther = await dataSourceOf();
    const withCommit = await dataSourceOf();
    withInsert.subscribers.push(new InsertSubscriber());
    withOther.subscribers.push(new OtherEntitySubscriber());
    withCommit.subscribers.push(new CommitSubscriber());
    expect(insertIsOneStatement(withInsert, withInsert.getMetadata(Book), {})).toBe(false);
    expect(insertIsOneStatement(withOther, withOther.getMetadata(Book), {})).toBe(true);
    expect(insertIsOneStatement(withCommit, withCommit.getMetadata(Book), {})).toBe(false);
  });

  it("is true with the library's cache invalidation subscriber", async () => {
    const withInvalidation = await dataSourceOf();
    withInvalidation.subscribers.push(
      new InvalidationSubscriber(
        new Map(),
        {} as ConstructorParameters<typeof InvalidationSubscriber>[1],
      ),
    );
    expect(insertIsOneStatement(withInvalidation, withInvalidation.getMetadata(Book), {})).toBe(
      true,
    );
  });

  it('is false on a single-session data source (sql.js)', async () => {
    const sqlJs = await dataSourceOf({ type: 'sqljs' });
    expect(insertIsOneStatement(sqlJs, sqlJs.getMetadata(Book), { title: 'x' })).toBe(false);
  });
});
