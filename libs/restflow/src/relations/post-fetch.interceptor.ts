import {
  Inject,
  Injectable,
  Optional,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { from, mergeMap, type Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import { RestflowConfigError } from '../exceptions/restflow-config.error';
import type { PostFetch } from './post-fetch';

/** Metadata key of the PostFetches of a handler (set by `@PostFetches()`). @internal */
export const POST_FETCHES_METADATA = 'restflow:post-fetches';

/**
 * The interceptor behind `@PostFetches()`: after the handler, runs the handler's PostFetches
 * over the items of its result (an array, the `results` array of a paginated body, or a single
 * object), one query per PostFetch.
 *
 * @example
 * ```ts
 * @UseInterceptors(PostFetchInterceptor)
 * @SetMetadata('restflow:post-fetches', [latestReview])
 * ```
 * @publicApi
 */
@Injectable()
export class PostFetchInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    @Optional() @Inject(DataSource) private readonly dataSource?: DataSource,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const postFetches =
      this.reflector.get<PostFetch[] | undefined>(POST_FETCHES_METADATA, context.getHandler()) ??
      [];
    return next.handle().pipe(mergeMap((body) => from(this.attach(body, postFetches, context))));
  }

  private async attach(
    body: unknown,
    postFetches: readonly PostFetch[],
    context: ExecutionContext,
  ) {
    if (postFetches.length === 0 || body === null || typeof body !== 'object') return body;
    if (!this.dataSource) {
      throw new RestflowConfigError(
        `${context.getClass().name}.${context.getHandler().name}`,
        '@PostFetches() needs a TypeORM DataSource. Fix: import TypeOrmModule.forRoot() in the application module.',
      );
    }
    const results = (body as { results?: unknown }).results;
    const items: object[] = Array.isArray(body)
      ? (body as object[])
      : Array.isArray(results)
        ? (results as object[])
        : [body];
    for (const postFetch of postFetches) {
      await postFetch.fetch(this.dataSource.manager, items);
    }
    return body;
  }
}
