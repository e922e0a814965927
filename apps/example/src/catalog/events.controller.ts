import { Get, Req } from '@nestjs/common';
import {
  APIView,
  OpenApiOperation,
  SSEResponse,
  View,
  type RestflowRequest,
  type SSEEvent,
} from 'nestjs-restflow';
import { ProductChanges, type ProductChange } from './product-changes';

/** How long the client waits before reconnecting, announced first on every stream. */
const RETRY_MS = 3000;

/**
 * `GET /api/events`: Server-Sent Events announcing the product changes made through the API
 * (`event: product.created|product.updated|product.deleted`, `id:` the change number, `data:`
 * `{"id", "name"}`), after a first `retry:` frame; a `: heartbeat` comment every 15 s keeps
 * proxies from closing an idle stream. Anyone may listen (the default read permission and
 * throttles apply before the stream starts); the stream ends cleanly when the app shuts down.
 *
 * @example
 * ```sh
 * curl -N http://localhost:3000/api/events
 * # retry: 3000
 * #
 * # id: 1
 * # event: product.updated
 * # data: {"id": 3, "name": "Desk lamp"}
 * ```
 */
@View('api/events')
export class EventsView extends APIView {
  constructor(private readonly changes: ProductChanges) {
    super();
  }

  @OpenApiOperation({
    summary: 'Product changes',
    description:
      'Server-Sent Events: `event: product.created|product.updated|product.deleted`, `id:` the ' +
      'change number, `data:` `{"id", "name"}`; a first `retry:` frame, a heartbeat comment every 15 s.',
    responses: {
      '200': {
        description: 'An endless `text/event-stream`.',
        content: {
          'text/event-stream': {
            schema: { type: 'string' },
            example: 'id: 1\nevent: product.updated\ndata: {"id": 3, "name": "Desk lamp"}\n\n',
          },
        },
      },
    },
  })
  @Get()
  events(@Req() _request: RestflowRequest): SSEResponse {
    const changes = this.changes;
    return new SSEResponse(
      async function* (signal: AbortSignal): AsyncGenerator<SSEEvent> {
        yield { retry: RETRY_MS };
        for await (const change of changes.subscribe(signal)) {
          yield toEvent(change);
        }
      },
      { heartbeatMs: 15_000 },
    );
  }
}

function toEvent(change: ProductChange): SSEEvent {
  const data = change.name === undefined ? { id: change.id } : { id: change.id, name: change.name };
  return { id: change.seq, event: `product.${change.type}`, data };
}
