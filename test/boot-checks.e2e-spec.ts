import type { INestApplication, Provider, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RestflowConfigError, RestflowModule } from 'nestjs-restflow';
import request from 'supertest';
import { DataSource } from 'typeorm';
import {
  ApiKeyAuthentication,
  ApiKeys,
  BootItem,
  BootItemViewSet,
  BuiltQuerysetViewSet,
  IsOpenReader,
  KeyedItemViewSet,
  NotAnEntityViewSet,
  OpenNames,
  OrphanListViewSet,
  OrphanViewSet,
  Quotas,
  QuotaItemViewSet,
  QuotaThrottle,
  ReaderItemViewSet,
} from './fixtures/boot-checks/boot-checks.fixtures';
import { ADAPTERS, createTestApp, type AdapterName } from './utils/adapters';

/** Boots an app over sql.js that knows only BootItem, with `controllers` and `providers`. */
async function boot(
  adapter: AdapterName,
  controllers: Type<unknown>[],
  providers: Provider[] = [],
): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      TypeOrmModule.forRoot({ type: 'sqljs', entities: [BootItem], synchronize: true }),
      RestflowModule.forRoot({ globalExceptionFilter: true }),
    ],
    controllers,
    providers,
  }).compile();
  return createTestApp(moduleRef, adapter);
}

/** The error `app.init()` failed with (the test fails when it did not fail). */
async function bootError(
  adapter: AdapterName,
  controllers: Type<unknown>[],
  providers: Provider[] = [],
): Promise<Error> {
  const booted = await boot(adapter, controllers, providers).then(
    async (app) => {
      await app.close();
      return undefined;
    },
    (error: unknown) => error,
  );
  expect(booted).toBeInstanceOf(RestflowConfigError);
  return booted as Error;
}

describe.each(ADAPTERS)('boot checks over %s', (adapter) => {
  describe('a queryset entity the DataSource does not know', () => {
    it("fails app.init() naming the view, the entity and the fix (the view's queryset)", async () => {
      const error = await bootError(adapter, [BootItemViewSet, OrphanViewSet]);
      expect(error.message).toBe(
        'OrphanViewSet.queryset names the entity BootOrphan, which the DataSource does not know, ' +
          'so every request would fail. Fix: add BootOrphan to the entities of ' +
          'TypeOrmModule.forRoot() (or import TypeOrmModule.forFeature([BootOrphan]) with ' +
          'autoLoadEntities: true).',
      );
      expect((error as RestflowConfigError).option).toBe('OrphanViewSet.queryset');
    });

    it("fails app.init() for an action's @ActionConfig queryset", async () => {
      const error = await bootError(adapter, [OrphanListViewSet]);
      expect(error.message).toMatch(
        /^OrphanListViewSet\.list @ActionConfig queryset names the entity BootOrphan, which the DataSource does not know/,
      );
    });

    it('fails app.init() for a class that is not an entity, naming it', async () => {
      const error = await bootError(adapter, [NotAnEntityViewSet]);
      expect(error.message).toBe(
        'NotAnEntityViewSet.queryset is the class NotAnEntity, which is not a TypeORM entity ' +
          '(no @Entity()). Fix: decorate NotAnEntity with @Entity() and register it with the ' +
          'DataSource, or set the queryset to a function (view, request) => a query builder.',
      );
    });

    it('boots with known entities and function querysets, which serve their rows', async () => {
      const app = await boot(adapter, [BootItemViewSet, BuiltQuerysetViewSet]);
      try {
        await app.get(DataSource).getRepository(BootItem).save({ name: 'first' });
        const http = app.getHttpServer() as Parameters<typeof request>[0];
        const items = await request(http).get('/items').expect(200);
        expect(items.body).toEqual([{ id: 1, name: 'first' }]);
        const built = await request(http).get('/built-items').expect(200);
        expect(built.body).toEqual([{ id: 1, name: 'first' }]);
      } finally {
        await app.close();
      }
    });
  });

  describe('a custom class that injects a service no module provides', () => {
    it('fails app.init() for an authenticator, naming the class, the provider and the action', async () => {
      const error = await bootError(adapter, [KeyedItemViewSet]);
      expect(error.message).toBe(
        'In the authenticators of KeyedItemViewSet.list, ApiKeyAuthentication cannot be ' +
          'created: it injects ApiKeys (constructor argument 0), which no module provides to ' +
          'it. Fix: register ApiKeyAuthentication as a provider in the module that provides ' +
          'ApiKeys (restflow then uses that instance), or provide ApiKeys in a global module.',
      );
      expect((error as RestflowConfigError).option).toBe('ApiKeyAuthentication');
    });

    it('fails app.init() for a permission', async () => {
      const error = await bootError(adapter, [ReaderItemViewSet]);
      expect(error.message).toMatch(
        /^In the permissions of ReaderItemViewSet\.list, IsOpenReader cannot be created: it injects OpenNames \(constructor argument 0\), which no module provides to it\. Fix: register IsOpenReader as a provider/,
      );
    });

    it('fails app.init() for a throttle', async () => {
      const error = await bootError(adapter, [QuotaItemViewSet]);
      expect(error.message).toMatch(
        /^In the throttles of QuotaItemViewSet\.list, QuotaThrottle cannot be created: it injects Quotas \(constructor argument 0\), which no module provides to it\. Fix: /,
      );
    });

    it('only the service provided is still refused: the class itself as a provider is the fix', async () => {
      // ApiKeys provided in the app module, ApiKeyAuthentication not: RestflowModule cannot
      // see the app module's providers when it creates the class itself.
      const error = await bootError(adapter, [KeyedItemViewSet], [ApiKeys]);
      expect(error.message).toMatch(/ApiKeyAuthentication cannot be created: it injects ApiKeys/);
    });

    it('boots when the classes are providers beside their services, and uses them', async () => {
      const app = await boot(
        adapter,
        [KeyedItemViewSet, ReaderItemViewSet, QuotaItemViewSet],
        [ApiKeys, ApiKeyAuthentication, OpenNames, IsOpenReader, Quotas, QuotaThrottle],
      );
      try {
        const http = app.getHttpServer() as Parameters<typeof request>[0];
        // The permission's injected service decides.
        await request(http).get('/reader-items').set('x-reader', 'reader').expect(200);
        const refused = await request(http)
          .get('/reader-items')
          .set('x-reader', 'stranger')
          .expect(403);
        expect(refused.body.error).toEqual({
          code: 'permission_denied',
          message: 'Closed to this reader.',
          details: {},
        });
        // The throttle's injected service sets the limit header.
        const limited = await request(http).get('/quota-items').expect(200);
        expect(limited.headers['ratelimit-limit']).toBe('5');
        // The authenticator's injected service recognises the key.
        await request(http).get('/keyed-items').set('x-api-key', 'k-1').expect(200);
      } finally {
        await app.close();
      }
    });
  });
});
