export { ConnectionDrain } from './connection-drain';
export { HostMiddleware } from './host.middleware';
export type { HttpOptions } from './http.options';
export { requestOrigin } from '../core/request-origin.util';
export { answerClientError, answerUnmetExpectation } from './client-error.handler';
export { configureRestflowHttp } from './configure-restflow-http';
export type { RestflowHttpSettings } from './configure-restflow-http';
