import { ConfigurableModuleBuilder } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { RESTFLOW_MODULE_OPTIONS } from './config/options.tokens';
import type { RestflowModuleOptions } from './config/restflow-options.interface';
import { RestflowExceptionFilter } from './exceptions/restflow-exception.filter';

/**
 * Builder-made `forRoot` / `forRootAsync`. Two extras sit beside the options (they shape the
 * module itself, so `forRootAsync` takes them at the top level too):
 * - `isGlobal` (default `true`): every module sees the options without importing the module;
 * - `globalExceptionFilter` (default `false`): also registers {@link RestflowExceptionFilter}
 *   as an `APP_FILTER`, so every error of the app is rendered as the envelope.
 */
export const {
  ConfigurableModuleClass: RestflowConfigurableModule,
  OPTIONS_TYPE: RESTFLOW_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: RESTFLOW_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<RestflowModuleOptions>({
  moduleName: 'Restflow',
  optionsInjectionToken: RESTFLOW_MODULE_OPTIONS,
})
  .setClassMethodName('forRoot')
  .setFactoryMethodName('createRestflowOptions')
  .setExtras({ isGlobal: true, globalExceptionFilter: false }, (definition, extras) => ({
    ...definition,
    global: extras.isGlobal,
    providers: extras.globalExceptionFilter
      ? [
          ...(definition.providers ?? []),
          { provide: APP_FILTER, useClass: RestflowExceptionFilter },
        ]
      : definition.providers,
  }))
  .build();
