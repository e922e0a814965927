import { applyDecorators, SetMetadata, UseInterceptors } from '@nestjs/common';
import { RestflowConfigError } from '../exceptions/restflow-config.error';
import { PostFetch } from './post-fetch';
import { POST_FETCHES_METADATA, PostFetchInterceptor } from './post-fetch.interceptor';

/**
 * Runs `PostFetch`es over what a handler returns, through {@link PostFetchInterceptor}: a list,
 * the `results` of a paginated body, or one object. Each item (an entity or the plain object a
 * handler built) gets the `toAttr` of each PostFetch, one query per PostFetch. For the generic
 * views and `paginatedResponse()`, prefer the `postFetches` key of `@ActionConfig()`, which
 * attaches before the response serializer runs.
 *
 * @throws {RestflowConfigError} at class definition when an argument is not a `PostFetch`.
 * @example
 * ```ts
 * @Get('top')
 * @PostFetches(latestReview)
 * async top() {
 *   return this.dataSource.getRepository(Product).find({ take: 10 });
 * }
 * ```
 * @publicApi
 */
export function PostFetches(...postFetches: PostFetch[]): MethodDecorator {
  for (const postFetch of postFetches) {
    if (!(postFetch instanceof PostFetch)) {
      throw new RestflowConfigError(
        'PostFetches',
        `@PostFetches() takes PostFetch instances, got ${typeof postFetch}. Fix: pass \`new PostFetch({ ... })\`.`,
      );
    }
  }
  return applyDecorators(
    SetMetadata(POST_FETCHES_METADATA, postFetches),
    UseInterceptors(PostFetchInterceptor),
  );
}
