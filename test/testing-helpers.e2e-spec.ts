import { DataSource } from 'typeorm';
import { IsAuthenticated } from 'nestjs-restflow';
import {
  forceAuthenticate,
  RestflowRequestFactory,
  useLiveServer,
  useRealTransactionTests,
  useRestflowTestingApp,
  useTransactionalTests,
} from 'nestjs-restflow/testing';
import { CommittedNotesSubscriber } from './fixtures/testing-helpers/committed-notes.subscriber';
import { Note } from './fixtures/testing-helpers/note.entity';
import { TestingHelpersModule } from './fixtures/testing-helpers/testing-helpers.module';
import { ADAPTERS } from './utils/adapters';

const alice = { id: 1, username: 'alice' };

describe.each(ADAPTERS)('nestjs-restflow/testing on %s', (adapter) => {
  describe('useTransactionalTests', () => {
    const testing = useRestflowTestingApp({ imports: [TestingHelpersModule], adapter });
    useTransactionalTests(testing);

    it('writes rows inside the test (forceAuthenticate satisfies IsAuthenticated)', async () => {
      testing.client.forceAuthenticate(alice);
      const created = await testing.client.post('/notes', { text: 'rolled back' });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({ id: expect.any(Number), text: 'rolled back' });
      const listed = await testing.client.get('/notes');
      expect(listed.body).toEqual([created.body]);
    });

    it('finds the rows of the previous test gone, and no commit ever happened', async () => {
      testing.client.forceAuthenticate(alice);
      expect((await testing.client.get('/notes')).body).toEqual([]);
      expect(await testing.app.get(DataSource).getRepository(Note).count()).toBe(0);
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
      expect((await testing.client.patch(`/notes/${note.id}`, { text: 'c' })).body.text).toBe('c');
      const head = await testing.client.head(`/notes/${note.id}`);
      expect(head.status).toBe(200);
      expect(head.body).toBeUndefined();
      const options = await testing.client.options('/notes');
      expect([200, 204]).toContain(options.status);
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
    const testing = useRestflowTestingApp({ imports: [TestingHelpersModule], adapter });
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
