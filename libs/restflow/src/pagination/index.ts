export { CursorPagination } from './cursor.paginator';
export { FastPageNumberPagination } from './fast-page-number.paginator';
export { LimitOffsetPagination } from './limit-offset.paginator';
export { PageNumberPagination } from './page-number.paginator';
export { pageLink, readQueryParam } from './pagination-links.util';
export type { QueryChanges } from './pagination-links.util';
export type { Page, PaginationDefaults, Paginator, PaginatorClass } from './paginator.interface';
