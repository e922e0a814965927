export { ConnectionDrain } from './connection-drain';
export { HostMiddleware } from './host.middleware';
export type { HttpOptions } from './http.options';
export { requestOrigin } from '../core/request-origin.util';
