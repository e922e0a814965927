import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  ArgsKeyField,
  CacheResult,
  InvalidationRule,
  KeyConstructor,
  type KeyConstructorMeta,
} from 'nestjs-restflow';
import type { Repository } from 'typeorm';
import { Review } from './review.entity';

/** Keys of a user's data: the user is the partition, so one call drops all of it. */
class UserReviewsKey extends KeyConstructor {
  user = new ArgsKeyField('userId', { partition: true });
  page = new ArgsKeyField('limit');
  static override meta: KeyConstructorMeta = { namespace: 'reviews' };
}

/**
 * "My reviews": the latest reviews a user wrote, cached per user for two minutes. A review
 * written, edited or deleted by the user drops that user's entries (and only theirs):
 * `deleteByPrefix({ userId })` through the rule's field mapping.
 */
@Injectable()
export class MyReviewsService {
  constructor(@InjectRepository(Review) private readonly reviews: Repository<Review>) {}

  @CacheResult({
    keyConstructor: UserReviewsKey,
    argNames: ['userId', 'limit'],
    ttl: 120,
    invalidatesOn: [
      new InvalidationRule({
        entity: Review,
        fieldMapping: { userId: 'authorId' },
        triggerOnCreate: true,
      }),
    ],
  })
  async myReviews(userId: number, limit = 20): Promise<Review[]> {
    return this.reviews.find({
      where: { authorId: userId },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: limit,
    });
  }
}
