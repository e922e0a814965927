import * as nestConstants from '@nestjs/common/constants.js';
import {
  NEST_GUARDS_METADATA,
  NEST_HTTP_CODE_METADATA,
  NEST_INTERCEPTORS_METADATA,
  NEST_METHOD_METADATA,
  NEST_PARAMTYPES_METADATA,
  NEST_PATH_METADATA,
  NEST_PROPERTY_DEPS_METADATA,
  NEST_SELF_DECLARED_DEPS_METADATA,
} from './nest-metadata-keys';

// The library may not import Nest's private constants file; this test may, to prove the copies
// match the Nest the workspace runs.
describe('Nest metadata keys', () => {
  it('match the keys of the installed @nestjs/common', () => {
    expect(NEST_PATH_METADATA).toBe(nestConstants.PATH_METADATA);
    expect(NEST_METHOD_METADATA).toBe(nestConstants.METHOD_METADATA);
    expect(NEST_HTTP_CODE_METADATA).toBe(nestConstants.HTTP_CODE_METADATA);
    expect(NEST_GUARDS_METADATA).toBe(nestConstants.GUARDS_METADATA);
    expect(NEST_INTERCEPTORS_METADATA).toBe(nestConstants.INTERCEPTORS_METADATA);
    expect(NEST_PARAMTYPES_METADATA).toBe(nestConstants.PARAMTYPES_METADATA);
    expect(NEST_SELF_DECLARED_DEPS_METADATA).toBe(nestConstants.SELF_DECLARED_DEPS_METADATA);
    expect(NEST_PROPERTY_DEPS_METADATA).toBe(nestConstants.PROPERTY_DEPS_METADATA);
  });
});
