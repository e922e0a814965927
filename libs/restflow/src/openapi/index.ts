export { OpenApiOperation } from './openapi-operation.decorator';
export type { OpenApiOperationOptions } from './openapi-operation.decorator';
export type { OpenApiPaginator } from './paginator-schema';
export { RestflowOpenApi } from './restflow-openapi';
export type { RestflowOpenApiOptions } from './restflow-openapi-options.interface';
export type { OpenApiAuthenticator, OpenApiSecurityScheme } from './security-schemes';
