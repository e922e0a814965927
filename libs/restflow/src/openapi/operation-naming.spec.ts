import { OperationNaming } from './operation-naming';

describe('OperationNaming (drf-spectacular names from paths)', () => {
  const paths = [
    '/api',
    '/api/health',
    '/api/products',
    '/api/products/{id}',
    '/api/products/{id}/restock',
    '/api/auth/token',
  ];
  const naming = new OperationNaming(paths, undefined);

  it('finds the shared prefix where the paths branch into resources', () => {
    expect(naming.prefix).toBe('/api');
  });

  it.each([
    ['/api/products', 'get', true, 'products_list'],
    ['/api/products', 'post', false, 'products_create'],
    ['/api/products/{id}', 'get', false, 'products_retrieve'],
    ['/api/products/{id}', 'put', false, 'products_update'],
    ['/api/products/{id}', 'patch', false, 'products_partial_update'],
    ['/api/products/{id}', 'delete', false, 'products_destroy'],
    ['/api/products/{id}/restock', 'post', false, 'products_restock_create'],
    ['/api/auth/token', 'post', false, 'auth_token_create'],
    ['/api', 'get', false, 'root_retrieve'],
  ])('%s %s → %s', (path, method, list, id) => {
    expect(naming.operationId(path, method, list)).toBe(id);
  });

  it('tags by the first segment after the prefix', () => {
    expect(naming.tag('/api/products/{id}/restock')).toBe('products');
    expect(naming.tag('/api')).toBe('root');
  });

  it('keeps a lone resource as a name, not a prefix', () => {
    const single = new OperationNaming(['/products', '/products/{id}'], undefined);
    expect(single.prefix).toBe('/');
    expect(single.operationId('/products/{id}', 'get', false)).toBe('products_retrieve');
  });

  it('always leaves out the global prefix', () => {
    const prefixed = new OperationNaming(['/v1/products', '/v1/products/{id}'], undefined, 'v1');
    expect(prefixed.prefix).toBe('/v1');
    expect(prefixed.operationId('/v1/products', 'get', true)).toBe('products_list');
    expect(prefixed.tag('/v1/products/{id}')).toBe('products');
  });

  it('takes an explicit prefix and turns other characters into underscores', () => {
    const explicit = new OperationNaming([], '/v1');
    expect(explicit.operationId('/v1/order-lines/{id}', 'get', false)).toBe('order_lines_retrieve');
  });
});
