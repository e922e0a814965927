import {
  createParamDecorator,
  Injectable,
  Optional,
  type ArgumentMetadata,
  type ExecutionContext,
  type PipeTransform,
  type Type,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { InjectRestflowOptions } from '../config/options.providers';
import type { ResolvedRestflowOptions } from '../config/restflow-options.interface';
import { RestflowConfigError } from '../exceptions/restflow-config.error';
import { Serializer, type SerializerClass } from './serializer';
import type { SerializerContext } from './serializer-context.interface';

/**
 * Options of {@link SerializerPipe} and {@link SerializedBody}.
 *
 * @example
 * ```ts
 * @SerializedBody(ProductSerializer, { partial: true }) serializer: ProductSerializer
 * ```
 * @publicApi
 */
export interface SerializerPipeOptions {
  /** PATCH semantics: absent fields are skipped. @default false */
  partial?: boolean;
}

const SERIALIZED_BODY = Symbol('restflow:serialized-body');

/** What {@link SerializedBody} hands to the pipe: the body and its request. */
interface SerializedBodyInput {
  [SERIALIZED_BODY]: true;
  body: unknown;
  request: unknown;
  serializerClass: SerializerClass;
  options: SerializerPipeOptions;
}

/**
 * Validates a request body with a serializer and hands the handler the valid serializer
 * (`validatedData`, `save()`, `data`), or answers 400 `validation_error` with per-field
 * `details`. It runs the serializer once, whether or not the app also has a global
 * `ValidationPipe`.
 *
 * Three ways to use it:
 * - `@SerializedBody(X)`: the recommended one; the serializer also gets the request and the
 *   app's TypeORM `DataSource` in its context (needed by `ModelSerializer`).
 * - `@Body(SerializerPipe.of(X))`: the same as a pipe class, instantiated by Nest.
 * - `@Body(new SerializerPipe(X))`: a plain instance; the context has no request or data
 *   source, which suits plain `Serializer`s.
 *
 * @example
 * ```ts
 * @Post()
 * async create(@SerializedBody(CreateProductSerializer) serializer: CreateProductSerializer) {
 *   await serializer.save();
 *   return serializer.data;
 * }
 * ```
 * @publicApi
 */
@Injectable()
export class SerializerPipe<TSerializer extends Serializer = Serializer> implements PipeTransform {
  private dataSource: DataSource | null | undefined;

  constructor(
    @Optional() private readonly serializerClass?: SerializerClass<TSerializer>,
    @Optional() private readonly options: SerializerPipeOptions = {},
    @Optional() private readonly moduleRef?: ModuleRef,
    @Optional()
    @InjectRestflowOptions('exceptions')
    private readonly exceptions?: ResolvedRestflowOptions['exceptions'],
  ) {}

  /**
   * A pipe class bound to one serializer, for `@Body(SerializerPipe.of(X))`: Nest instantiates
   * it, so the serializer gets the app's data source.
   */
  static of<TSerializer extends Serializer>(
    serializerClass: SerializerClass<TSerializer>,
    options: SerializerPipeOptions = {},
  ): Type<PipeTransform> {
    // A wrapper rather than a subclass: Nest reads constructor metadata through the class
    // chain, and the parent's parameter list would leak into the bound pipe's.
    @Injectable()
    class BoundSerializerPipe implements PipeTransform {
      private readonly pipe: SerializerPipe<TSerializer>;

      constructor(
        @Optional() moduleRef?: ModuleRef,
        @Optional()
        @InjectRestflowOptions('exceptions')
        exceptions?: ResolvedRestflowOptions['exceptions'],
      ) {
        this.pipe = new SerializerPipe(serializerClass, options, moduleRef, exceptions);
      }

      transform(value: unknown, metadata: ArgumentMetadata): Promise<TSerializer> {
        return this.pipe.transform(value, metadata);
      }
    }
    Object.defineProperty(BoundSerializerPipe, 'name', {
      value: `SerializerPipe(${serializerClass.name})`,
    });
    return BoundSerializerPipe;
  }

  async transform(value: unknown, metadata: ArgumentMetadata): Promise<TSerializer> {
    const input = isSerializedBodyInput(value) ? value : undefined;
    const serializerClass = (input?.serializerClass ??
      this.serializerClass ??
      serializerMetatype(metadata)) as SerializerClass<TSerializer>;
    const options = input?.options ?? this.options;
    const context: SerializerContext = {
      request: input?.request,
      dataSource: this.findDataSource(),
      nonFieldErrorsKey: this.exceptions?.nonFieldErrorsKey,
    };
    // No body at all reads as an empty object, so that required fields say so (as in DRF).
    const serializer = new serializerClass({
      data: (input ? input.body : bodyOf(value, serializerClass)) ?? {},
      partial: options.partial,
      context,
    });
    await serializer.isValid({ raiseException: true });
    return serializer;
  }

  private findDataSource(): DataSource | undefined {
    if (this.dataSource === undefined) {
      try {
        this.dataSource = this.moduleRef?.get(DataSource, { strict: false }) ?? null;
      } catch {
        this.dataSource = null;
      }
    }
    return this.dataSource ?? undefined;
  }
}

/**
 * Injects a validated serializer built from the request body (see {@link SerializerPipe}).
 * Nest's `ValidationPipe` leaves custom parameter decorators alone, so nothing validates twice.
 *
 * @example
 * ```ts
 * @Patch(':id')
 * async update(
 *   @Param('id', ParseIntPipe) id: number,
 *   @SerializedBody(ProductSerializer, { partial: true }) serializer: ProductSerializer,
 * ) {}
 * ```
 * @publicApi
 */
export function SerializedBody(
  serializerClass: SerializerClass,
  options: SerializerPipeOptions = {},
): ParameterDecorator {
  return createParamDecorator((_data: unknown, context: ExecutionContext): SerializedBodyInput => {
    const request = context.switchToHttp().getRequest<{ body?: unknown }>();
    return { [SERIALIZED_BODY]: true, body: request.body, request, serializerClass, options };
  })(undefined, SerializerPipe);
}

function isSerializedBodyInput(value: unknown): value is SerializedBodyInput {
  return typeof value === 'object' && value !== null && SERIALIZED_BODY in value;
}

function serializerMetatype(metadata: ArgumentMetadata): SerializerClass {
  const metatype = metadata.metatype as unknown;
  if (typeof metatype === 'function' && metatype.prototype instanceof Serializer) {
    return metatype as SerializerClass;
  }
  throw new RestflowConfigError(
    'SerializerPipe',
    'SerializerPipe does not know which serializer to use. Fix: pass it, as in ' +
      '`@Body(new SerializerPipe(ProductSerializer))`, or type the parameter as the serializer.',
  );
}

/**
 * The body as the client sent it. A global `ValidationPipe` with `transform: true` has already
 * turned it into an instance of the serializer class (class-transformer assigns the body's keys
 * to a fresh instance): read the declared fields back from it.
 */
function bodyOf(value: unknown, serializerClass: SerializerClass): unknown {
  if (!(value instanceof serializerClass)) {
    return value;
  }
  const body: Record<string, unknown> = {};
  for (const name of value.fields.keys()) {
    const item = (value as unknown as Record<string, unknown>)[name];
    if (item !== undefined) {
      body[name] = item;
    }
  }
  return body;
}
