/**
 * nestjs-restflow/testing: the test client, the request factory and the Jest test bases for
 * apps built with nestjs-restflow. Everything here is exported by name.
 */
export { createRestflowTestingApp } from './create-restflow-testing-app';
export type {
  CompiledTestingModule,
  RestflowTestingAppOptions,
} from './create-restflow-testing-app';
export { forceAuthenticate } from './force-authenticate';
export { mockExecutionContext } from './mock-execution-context';
export { RestflowRequestFactory } from './request-factory';
export type { TestRequest, TestRequestInit } from './request-factory';
export { RestflowTestClient } from './restflow-test-client';
export type { TestRequestOptions, TestResponse } from './restflow-test-client';
export { useLiveServer } from './use-live-server';
export { useRealTransactionTests } from './use-real-transaction-tests';
export { useRestflowTestingApp } from './use-restflow-testing-app';
export type { RestflowTestingContext } from './use-restflow-testing-app';
export { useTransactionalTests } from './use-transactional-tests';
