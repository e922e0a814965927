export { MediaTypeMiddleware } from './media-type.middleware';
export { MAX_FORM_FIELDS, parseFormBody } from './form-body.parser';
export { parseJsonBody } from './json-body.parser';
