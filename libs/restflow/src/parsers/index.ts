export { MediaTypeMiddleware } from './media-type.middleware';
