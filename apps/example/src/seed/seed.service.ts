import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import {
  DataSource,
  In,
  type EntityManager,
  type EntityTarget,
  type ObjectLiteral,
  type QueryDeepPartialEntity,
} from 'typeorm';
import { Category } from '../catalog/category.entity';
import { Product } from '../catalog/product.entity';
import { Review } from '../catalog/review.entity';
import { Tag } from '../catalog/tag.entity';
import { hashPassword } from 'nestjs-restflow';
import { User } from '../users/user.entity';
import { buildSeedData, type SeedData } from './seed-data';

/** How many rows of each kind one seeding run inserted. */
export interface SeedCounts {
  users: number;
  categories: number;
  tags: number;
  products: number;
  reviews: number;
}

// Large enough to keep round trips few, far below every dialect's bound-parameter limit.
const CHUNK_SIZE = 100;

/**
 * Fills an empty database with the demo data of {@link buildSeedData} when the application
 * starts. It runs only when the `users` table is empty, so restarts never duplicate data, and it
 * writes everything in one transaction: either the whole catalog is there or nothing is (and
 * sql.js with `autoSave` writes its file once).
 */
@Injectable()
export class SeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger(SeedService.name);

  constructor(private readonly dataSource: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.seed();
  }

  /**
   * Seeds the database unless it already has users.
   *
   * @returns the inserted counts, or `undefined` when the database was already seeded.
   */
  async seed(data: SeedData = buildSeedData()): Promise<SeedCounts | undefined> {
    if (await this.hasUsers()) {
      return undefined;
    }
    const started = performance.now();
    // scrypt is deliberately slow: hash before the transaction opens, not while it holds locks.
    const passwordHashes = await Promise.all(data.users.map((user) => hashPassword(user.password)));
    try {
      await this.dataSource.transaction((manager) => this.insertAll(manager, data, passwordHashes));
    } catch (error) {
      // Two instances starting together on one server both saw no users; the unique username
      // made the second one fail, and the first one's data is just as good.
      if (await this.hasUsers()) {
        this.logger.log('Database was seeded concurrently by another process; skipping.');
        return undefined;
      }
      throw error;
    }
    const counts: SeedCounts = {
      users: data.users.length,
      categories: data.categories.length,
      tags: data.tags.length,
      products: data.products.length,
      reviews: data.reviews.length,
    };
    const elapsed = Math.round(performance.now() - started);
    this.logger.log(
      `Seeded ${counts.users} users, ${counts.categories} categories, ${counts.tags} tags, ` +
        `${counts.products} products and ${counts.reviews} reviews in ${elapsed} ms.`,
    );
    return counts;
  }

  private async hasUsers(): Promise<boolean> {
    return (await this.dataSource.getRepository(User).count()) > 0;
  }

  private async insertAll(
    manager: EntityManager,
    data: SeedData,
    passwordHashes: readonly string[],
  ): Promise<void> {
    await insertInChunks(
      manager,
      User,
      data.users.map((user, index) => ({
        username: user.username,
        email: user.email,
        passwordHash: passwordHashes[index] ?? '',
        isStaff: user.isStaff,
        dateJoined: user.dateJoined,
      })),
    );
    const users = await manager.find(User, {
      select: { id: true, username: true },
      where: { username: In(data.users.map((user) => user.username)) },
    });
    const userIds = data.users.map((user) =>
      idOf(users.find((row) => row.username === user.username)),
    );

    await insertInChunks(manager, Category, data.categories);
    const categories = await manager.find(Category, {
      select: { id: true, slug: true },
      where: { slug: In(data.categories.map((category) => category.slug)) },
    });
    const categoryIds = data.categories.map((category) =>
      idOf(categories.find((row) => row.slug === category.slug)),
    );

    await insertInChunks(
      manager,
      Tag,
      data.tags.map((name) => ({ name })),
    );
    const tags = await manager.find(Tag, {
      select: { id: true, name: true },
      where: { name: In(data.tags) },
    });
    const tagIds = new Map(tags.map((tag) => [tag.name, tag.id]));

    await insertInChunks(
      manager,
      Product,
      data.products.map(({ categoryIndex, tags: _tags, ...product }) => ({
        ...product,
        categoryId: idOf(categoryIds[categoryIndex]),
      })),
    );
    // Auto-increment ids ascend in insertion order on all three dialects, so the newest
    // N ids are our N products, in order.
    const newest = await manager.find(Product, {
      select: { id: true },
      order: { id: 'DESC' },
      take: data.products.length,
    });
    const productIds = newest.map((product) => product.id).reverse();

    await insertInChunks(
      manager,
      Review,
      data.reviews.map(({ productIndex, authorIndex, ...review }) => ({
        ...review,
        productId: idOf(productIds[productIndex]),
        authorId: idOf(userIds[authorIndex]),
      })),
    );

    // The product-tag links, straight into the link table of Product.tags.
    const link = manager.connection.getMetadata(Product).findRelationWithPropertyPath('tags');
    await insertInChunks(
      manager,
      link!.junctionEntityMetadata!.target,
      data.products.flatMap((product, index) =>
        product.tags.map((name) => ({
          productId: idOf(productIds[index]),
          tagId: idOf(tagIds.get(name)),
        })),
      ),
    );
  }
}

/**
 * Multi-row INSERTs without TypeORM's post-insert re-select: sql.js cannot report the ids of a
 * multi-row insert anyway, and the re-select would double the round trips.
 */
async function insertInChunks<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  rows: QueryDeepPartialEntity<T>[],
): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK_SIZE) {
    await manager
      .createQueryBuilder()
      .insert()
      .into(target)
      .values(rows.slice(start, start + CHUNK_SIZE))
      .updateEntity(false)
      .execute();
  }
}

function idOf(value: { id: number } | number | undefined): number {
  const id = typeof value === 'number' ? value : value?.id;
  if (id === undefined) {
    throw new Error('Seeding lost track of an inserted row; the database changed during seeding.');
  }
  return id;
}
