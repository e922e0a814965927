import { Column, DataSource, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { dataSourceOf } from './typeorm-compat.util';

@Entity('typeorm_compat_notes')
class Note {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  @Column({ type: 'varchar', length: 20 })
  text!: string;
}

// TypeORM 0.3 itself runs in the consumer test (test/consumer/nest11-typeorm03); here, the
// installed 1.x line: each holder the library reads leads back to its own data source.
describe('dataSourceOf', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = new DataSource({ type: 'sqljs', entities: [Note], synchronize: true });
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  it('finds the data source of a query builder, a manager, metadata and a query runner', async () => {
    const repository = dataSource.getRepository(Note);
    expect(dataSourceOf(repository.createQueryBuilder('note'))).toBe(dataSource);
    expect(dataSourceOf(dataSource.manager)).toBe(dataSource);
    expect(dataSourceOf(repository.metadata)).toBe(dataSource);
    const runner = dataSource.createQueryRunner();
    try {
      expect(dataSourceOf(runner)).toBe(dataSource);
      expect(dataSourceOf(runner.manager)).toBe(dataSource);
    } finally {
      await runner.release();
    }
  });

  it('follows a transaction: its manager leads to the same data source', async () => {
    await dataSource.transaction((manager) => {
      expect(dataSourceOf(manager)).toBe(dataSource);
      expect(dataSourceOf(manager.createQueryBuilder(Note, 'note'))).toBe(dataSource);
      return Promise.resolve();
    });
  });
});
