export { PostFetch } from './post-fetch';
export type { PostFetchOptions } from './post-fetch';
export { PostFetchInterceptor } from './post-fetch.interceptor';
export { PostFetches } from './post-fetches.decorator';
export { joinToOneRelations } from './relation-joins';
export { loadRelations, loadToManyRelations } from './relation-loader';
export { relationPlan } from './relation-plan';
export type { RelationPlan, RelationPlanNode } from './relation-plan';
