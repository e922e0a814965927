import { Controller, Get, Inject, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { getRepositoryToken } from '@nestjs/typeorm';
import { DataSource, type Repository } from 'typeorm';
import { AuthenticationGuard, IsAuthenticated, PermissionsGuard } from 'nestjs-restflow';
import {
  createRestflowTestingApp,
  forceAuthenticate,
  mockExecutionContext,
  RestflowRequestFactory,
  RestflowTestClient,
  useLiveServer,
  useRealTransactionTests,
  useRestflowTestingApp,
  useTransactionalTests,
} from 'nestjs-restflow/testing';
import { CommittedNotesSubscriber } from './fixtures/testing-helpers/committed-notes.subscriber';
import { Note } from './fixtures/testing-helpers/note.entity';
import {
  Greeter,
  NoteViewSet,
  TESTING_HELPERS_ENTITIES,
  TestingHelpersDatabaseModule,
  TestingHelpersModule,
} from './fixtures/testing-helpers/testing-helpers.module';
import { ADAPTERS } from './utils/adapters';
import { testDatabases } from './utils/databases';
import { useTestDatabase } from './utils/e2e-hooks';

/** A controller whose dependency nobody provides: the app cannot boot. */
class MissingService {}
@Controller('broken')
class BrokenController {
  constructor(@Inject(MissingService) readonly missing: MissingService) {}
  @Get()
  get(): string {
    return 'never';
  }
}
@Module({ controllers: [BrokenController] })
class BrokenModule {}

const alice = { id: 1, username: 'alice' };

describe.each(ADAPTERS)('nestjs-restflow/testing on %s', (adapter) => {
  describe.each(testDatabases())('on %s', (databaseName) => {
    const database = useTestDatabase(databaseName);

    describe('useTransactionalTests', () => {
      const testing = useRestflowTestingApp(() => ({
        imports: [
          TestingHelpersDatabaseModule.forDatabase(database().options(TESTING_HELPERS_ENTITIES)),
        ],
        adapter,
      }));
      useTransactionalTests(testing);

      it('writes rows inside the test (forceAuthenticate satisfies IsAuthenticated)', async () => {
        testing.client.forceAuthenticate(alice);
        const created = await testing.client.post('/notes', { text: 'rolled back' });
        expect(created.status).toBe(201);
        expect(created.body).toEqual({ id: expect.any(Number), text: 'rolled back' });
        const listed = await testing.client.get('/notes');
        expect(listed.body).toEqual([created.body]);
        // An injected repository joins the test's transaction: it sees the uncommitted row.
        const repository = testing.app.get<Repository<Note>>(getRepositoryToken(Note));
        expect(await repository.findOneBy({ text: 'rolled back' })).toEqual(created.body);
      });

      it('finds the rows of the previous test gone, and no commit ever happened', async () => {
        testing.client.forceAuthenticate(alice);
        expect((await testing.client.get('/notes')).body).toEqual([]);
        expect(await testing.app.get(DataSource).getRepository(Note).count()).toBe(0);
        expect(await testing.app.get<Repository<Note>>(getRepositoryToken(Note)).count()).toBe(0);
        expect(testing.app.get(CommittedNotesSubscriber).committed).toEqual([]);
      });

      it('starts every test logged out; logout() ends forced authentication', async () => {
        const anonymous = await testing.client.get('/notes');
        expect(anonymous.status).toBe(403);
        expect(anonymous.body.error.code).toBe('permission_denied');
        testing.client.forceAuthenticate(alice);
        expect((await testing.client.get('/notes')).status).toBe(200);
        testing.client.logout();
        expect((await testing.client.get('/notes')).status).toBe(403);
      });

      it('sends every method, JSON by default', async () => {
        testing.client.forceAuthenticate(alice);
        const { body: note } = await testing.client.post<{ id: number }>('/notes', { text: 'a' });
        expect((await testing.client.put(`/notes/${note.id}`, { text: 'b' })).body.text).toBe('b');
        expect((await testing.client.patch(`/notes/${note.id}`, { text: 'c' })).body.text).toBe(
          'c',
        );
        const head = await testing.client.head(`/notes/${note.id}`);
        expect(head.status).toBe(200);
        expect(head.body).toBeUndefined();
        // A restflow view answers OPTIONS with its metadata, as DRF does.
        const options = await testing.client.options<{ name: string }>('/notes');
        expect(options.status).toBe(200);
        expect(typeof options.body.name).toBe('string');
        expect((await testing.client.delete(`/notes/${note.id}`)).status).toBe(204);
        expect((await testing.client.get(`/notes/${note.id}`)).status).toBe(404);
      });

      it('sends credentials with every request until they are replaced or logged out', async () => {
        testing.client.credentials({ 'X-Token': 'one' });
        expect((await testing.client.get('/echo')).body).toEqual({ token: 'one' });
        testing.client.credentials({ 'X-Token': 'two' });
        expect((await testing.client.get('/echo')).body).toEqual({ token: 'two' });
        testing.client.logout();
        expect((await testing.client.get('/echo')).body).toEqual({ token: null });
      });
    });

    describe('useRealTransactionTests', () => {
      const testing = useRestflowTestingApp(() => ({
        imports: [
          TestingHelpersDatabaseModule.forDatabase(database().options(TESTING_HELPERS_ENTITIES)),
        ],
        adapter,
      }));
      useRealTransactionTests(testing);

      it('commits for real: after-commit work runs', async () => {
        testing.client.forceAuthenticate(alice);
        expect((await testing.client.post('/notes', { text: 'committed' })).status).toBe(201);
        expect(testing.app.get(CommittedNotesSubscriber).committed).toEqual(['committed']);
      });

      it('empties the tables after each test', async () => {
        expect(await testing.app.get(DataSource).getRepository(Note).count()).toBe(0);
      });
    });
  });

  describe('the request factory drives views and guards without HTTP', () => {
    const testing = useRestflowTestingApp({ imports: [TestingHelpersModule], adapter });
    useTransactionalTests(testing);
    const factory = new RestflowRequestFactory();

    it('calls a view action directly with a factory request', async () => {
      const view = testing.app.get(NoteViewSet);
      const note = await testing.app.get(DataSource).getRepository(Note).save({ text: 'direct' });
      const request = factory.get(`/notes/${note.id}`, {
        params: { id: String(note.id) },
        action: 'retrieve',
      });
      await expect(view.retrieve(request)).resolves.toEqual({ id: note.id, text: 'direct' });
      const missing = factory.get('/notes/999', { params: { id: '999' }, action: 'retrieve' });
      await expect(view.retrieve(missing)).rejects.toMatchObject({ status: 404 });
      // The action named by the factory decides which ActionConfig applies.
      const text = factory.get(`/notes/${note.id}/text`, {
        params: { id: String(note.id) },
        action: 'text',
      });
      await expect(view.text(text)).resolves.toEqual({ text: 'direct' });
      const unnamed = factory.get(`/notes/${note.id}/text`, { params: { id: String(note.id) } });
      await expect(view.text(unnamed)).resolves.toEqual({ id: note.id, text: 'direct' });
      testing.client.forceAuthenticate(alice);
      expect((await testing.client.get(`/notes/${note.id}/text`)).body).toEqual({ text: 'direct' });
    });

    it('runs the authentication and permission guards on a mocked context', async () => {
      const authentication = testing.app.get(AuthenticationGuard);
      const permissions = testing.app.get(PermissionsGuard);
      const anonymous = factory.post('/notes', { text: 'x' });
      const context = mockExecutionContext(anonymous, NoteViewSet, 'create');
      await expect(authentication.canActivate(context)).resolves.toBe(true);
      await expect(permissions.canActivate(context)).rejects.toMatchObject({ status: 403 });
      const signedIn = forceAuthenticate(factory.post('/notes', { text: 'x' }), alice);
      const allowed = mockExecutionContext(signedIn, NoteViewSet, 'create');
      await expect(authentication.canActivate(allowed)).resolves.toBe(true);
      expect(signedIn.user).toBe(alice);
      await expect(permissions.canActivate(allowed)).resolves.toBe(true);
    });
  });

  describe('createRestflowTestingApp', () => {
    it('rejects a boot failure (a missing provider) without aborting the process', async () => {
      await expect(createRestflowTestingApp({ imports: [BrokenModule], adapter })).rejects.toThrow(
        /MissingService/,
      );
    });

    it('takes a compiled testing module, with its overridden providers', async () => {
      const module = await Test.createTestingModule({ imports: [TestingHelpersModule] })
        .overrideProvider(Greeter)
        .useValue({ greet: () => 'overridden' })
        .compile();
      const app = await createRestflowTestingApp({ module, adapter });
      try {
        const response = await new RestflowTestClient(app).get('/greeting');
        expect(response.body).toEqual({ text: 'overridden' });
      } finally {
        await app.close();
      }
    });

    it('configures the HTTP layer as in production: body limit, trailing slash', async () => {
      const app = await createRestflowTestingApp({
        imports: [TestingHelpersModule],
        adapter,
        http: { bodyLimit: 100 },
      });
      try {
        const client = new RestflowTestClient(app).forceAuthenticate(alice);
        const tooLarge = await client.post('/notes', { text: 'x'.repeat(200) });
        expect(tooLarge.status).toBe(413);
        expect(tooLarge.body.error.code).toBe('parse_error');
        expect((await client.get('/echo/')).body).toEqual({ token: null });
      } finally {
        await app.close();
      }
    });

    it('refuses options without the app, naming them', async () => {
      await expect(createRestflowTestingApp({ adapter })).rejects.toThrow(
        /createRestflowTestingApp\(\) needs the app: `imports: \[AppModule\]`/,
      );
      const module = await Test.createTestingModule({ imports: [TestingHelpersModule] }).compile();
      await expect(
        createRestflowTestingApp({ module, imports: [TestingHelpersModule], adapter }),
      ).rejects.toThrow(/got both `module` and `imports`/);
      await module.close();
    });
  });

  describe('useRestflowTestingApp with options built in beforeAll', () => {
    let text = 'unset';
    beforeAll(() => {
      text = 'from beforeAll';
    });
    const testing = useRestflowTestingApp(() => ({
      imports: [TestingHelpersModule],
      adapter,
      configure: (app) => {
        app.get(Greeter).greet = () => text;
      },
    }));

    it('reads them when the app boots', async () => {
      expect((await testing.client.get('/greeting')).body).toEqual({ text: 'from beforeAll' });
    });
  });

  describe('useLiveServer', () => {
    const testing = useRestflowTestingApp({ imports: [TestingHelpersModule], adapter });
    const server = useLiveServer(testing);

    it('serves on an ephemeral loopback port', async () => {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const response = await fetch(`${server.url}/echo`, { headers: { 'x-token': 'live' } });
      expect(await response.json()).toEqual({ token: 'live' });
    });
  });
});

describe('RestflowRequestFactory', () => {
  const factory = new RestflowRequestFactory();

  it('drives a permission without HTTP', () => {
    const permission = new IsAuthenticated();
    const anonymous = factory.post('/notes', { text: 'x' });
    expect(permission.hasPermission(anonymous)).toBe(false);
    const request = forceAuthenticate(factory.post('/notes', { text: 'x' }), alice);
    expect(permission.hasPermission(request)).toBe(true);
    expect(request.user).toBe(alice);
    expect(permission.hasPermission(forceAuthenticate(request, null))).toBe(false);
  });

  it('parses the query string and keeps the JSON body', () => {
    const request = factory.get('/notes?tag=a&tag=b&page=2', { params: { id: '7' } });
    expect(request.method).toBe('GET');
    expect({ ...request.query }).toEqual({ tag: ['a', 'b'], page: '2' });
    expect(request.params).toEqual({ id: '7' });
    expect(factory.patch('/notes/7', { text: 'y' }).body).toEqual({ text: 'y' });
    expect(factory.patch('/notes/7', { text: 'y' }).headers['content-type']).toBe(
      'application/json',
    );
  });
});
