import { BasePermission, isSafeMethod, type RestflowRequest } from 'nestjs-restflow';

/** Anyone reads; only requests with `x-writer: yes` write. */
export class WriterOrReadOnly extends BasePermission {
  override readonly message = 'Only writers may change books.';

  override hasPermission(request: RestflowRequest): boolean {
    return isSafeMethod(request) || request.headers['x-writer'] === 'yes';
  }
}
