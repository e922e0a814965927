import 'reflect-metadata';
import { Controller, Get, UseInterceptors, type NestInterceptor } from '@nestjs/common';
import type { DiscoveryService } from '@nestjs/core';
import { ActionConfig } from '../../core/action-config.decorator';
import { NEST_INTERCEPTORS_METADATA } from '../../core/nest-metadata-keys';
import { CacheResponse } from './cache-response.decorator';
import { ResponseCacheInterceptor } from './response-cache.interceptor';
import { ResponseCacheRoutes } from './response-cache-routes';

const passThrough: NestInterceptor = { intercept: (_context, next) => next.handle() };

@Controller('decorated')
@UseInterceptors(passThrough)
class Decorated {
  @CacheResponse({ ttl: 10 })
  @Get()
  list() {
    return [];
  }
}

@Controller('plain')
class Plain {
  @Get()
  list() {
    return [];
  }
}

@Controller('configured')
@ActionConfig({ cacheResponse: { ttl: 5 } })
class ConfiguredOnClass {
  @Get()
  list() {
    return [];
  }
}

@Controller('mapped')
class MappedBase {
  actionConfigs: Record<string, object> = { list: { cacheResponse: { ttl: 5 } } };

  @Get()
  list() {
    return [];
  }
}

/** Inherits MappedBase's route, but its own map caches nothing. */
@Controller('unmapped')
class UnmappedChild extends MappedBase {
  override actionConfigs = {};
}

interface FakeWrapper {
  metatype: unknown;
  instance: unknown;
  isDependencyTreeStatic(): boolean;
}

function wrapper(type: new () => object, isStatic = true): FakeWrapper {
  return {
    metatype: type,
    instance: isStatic ? new type() : Object.create(type.prototype as object),
    isDependencyTreeStatic: () => isStatic,
  };
}

function boot(wrappers: FakeWrapper[]): ResponseCacheInterceptor {
  const interceptor = Object.create(ResponseCacheInterceptor.prototype) as ResponseCacheInterceptor;
  const discovery = { getControllers: () => wrappers } as unknown as DiscoveryService;
  new ResponseCacheRoutes(discovery, interceptor).apply();
  return interceptor;
}

function interceptorsOf(type: object): unknown[] {
  return (Reflect.getMetadata(NEST_INTERCEPTORS_METADATA, type) as unknown[] | undefined) ?? [];
}

describe('ResponseCacheRoutes', () => {
  it('puts the cache first on controllers that cache, and nowhere else', () => {
    const cache = boot([
      wrapper(Decorated),
      wrapper(Plain),
      wrapper(ConfiguredOnClass),
      wrapper(MappedBase),
      wrapper(UnmappedChild),
    ]);
    expect(interceptorsOf(Decorated)).toEqual([cache, passThrough]);
    expect(interceptorsOf(ConfiguredOnClass)).toEqual([cache]);
    expect(interceptorsOf(MappedBase)).toEqual([cache]);
    expect(interceptorsOf(Plain)).toEqual([]);
    // Not inherited from a base controller that caches.
    expect(interceptorsOf(UnmappedChild)).toEqual([]);
  });

  it('keeps the cache on a controller without an instance at boot (request-scoped)', () => {
    const cache = boot([wrapper(Plain, false)]);
    expect(interceptorsOf(Plain)).toEqual([cache]);
  });

  it("replaces an earlier app's cache instead of adding to it (apps of one process)", () => {
    const first = boot([wrapper(Decorated), wrapper(Plain, false)]);
    const second = boot([wrapper(Decorated), wrapper(Plain)]);
    expect(second).not.toBe(first);
    expect(interceptorsOf(Decorated)).toEqual([second, passThrough]);
    expect(interceptorsOf(Plain)).toEqual([]);
  });
});
